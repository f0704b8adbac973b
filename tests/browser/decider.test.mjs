// A track page says what a trainee decides on (issue 16, item 9), at 360 × 800 in headless
// Chromium: what they receive and what to bring (from site.yaml, never invented), for each
// place the bus lines, wheelchair access and a route link, and « Signaler une erreur » as
// an e-mail to the centre ready to write (not a data file).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { siteDir, serveSite, launchBrowser, openPage, assertNoExternalRequests, firstPageUnder } from './lib.mjs';

const dir = siteDir();

describe('la page d’une formation aide à décider', () => {
  let server, browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('ce que l’on reçoit, ce qu’on apporte, comment y aller, et à qui écrire', async () => {
    const url = firstPageUnder(dir, 'formations');
    const { context, page, requests } = await openPage(browser, server.url + url, { viewport: { width: 360, height: 800 } });
    try {
      const titre = (await page.locator('h1').textContent()).trim();
      // site.yaml of the demo: an allowance for each hour, travel costs.
      const recevez = page.locator('section[aria-labelledby="t-recevez"] li');
      assert.ok((await recevez.count()) >= 2);
      assert.match((await recevez.allTextContents()).join(' '), /indemnité.*heure/);
      assert.match(await page.locator('.seances').textContent(), /À apporter à la séance/);
      assert.match(await page.locator("p.apporter").textContent(), /carte d.identité/);
      // Each place: wheelchair access (or « nous ne savons pas ») and a route planner link.
      const lieux = page.locator('section[aria-labelledby="t-ou"] li.carte');
      const n = await lieux.count();
      assert.ok(n >= 1);
      for (let i = 0; i < n; i++) {
        const carte = lieux.nth(i);
        assert.match(await carte.textContent(), /Fauteuil roulant : (oui|non|nous ne savons pas)/);
        const route = await carte.getByRole('link', { name: /Itinéraire/ }).getAttribute('href');
        assert.match(route, /^https:\/\/www\.openstreetmap\.org\/directions\?to=-?\d+\.\d+%2C-?\d+\.\d+$/);
      }
      // « Signaler une erreur »: an e-mail to the centre, subject naming the track, body the page.
      const lien = await page.getByRole('link', { name: /Signaler une erreur/ }).getAttribute('href');
      assert.match(lien, /^mailto:[^?@]+@[^?]+\?subject=/);
      const sujet = decodeURIComponent(new URL(lien).searchParams.get('subject') ?? '');
      assert.ok(sujet.includes(titre.slice(0, 20)) || sujet.includes('Erreur sur'), sujet);
      assert.match(decodeURIComponent(lien), new RegExp(`${url}`));
      assertNoExternalRequests(requests, url);
    } finally {
      await context.close();
    }
  });
});
