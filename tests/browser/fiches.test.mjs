// The advisers' tools in a real browser:
// - every track's printable fiche (/formations/<slug>/fiche/) prints on exactly one A4 page
//   (page.pdf, preferCSSPageSize) — all of them, through one reused page;
// - the shortlist and the comparison (/comparer/?f=a,b,c) work from the fiches;
// - the job-title filter of /metiers/ finds a code;
// - the advisers' pages pass axe-core (WCAG 2.x A and AA);
// - nothing is requested outside 127.0.0.1.
// PDFs of failures go to target/test-artifacts/.

import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  artifactPath,
  assertNoExternalRequests,
  formatViolations,
  launchBrowser,
  pdfPageCount,
  runAxe,
  serveSite,
  siteDir,
} from './lib.mjs';

const dir = siteDir();

/** Slugs of the tracks that have a fiche, sorted. */
function fiches() {
  const root = path.join(dir, 'formations');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter((slug) => {
      try {
        return statSync(path.join(root, slug, 'fiche', 'index.html')).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

const slugs = fiches();

describe('fiches à imprimer et outils des conseillers', () => {
  let server;
  let browser;
  let context;
  let page;
  const requests = [];
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-BE', serviceWorkers: 'block' });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  test(`chaque fiche tient sur une seule page A4 (${slugs.length} fiches)`, { timeout: 30 * 60_000 }, async () => {
    assert.ok(slugs.length > 0, 'the built site has no fiche');
    const wrong = [];
    for (const slug of slugs) {
      const url = `/formations/${slug}/fiche/`;
      const response = await page.goto(server.url + url, { waitUntil: 'load', timeout: 60_000 });
      assert.equal(response.status(), 200, url);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      const pages = pdfPageCount(pdf);
      if (pages !== 1) {
        const file = artifactPath(`fiche-${slug}.pdf`);
        writeFileSync(file, pdf);
        wrong.push(`${url}: ${pages} pages (${file})`);
      }
    }
    assert.deepEqual(wrong, [], `fiches that do not print on one page:\n${wrong.join('\n')}`);
    assertNoExternalRequests(requests, 'the fiches');
  });

  test('la fiche a son code QR, ses liens e-mail et SMS, et le bouton de copie', async () => {
    const slug = slugs[0];
    await page.goto(`${server.url}/formations/${slug}/fiche/`);
    // What one learns, as the list of the description (issue 16, item 10).
    assert.ok((await page.locator('[data-champ="apprendre"] li').count()) >= 2);
    const qr = page.locator('svg.qr');
    assert.equal(await qr.count(), 1);
    const box = await qr.boundingBox();
    assert.ok(box && box.width >= 100 && box.height >= 100, `QR code too small: ${JSON.stringify(box)}`);
    const mail = await page.locator('a[href^="mailto:?subject="]').getAttribute('href');
    assert.match(decodeURIComponent(mail), new RegExp(`/formations/${slug}/`));
    const sms = await page.locator('a[href^="sms:"]').getAttribute('href');
    assert.match(decodeURIComponent(sms), new RegExp(`/formations/${slug}/`));
    // Progressive buttons: shown by the script.
    assert.ok(await page.locator('[data-action="copier"]').isVisible());
    assert.ok(await page.locator('[data-action="imprimer"]').isVisible());
  });

  test('la sélection et la comparaison de trois formations', async () => {
    const trois = slugs.slice(0, 3);
    for (const slug of trois) {
      await page.goto(`${server.url}/formations/${slug}/fiche/`);
      const bouton = page.locator('[data-selection]');
      await bouton.click();
      assert.equal(await bouton.getAttribute('aria-pressed'), 'true', slug);
    }
    // The track page shows the same state.
    await page.goto(`${server.url}/formations/${trois[0]}/`);
    assert.equal(await page.locator('[data-selection]').getAttribute('aria-pressed'), 'true');
    assert.ok(await page.locator('a[href$="/fiche/"]').first().isVisible());

    await page.goto(`${server.url}/comparer/`);
    assert.equal(await page.locator('.liste-selection li').count(), 3);
    await page.locator('.form-comparer .valider').click();
    await page.waitForURL(/\/comparer\/\?f=/);
    await page.locator('#comparaison:not([hidden]) tbody tr').first().waitFor();
    const heads = await page.locator('.tableau-comparaison thead th').count();
    assert.equal(heads, 3, 'three tracks side by side');
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.get('f').split(',').sort(), [...trois].sort());
    const rows = await page.locator('.tableau-comparaison tbody tr').count();
    assert.ok(rows >= 8, `${rows} rows`);
    const cells = await page.locator('.tableau-comparaison tbody td').allTextContents();
    assert.ok(cells.filter((t) => t !== '—').length > rows, 'the table is filled');

    // The shareable address works in a fresh browser (no shortlist there).
    const other = await browser.newContext();
    try {
      const p2 = await other.newPage();
      await p2.goto(page.url());
      await p2.locator('#comparaison:not([hidden]) tbody tr').first().waitFor();
      assert.equal(await p2.locator('.tableau-comparaison thead th').count(), 3);
    } finally {
      await other.close();
    }
    assertNoExternalRequests(requests, 'the comparison');
  });

  test('les pages des conseillers passent axe-core (WCAG A et AA)', { timeout: 5 * 60_000 }, async () => {
    const urls = [
      `/formations/${slugs[0]}/fiche/`,
      `/comparer/?f=${slugs.slice(0, 3).join(',')}`,
      '/couverture/',
      '/couverture/formation-professionnalisante/',
      '/donnees/',
      '/metiers/',
      '/metiers/d1102/',
      '/bassins/liege/',
    ];
    const problems = [];
    for (const url of urls) {
      await page.goto(server.url + url, { waitUntil: 'load' });
      if (url.startsWith('/comparer/')) {
        await page.locator('#comparaison:not([hidden]) tbody tr').first().waitFor();
      }
      const results = await runAxe(page);
      if (results.violations.length) {
        problems.push(formatViolations(results.violations, url));
      }
    }
    assert.equal(problems.length, 0, problems.join('\n'));
    assertNoExternalRequests(requests, "the advisers' pages");
  });

  test('le filtre de /metiers/ trouve un code par intitulé de métier', async () => {
    await page.goto(`${server.url}/metiers/`);
    const champ = page.locator('#filtre-metier');
    assert.ok(await champ.isVisible());
    await champ.fill('boulanger');
    await page.locator('.resultats-metiers li').first().waitFor();
    const liens = await page.locator('.resultats-metiers a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(liens.includes('/metiers/d1102/'), liens.join(' '));
    assertNoExternalRequests(requests, '/metiers/');
  });
});
