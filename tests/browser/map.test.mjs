// The overview map of the home page (an SVG in an <object>) renders in headless Chromium:
// screenshot in target/test-artifacts/carte-accueil.png, at least 250 paths (the
// municipalities), one link per place, and no request outside 127.0.0.1.

import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { artifactPath, assertNoExternalRequests, launchBrowser, openPage, serveSite, siteDir } from './lib.mjs';

const dir = siteDir();

/** `/lieux/<slug>/` of every place page of the built site. */
function placeUrls() {
  return readdirSync(path.join(dir, 'lieux'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `/lieux/${e.name}/`)
    .sort();
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

  test('la carte SVG se charge et se dessine', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/`);
    try {
      const map = page.locator('object.carte-wallonie');
      assert.equal(await map.count(), 1, 'the home page has one <object class="carte-wallonie">');
      await map.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => {
          const doc = document.querySelector('object.carte-wallonie')?.contentDocument;
          return !!doc && doc.getElementsByTagNameNS('*', 'path').length > 0;
        },
        null,
        { timeout: 30_000 },
      );
      const found = await page.evaluate(() => {
        const object = document.querySelector('object.carte-wallonie');
        const doc = object.contentDocument;
        const links = [...doc.getElementsByTagNameNS('*', 'a')];
        const box = object.getBoundingClientRect();
        return {
          root: doc.documentElement.localName,
          paths: doc.getElementsByTagNameNS('*', 'path').length,
          links: links.length,
          hrefs: links.map(
            (a) => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '',
          ),
          width: box.width,
          height: box.height,
        };
      });
      const places = placeUrls();
      assert.equal(found.root, 'svg', 'the <object> holds an SVG document');
      assert.ok(found.paths >= 250, `the map has ${found.paths} <path>, expected at least 250`);
      assert.equal(found.links, places.length, `the map has ${found.links} links, the site ${places.length} places`);
      const hrefs = [...new Set(found.hrefs.map((h) => h.replace(/^https?:\/\/[^/]+/, '')))].sort();
      assert.deepEqual(hrefs, places, 'each link of the map goes to a place page, and each place has one');
      assert.ok(found.width > 200 && found.height > 150, `the map is ${found.width}×${found.height} px`);

      const png = artifactPath('carte-accueil.png');
      await map.screenshot({ path: png });
      const size = statSync(png).size;
      assert.ok(size > 10_000, `the screenshot ${png} is only ${size} bytes: is the map blank?`);
      console.log(`# carte : ${found.paths} paths, ${found.links} liens, capture ${png} (${size} octets)`);

      assertNoExternalRequests(requests, '/');
    } finally {
      await context.close();
    }
  });
});
