// A track page prints on exactly one A4 page (page.pdf, preferCSSPageSize): the first one,
// and the longest one (largest HTML file), with its text at 11 pt at least and what one
// learns kept. The PDFs are kept in target/test-artifacts/.

import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  artifactPath,
  assertNoExternalRequests,
  launchBrowser,
  openPage,
  pdfPageCount,
  serveSite,
  siteDir,
} from './lib.mjs';

const dir = siteDir();

function trackPages() {
  const root = path.join(dir, 'formations');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => {
      try {
        return { slug: e.name, size: statSync(path.join(root, e.name, 'index.html')).size };
      } catch {
        return null;
      }
    })
    .filter(Boolean)
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

const tracks = trackPages();
const longest = [...tracks].sort((a, b) => b.size - a.size || a.slug.localeCompare(b.slug))[0];
const cases = [
  ['la première', tracks[0]],
  ['la plus longue', longest],
];

describe("impression d'une fiche formation", () => {
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

  for (const [label, track] of cases) {
    test(`${label} tient sur une page A4 (${track ? track.slug : 'aucune'})`, async () => {
      assert.ok(track, 'the built site has no track page');
      const url = `/formations/${track.slug}/`;
      const { context, page, requests } = await openPage(browser, server.url + url);
      try {
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
        const file = artifactPath(`impression-${track.slug}.pdf`);
        writeFileSync(file, pdf);
        const pages = pdfPageCount(pdf);
        assert.equal(pages, 1, `${url} prints on ${pages} pages (PDF: ${file})`);
        // Print body text at 11 pt at least (issue 16, item 10); only the small print of the
        // page foot (update date, demo notice, QR caption) may be smaller.
        await page.emulateMedia({ media: 'print' });
        const petits = await page.evaluate(() =>
          [...document.querySelectorAll('main p, main li, main dd, main dt, main td')]
            .filter((el) => getComputedStyle(el).display !== 'none' && el.offsetParent !== null && el.textContent.trim())
            .filter((el) => !el.closest('.maj, .demo, .qr-code, .feuille-pied, .imprime-petit'))
            .filter((el) => parseFloat(getComputedStyle(el).fontSize) < (11 * 96) / 72 - 0.01)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${getComputedStyle(el).fontSize} « ${el.textContent.trim().slice(0, 30)} »`),
        );
        assert.deepEqual(petits, [], `${url}: text under 11 pt in print`);
        // What one learns is printed (its list included).
        const apprendre = await page.locator('#t-apprendre').evaluate((h) => h.parentElement.innerText);
        assert.ok(apprendre.length > 60, `${url}: « Ce que vous apprenez » printed: ${apprendre}`);
        assertNoExternalRequests(requests, url);
      } finally {
        await context.close();
      }
    });
  }
});
