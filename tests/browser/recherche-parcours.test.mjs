// The trainee's journeys on /recherche/ (issue 16, items 1–3), typed as people type, on the
// built demo site in headless Chromium at 360 × 800 (one at 1280 × 800):
// - for each job word (no accents, no hyphen, one typo) near a place, the first card's
//   title names the job whenever a track whose title names it lies within the radius;
//   when none does, the nearest such track beyond the radius comes first, labelled. The
//   expectation comes from the site's own data (donnees/catalogue.json and the gazetteer
//   files), not from a list written here, so the test fails if the ranking breaks;
// - after « Chercher », the focused element is the result heading, inside the viewport;
// - a typo gets « Vouliez-vous dire… » under the field;
// - the « Autour de moi » URL keeps the point (3 decimals) and reloads to the same
//   results without asking for the position again;
// - axe finds no WCAG A/AA violation on the results.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { siteDir, serveSite, launchBrowser, openPage, assertNoExternalRequests, runAxe, formatViolations, artifactPath } from './lib.mjs';

const dir = siteDir();
const MOBILE = { width: 360, height: 800 };
const RAYON = 25;

// [typed in « Quoi ? », the job it names, typed in « Où ? »]
const PARCOURS = [
  ['menuisier', 'menuisier', 'liege'],
  ['menuisierr', 'menuisier', 'liege'],
  ['aide soignant', 'aide soignant', 'namur'],
  ['cuisine', 'cuisine', 'namur'],
  ['boulanger', 'boulanger', 'namur'],
  ['electricien', 'electricien', 'charleroi'],
  ['cuisine', 'cuisine', '4101'],
  ['boulanger', 'boulanger', 'arlon'],
  ['menuisier', 'menuisier', 'arlon'],
];

function fold(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A title names a job when each word of the job starts a word of the title (its first
 *  six letters: « menuisier » → Menuiserie, « electricien » → Électricité). */
function nomme(titre, metier) {
  const mots = fold(titre).split(' ');
  return fold(metier)
    .split(' ')
    .every((m) => mots.some((t) => t.startsWith(m.slice(0, 6))));
}

function km(a, b) {
  const r = Math.PI / 180;
  const la = (b.y - a.y) * r;
  const lo = (b.x - a.x) * r;
  const h = Math.sin(la / 2) ** 2 + Math.cos(a.y * r) * Math.cos(b.y * r) * Math.sin(lo / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const catalogue = JSON.parse(readFileSync(path.join(dir, 'donnees', 'catalogue.json'), 'utf8'));
const lieux = new Map(catalogue.lieux.map((l) => [l.id, { x: l.lon, y: l.lat }]));

/** The point the page searches from, read from the published gazetteer. */
function pointDe(ou, manifeste) {
  const f = fold(ou);
  const cle = /^\d/.test(f) ? f.slice(0, 2) : f.charAt(0);
  const g = JSON.parse(readFileSync(path.join(dir, manifeste.g[cle]), 'utf8'));
  const pt = (x, y) => ({ x: x / 1e3 + 2.5, y: y / 1e3 + 49.4 });
  const p = (g.p || []).find((e) => e[0] === f);
  if (p) return pt(p[3], p[4]);
  const c = (g.c || []).find((e) => fold(e[0]) === f);
  assert.ok(c, `« ${ou} » is in the gazetteer`);
  return pt(c[2], c[3]);
}

/** The tracks whose title names the job, with their nearest place: [{ titre, km }]. */
function attendues(metier, point) {
  return catalogue.filieres
    .filter((f) => nomme(f.titre, metier))
    .map((f) => ({ titre: f.titre, km: Math.min(...f.lieux.map((l) => km(point, lieux.get(typeof l === 'string' ? l : l.id))))}))
    .sort((a, b) => a.km - b.km);
}

/** Every card in page order (beyond the radius first): [{ titre, km, rang, loin }]. */
async function cartes(page) {
  return page.$$eval('li.carte', (lis) =>
    lis.map((li) => ({
      titre: li.querySelector('h2, h3').textContent,
      km: Number(li.dataset.km),
      rang: Number(li.dataset.rang),
      loin: !!li.closest('#r-loin'),
      href: li.querySelector('a').getAttribute('href'),
    })),
  );
}

/** Waits until the result heading has the focus (after « Chercher »). */
async function attendreFocus(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'r-etat', null, { timeout: 20_000 });
}

async function enVue(page, where) {
  const h = await page.evaluate(() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    return { tag: e.tagName, tabindex: e.getAttribute('tabindex'), top: r.top, bottom: r.bottom, h: innerHeight };
  });
  assert.equal(h.tag, 'H2', where);
  assert.equal(h.tabindex, '-1', where);
  assert.ok(h.top >= 0 && h.bottom <= h.h, `${where}: heading at y = ${h.top}–${h.bottom}, viewport ${h.h}`);
}

describe('les parcours de recherche', () => {
  let server, browser, manifeste;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
    manifeste = JSON.parse(readFileSync(path.join(dir, 'static', 'recherche', 'manifeste.json'), 'utf8'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [tape, metier, ou] of PARCOURS) {
    test(`« ${tape} » près de « ${ou} » : le métier d’abord, et les résultats sous les yeux`, async () => {
      const { context, page, requests } = await openPage(browser, `${server.url}/recherche/`, { viewport: MOBILE });
      try {
        await page.waitForFunction(() => document.getElementById('r-sans-js').hidden);
        await page.locator('#r-ou').pressSequentially(ou, { delay: 20 });
        await page.locator('#r-quoi').pressSequentially(tape, { delay: 20 });
        await page.getByRole('button', { name: 'Chercher', exact: true }).click();
        await attendreFocus(page);
        await enVue(page, `${tape} / ${ou}`);
        const res = await cartes(page);
        const att = attendues(metier, pointDe(ou, manifeste));
        const dedans = att.filter((a) => a.km <= RAYON - 0.1);
        const ambigu = att.some((a) => Math.abs(a.km - RAYON) < 0.1);
        if (dedans.length) {
          assert.ok(res.length > 0, 'des résultats');
          assert.ok(nomme(res[0].titre, metier), `first card « ${res[0].titre} », expected a title naming « ${metier} » (${dedans.map((a) => `${a.titre} ${a.km.toFixed(1)} km`).join(', ')})`);
          assert.equal(res[0].loin, false);
          assert.equal(res[0].rang, 0);
        } else if (att.length && !ambigu) {
          // None within the radius: the nearest title match beyond it comes first, labelled.
          assert.ok(res.length > 0 && res[0].loin, `a card beyond ${RAYON} km first: ${JSON.stringify(res.slice(0, 3))}`);
          assert.ok(nomme(res[0].titre, metier), `first card « ${res[0].titre} »`);
          assert.ok(res[0].km > RAYON);
          assert.ok(Math.abs(res[0].km - att[0].km) < 0.5, `the nearest: ${att[0].titre} at ${att[0].km.toFixed(1)} km, shown ${res[0].km}`);
          // « Aucune formation pour « boulanger » à moins de 25 km de Namur. » then « Les plus
          // proches, au-delà de 25 km : », or, with other tracks within the radius,
          // « Aucune formation « boulanger » dans son titre à moins de 25 km. Les plus proches : ».
          const titre = await page.locator('#r-loin h2').textContent();
          if (res.some((r) => !r.loin)) {
            assert.match(titre, new RegExp(`^Aucune formation .* dans son titre à moins de ${RAYON} km\\. Les plus proches :$`));
          } else {
            assert.match(await page.locator('#r-etat').textContent(), new RegExp(`^Aucune formation .* à moins de ${RAYON} km`));
            assert.equal(titre, `Les plus proches, au-delà de ${RAYON} km :`);
          }
        }
        // Cards other than title matches say why they are there.
        const raisons = await page.$$eval('li.carte', (lis) => lis.map((li) => [li.dataset.rang, !!li.querySelector('.r-proche')]));
        assert.ok(raisons.every(([r, p]) => (r === '0') !== p), JSON.stringify(raisons));
        if (tape !== metier) {
          const aide = page.locator('#r-quoi-aide');
          assert.ok(await aide.isVisible(), 'a suggestion under the field');
          assert.match(await aide.textContent(), new RegExp(`Vouliez-vous dire : « ${metier} »`));
        } else {
          assert.equal(await page.locator('#r-quoi-aide').isVisible(), false);
        }
        assert.equal(new URL(page.url()).searchParams.get('quoi'), tape);
        assertNoExternalRequests(requests, `/recherche/ ${tape}`);
      } finally {
        await context.close();
      }
    });
  }

  test('messages : commune inconnue et rien trouvé prennent aussi le focus, en vue', async () => {
    const { context, page } = await openPage(browser, `${server.url}/recherche/`, { viewport: MOBILE });
    try {
      await page.waitForFunction(() => document.getElementById('r-sans-js').hidden);
      await page.locator('#r-ou').fill('Zzyzx');
      await page.getByRole('button', { name: 'Chercher', exact: true }).click();
      await attendreFocus(page);
      await enVue(page, 'commune inconnue');
      assert.match(await page.locator('#r-etat').textContent(), /^Aucune commune/);
      assert.doesNotMatch(await page.locator('#r-etat').textContent(), /Wallonie/);
      // A place outside Wallonia: the page says the site covers Wallonia only.
      for (const ailleurs of ['Bruxelles', 'bruxelle', '1050', 'Gent']) {
        await page.evaluate(() => scrollTo(0, 0));
        await page.locator('#r-ou').fill(ailleurs);
        await page.getByRole('button', { name: 'Chercher', exact: true }).click();
        await page.waitForFunction((a) => document.getElementById('r-etat').textContent.includes(`« ${a} »`), ailleurs);
        await attendreFocus(page);
        await enVue(page, ailleurs);
        assert.match(await page.locator('#r-etat').textContent(), /ne couvre que la Wallonie/, ailleurs);
      }
      // Back to the top, then a search that finds nothing anywhere.
      await page.evaluate(() => scrollTo(0, 0));
      await page.locator('#r-ou').fill('Namur');
      await page.locator('#r-quoi').fill('xqzwv');
      await page.locator('#r-quoi').press('Enter');
      await page.waitForFunction(() => /xqzwv/.test(document.getElementById('r-etat').textContent));
      await attendreFocus(page);
      await enVue(page, 'rien trouvé');
    } finally {
      await context.close();
    }
  });

  test('position refusée : le message prend le focus', async () => {
    const { context, page } = await openPage(browser, `${server.url}/recherche/`, { viewport: MOBILE });
    try {
      await context.clearPermissions();
      await page.waitForFunction(() => !document.getElementById('r-moi').hidden);
      await page.locator('#r-moi').click();
      await attendreFocus(page);
      await enVue(page, 'position refusée');
      assert.match(await page.locator('#r-etat').textContent(), /position n’est pas disponible/);
    } finally {
      await context.close();
    }
  });

  test('« Autour de moi » : l’adresse garde le point et redonne les mêmes résultats', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/recherche/?quoi=cuisine`, { viewport: MOBILE });
    try {
      await context.grantPermissions(['geolocation'], { origin: server.url });
      await context.setGeolocation({ latitude: 50.63264, longitude: 5.57968 });
      await page.waitForFunction(() => !document.getElementById('r-moi').hidden);
      await page.locator('#r-moi').click();
      await attendreFocus(page);
      await page.waitForFunction(() => /de votre position/.test(document.getElementById('r-etat').textContent));
      await enVue(page, 'autour de moi');
      const u = new URL(page.url());
      assert.equal(u.searchParams.get('ou'), 'autour-de-moi');
      assert.equal(u.searchParams.get('pos'), '50.633,5.580', 'rounded to 3 decimals');
      const avant = await cartes(page);
      assert.ok(avant.length > 0);
      // The position is no longer given: the reload must not need it.
      await context.clearPermissions();
      await context.setGeolocation({ latitude: 49.68, longitude: 5.81 });
      await page.reload();
      await attendreFocus(page);
      assert.match(await page.locator('#r-etat').textContent(), /de votre position/);
      assert.deepEqual(await cartes(page), avant);
      assert.equal(await page.locator('#r-ou').inputValue(), 'Autour de moi');
      assertNoExternalRequests(requests, '/recherche/ autour de moi');
    } finally {
      await context.close();
    }
  });

  test('à 1280 × 800 aussi, et axe ne trouve rien sur les résultats', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/recherche/`, { viewport: { width: 1280, height: 800 } });
    try {
      await page.waitForFunction(() => document.getElementById('r-sans-js').hidden);
      await page.locator('#r-ou').pressSequentially('liege', { delay: 20 });
      await page.locator('#r-quoi').pressSequentially('menuisierr', { delay: 20 });
      await page.getByRole('button', { name: 'Chercher', exact: true }).click();
      await attendreFocus(page);
      await enVue(page, '1280 × 800');
      const res = await cartes(page);
      assert.ok(res.length > 0 && nomme(res[0].titre, 'menuisier'), JSON.stringify(res[0]));
      const { violations } = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations, '/recherche/ (résultats, 1280)'));
      assertNoExternalRequests(requests, '/recherche/ 1280');
    } finally {
      await context.close();
    }
  });

  test('à 360 px : axe sur les résultats, au-delà du rayon compris ; capture', async () => {
    const { context, page } = await openPage(browser, `${server.url}/recherche/?ou=Namur&quoi=boulanger`, { viewport: MOBILE });
    try {
      await attendreFocus(page);
      await enVue(page, 'boulanger / Namur (adresse)');
      await page.screenshot({ path: artifactPath('recherche-360-loin.png') });
      const { violations } = await runAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations, '/recherche/?ou=Namur&quoi=boulanger'));
      await page.goto(`${server.url}/recherche/?ou=Li%C3%A8ge&quoi=menuisier`);
      await attendreFocus(page);
      await page.screenshot({ path: artifactPath('recherche-360.png') });
      const axe2 = await runAxe(page);
      assert.equal(axe2.violations.length, 0, formatViolations(axe2.violations, '/recherche/?ou=Liège&quoi=menuisier'));
    } finally {
      await context.close();
    }
  });
});
