// The site published under a sub-path, as a GitHub Pages project site (issue 17, item 5):
// the demo built with `--base-url https://org.github.io/cisp/` ($CISPGEN_SITE_CISP), served
// under /cisp/ only (every other path is a plain 404), in Chromium at 360 × 800:
// - the home page loads with its style sheet; its « Chercher » link leads to the search;
// - « Namur » and « cuisine » give results, whose first card leads to a track page;
// - the service worker registers with the scope /cisp/, and a visited track page reloads
//   offline (server stopped);
// - the 404 page, served for a missing page under /cisp/, loads its style sheet;
// - no request asks for a path outside /cisp/, and no response is an error (but the 404).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveSite, launchBrowser, assertNoExternalRequests } from './lib.mjs';

const BASE = '/cisp';
const MOBILE = { width: 360, height: 800 };

function dossier() {
  const dir = process.env.CISPGEN_SITE_CISP;
  if (!dir || !existsSync(path.join(dir, 'index.html'))) {
    throw new Error(
      `CISPGEN_SITE_CISP=${dir ?? ''}: build the site under a sub-path first, e.g.\n` +
        '  cargo run --release -- build --out /tmp/site-cisp --today 2026-11-23 --base-url https://org.github.io/cisp/\n' +
        '  CISPGEN_SITE_CISP=/tmp/site-cisp node --test tests/browser/sous-chemin.test.mjs',
    );
  }
  return path.resolve(dir);
}

/** A context at 360 px with the service worker allowed, recording requests and failures. */
async function contexte(browser) {
  const context = await browser.newContext({ viewport: MOBILE, locale: 'fr-BE', serviceWorkers: 'allow' });
  const requests = [];
  const echecs = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('response', (r) => {
    if (r.status() >= 400) echecs.push(`${r.status()} ${r.url()}`);
  });
  context.on('requestfailed', (r) => echecs.push(`failed ${r.url()}`));
  return { context, requests, echecs };
}

/** Requests of the site's host whose path is not under /cisp/. */
function horsDuSite(requests, origin) {
  return requests.filter((u) => u.startsWith(origin) && !new URL(u).pathname.startsWith(`${BASE}/`));
}

async function styleChargee(page) {
  return page.evaluate(() => [...document.styleSheets].some((s) => s.href && s.cssRules.length > 10));
}

describe('le site sous /cisp/', () => {
  let server, browser, dir;
  before(async () => {
    dir = dossier();
    server = await serveSite(dir, { base: BASE });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('accueil, recherche, fiche de formation, puis hors connexion', async () => {
    // A server of its own, stopped for the offline reload.
    const srv = await serveSite(dir, { base: BASE });
    let ouvert = true;
    const { context, requests, echecs } = await contexte(browser);
    try {
      const page = await context.newPage();
      const accueil = await page.goto(`${srv.url}${BASE}/`);
      assert.equal(accueil.status(), 200);
      assert.ok(await styleChargee(page), 'the style sheet of the home page');
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Chercher' }).click();
      await page.waitForURL(`${srv.url}${BASE}/recherche/`);

      await page.waitForFunction(() => document.getElementById('r-sans-js').hidden);
      await page.locator('#r-ou').pressSequentially('Namur', { delay: 20 });
      await page.locator('#r-quoi').pressSequentially('cuisine', { delay: 20 });
      await page.getByRole('button', { name: 'Chercher', exact: true }).click();
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'r-etat', null, { timeout: 20_000 });
      const cartes = await page.$$eval('li.carte h2 a, li.carte h3 a', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(cartes.length > 0, `results: ${await page.locator('#r-etat').textContent()}`);
      assert.ok(cartes.every((h) => h.startsWith(`${BASE}/formations/`)), cartes.join(' '));
      assert.equal(new URL(page.url()).pathname, `${BASE}/recherche/`);

      // The worker of this build, for the whole site and nothing else.
      const portee = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
      assert.equal(portee, `${srv.url}${BASE}/`);
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20_000 });

      await page.locator('li.carte h2 a, li.carte h3 a').first().click();
      await page.waitForURL(`${srv.url}${cartes[0]}`);
      const titre = await page.locator('h1').textContent();
      assert.ok(titre.trim().length > 0);
      assert.ok(await styleChargee(page), 'the style sheet of the track page');
      // Kept by the worker (network first, then put in its cache).
      await page.waitForFunction(
        async (chemin) => {
          for (const nom of await caches.keys()) {
            const c = await caches.open(nom);
            if ((await c.keys()).some((r) => new URL(r.url).pathname === chemin)) return true;
          }
          return false;
        },
        cartes[0],
        { timeout: 20_000, polling: 200 },
      );

      const enLigne = [...echecs];
      await context.setOffline(true);
      await srv.close();
      ouvert = false;
      await page.reload();
      assert.equal(await page.locator('h1').textContent(), titre, 'the track page, offline');

      assert.deepEqual(horsDuSite(requests, srv.url), [], 'requests outside /cisp/');
      assert.deepEqual(enLigne, [], 'errors while online');
      assertNoExternalRequests(requests, 'the sub-path journey');
    } finally {
      await context.close();
      if (ouvert) await srv.close();
    }
  });

  test('la page 404 sous /cisp/ garde sa feuille de style', async () => {
    const { context, requests, echecs } = await contexte(browser);
    try {
      const page = await context.newPage();
      const r = await page.goto(`${server.url}${BASE}/cette-page-n-existe-pas/`);
      assert.equal(r.status(), 404);
      assert.ok(await styleChargee(page), 'the style sheet of the 404 page');
      assert.equal(await page.getByRole('link', { name: 'Retour à l\'accueil' }).getAttribute('href'), `${BASE}/`);
      assert.deepEqual(horsDuSite(requests, server.url), []);
      assert.deepEqual(echecs.filter((e) => !e.includes('cette-page-n-existe-pas')), []);
      // Outside the sub-path, nothing of the site.
      const dehors = await page.goto(`${server.url}/formations/`);
      assert.equal(dehors.status(), 404);
    } finally {
      await context.close();
    }
  });
});
