// The map of the home page (issue 16 item 6, issue 19 item 4), at 360 px wide:
// - it loads and draws (screenshot in target/test-artifacts/carte-accueil.png), one dot per
//   municipality with places, as many as its text alternative says;
// - it is no keyboard trap: from the last element before it, the first one after it (the
//   list by municipality) is at most 2 Tabs away, and at most one Tab stop is in the map;
// - whatever can be focused or clicked in or around it is at least 24 × 24 px (WCAG 2.2
//   SC 2.5.8), the link after it too;
// - on a first visit (gzip, production cache headers, service worker allowed), its bytes
//   are at most a fifth of the home page's;
// - no request leaves 127.0.0.1.

import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { artifactPath, assertNoExternalRequests, launchBrowser, openPage, serveSite, siteDir } from './lib.mjs';

const dir = siteDir();
const MOBILE = { width: 360, height: 740 };
/** What the keyboard reaches, in document order (as the sequential focus navigation does). */
const TABBABLE = 'a[href], area[href], button, input, select, textarea, object, iframe, summary, [tabindex], [contenteditable=""], [contenteditable="true"]';

/** The map's address and its SVG text, from the built home page. */
function mapFile() {
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const url = html.match(/\/static\/carte-wallonie\.[0-9a-f]{10}\.svg/)?.[0];
  assert.ok(url, 'the home page shows the fingerprinted map');
  return { url, svg: readFileSync(path.join(dir, url), 'utf8') };
}

describe("carte de l'accueil", () => {
  let server;
  let browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('la carte se charge et se dessine, et dit ce qu’elle montre', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/`, { viewport: MOBILE });
    try {
      const map = page.locator('.carte-wallonie');
      assert.equal(await map.count(), 1, 'the home page has one map');
      await map.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('img.carte-wallonie')?.complete, null, { timeout: 30_000 });
      const found = await map.evaluate((img) => ({
        tag: img.localName,
        natural: img.naturalWidth,
        alt: img.getAttribute('alt') ?? '',
        width: img.getBoundingClientRect().width,
        height: img.getBoundingClientRect().height,
      }));
      assert.equal(found.tag, 'img', 'an image: nothing inside it can take the focus');
      assert.ok(found.natural > 0, 'the SVG decoded');
      assert.ok(found.width > 300 && found.height > 150, `the map is ${found.width}×${found.height} px at 360 px`);

      const { svg } = mapFile();
      const places = Number(found.alt.match(/(\d+) lieux? de formation/)?.[1]);
      const communes = Number(found.alt.match(/dans (\d+) communes?/)?.[1]);
      assert.ok(places > 0 && communes > 0, `the text alternative says how many places, where: « ${found.alt} »`);
      const dots = (svg.match(/<circle\b/g) ?? []).length;
      assert.equal(dots, communes, `${dots} dots on the map, ${communes} municipalities in its text alternative`);
      assert.ok(communes <= places);
      assert.doesNotMatch(svg, /<a\b|href=|tabindex|<script|<foreignObject/i, 'nothing to follow, focus or run in the SVG');
      assert.ok((svg.match(/<path\b/g) ?? []).length >= 3, 'Wallonia, the German-speaking area, the provinces');

      const png = artifactPath('carte-accueil.png');
      await map.screenshot({ path: png });
      const size = statSync(png).size;
      assert.ok(size > 5_000, `the screenshot ${png} is only ${size} bytes: is the map blank?`);
      console.log(`# carte : ${dots} ronds, « ${found.alt} », capture ${png} (${size} octets)`);
      assertNoExternalRequests(requests, '/');
    } finally {
      await context.close();
    }
  });

  test('au clavier, la carte se passe en 2 Tab au plus, et ses cibles font au moins 24 px', async () => {
    const { context, page } = await openPage(browser, `${server.url}/`, { viewport: MOBILE });
    try {
      await page.waitForFunction(() => document.querySelector('.carte-wallonie')?.complete ?? true);
      // The map's block: the <figure> (or, failing that, the map itself).
      const around = await page.evaluate((sel) => {
        const map = document.querySelector('.carte-wallonie');
        const bloc = map.closest('figure') ?? map;
        const all = [...document.querySelectorAll(sel)].filter((e) => e.tabIndex >= 0 && e.getClientRects().length > 0);
        const before = all.filter((e) => e.compareDocumentPosition(bloc) & Node.DOCUMENT_POSITION_FOLLOWING && !bloc.contains(e));
        const after = all.filter((e) => e.compareDocumentPosition(bloc) & Node.DOCUMENT_POSITION_PRECEDING && !bloc.contains(e));
        const mark = (e, name) => e?.setAttribute('data-essai', name);
        mark(before.at(-1), 'avant');
        mark(after[0], 'apres');
        return {
          before: before.at(-1)?.outerHTML.slice(0, 120),
          after: after[0]?.getAttribute('href') ?? after[0]?.outerHTML.slice(0, 120),
          inside: all.filter((e) => bloc.contains(e)).length,
        };
      }, TABBABLE);
      assert.ok(around.before, 'something focusable comes before the map');
      assert.match(around.after ?? '', /\/communes\/$/, 'the first thing after the map is the list by municipality');
      assert.ok(around.inside <= 1, `${around.inside} focusable elements in the map's block`);

      await page.locator('[data-essai="avant"]').focus();
      const stops = [];
      for (let k = 0; k < 10; k++) {
        await page.keyboard.press('Tab');
        const here = await page.evaluate(() => {
          const e = document.activeElement;
          const inMap = !!e?.closest('figure, .carte-wallonie') || e?.localName === 'object';
          return { essai: e?.getAttribute('data-essai') ?? '', inMap, tag: e?.localName ?? '' };
        });
        stops.push(here);
        if (here.essai === 'apres') {
          break;
        }
      }
      const reached = stops.findIndex((s) => s.essai === 'apres') + 1;
      assert.ok(reached >= 1 && reached <= 2, `${reached || 'more than 10'} Tabs past the map: ${JSON.stringify(stops)}`);
      assert.ok(stops.filter((s) => s.inMap).length <= 1, `Tab stops in the map: ${JSON.stringify(stops)}`);

      // Targets: what can be focused or clicked in the map's block (links around the
      // image included), and the way into the list after it.
      const targets = await page.evaluate((sel) => {
        const map = document.querySelector('.carte-wallonie');
        const bloc = map.closest('figure') ?? map;
        const inside = [...bloc.querySelectorAll(`${sel}, [onclick], [role="button"], [role="link"]`)];
        const wrap = map.closest('a, button');
        const list = [...inside, ...(wrap ? [wrap] : []), document.querySelector('[data-essai="apres"]')];
        const doc = map.localName === 'object' ? map.contentDocument : null;
        const inner = doc ? [...doc.querySelectorAll('a, [tabindex], [onclick]')] : [];
        return [...list, ...inner].map((e) => {
          const r = e.getBoundingClientRect();
          return { what: e.outerHTML.slice(0, 80), width: r.width, height: r.height };
        });
      }, TABBABLE);
      assert.ok(targets.length >= 1);
      for (const t of targets) {
        assert.ok(t.width >= 24 && t.height >= 24, `target ${t.width}×${t.height} px < 24 × 24: ${t.what}`);
      }
      console.log(`# clavier : ${reached} Tab(s) pour passer la carte ; cibles ${targets.map((t) => `${Math.round(t.width)}×${Math.round(t.height)}`).join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('première visite : la carte pèse au plus un cinquième de la page d’accueil', async () => {
    const prod = await serveSite(dir, { gzip: true, production: true });
    const context = await browser.newContext({ viewport: MOBILE, locale: 'fr-BE', serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      await page.goto(`${prod.url}/`, { waitUntil: 'networkidle', timeout: 60_000 });
      await page.evaluate(() => navigator.serviceWorker.ready);
      await page.waitForTimeout(1500);
      const { url } = mapFile();
      const sent = [...prod.sent];
      const total = sent.reduce((sum, r) => sum + r.bytes, 0);
      const map = sent.filter((r) => r.url === url);
      assert.equal(map.length, 1, `the map is fetched once: ${JSON.stringify(sent)}`);
      const share = map[0].bytes / total;
      console.log(`# poids : carte ${map[0].bytes} o sur ${total} o (${(share * 100).toFixed(1)} %)`);
      assert.ok(map[0].bytes * 5 <= total, `the map is ${map[0].bytes} B of ${total} B`);
    } finally {
      await context.close();
      await prod.close();
    }
  });
});
