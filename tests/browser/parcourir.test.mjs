// Place-aware browsing (issue 16, item 5), at 360 × 800 in headless Chromium, as a trainee:
// - a category page has the place box; « seraing » typed there gives that category's
//   tracks near Seraing, nearest first, with distances;
// - then a theme page offers the place of that last search, ready to send;
// - the home page has the « what » field: « menuisier » near Liège puts a track named
//   after the job first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { siteDir, serveSite, launchBrowser, assertNoExternalRequests, firstPageUnder } from './lib.mjs';

const dir = siteDir();

async function attendre(page) {
  await page.waitForFunction(() => /formation/.test(document.getElementById('r-etat')?.textContent ?? ''), null, { timeout: 20_000 });
  return page.$$eval('#r-resultats li.carte', (lis) => lis.map((li) => ({ classe: li.className, km: Number(li.dataset.km), rang: Number(li.dataset.rang ?? 0), titre: li.querySelector('h2').textContent })));
}

describe('parcourir près de chez soi', () => {
  let server, browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('catégorie, puis thème, avec le lieu de la dernière recherche', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'fr-BE', serviceWorkers: 'block' });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/categories/orientation/`);
      const ou = page.getByLabel(/Les plus proches de chez moi/);
      assert.equal(await ou.count(), 1, 'the place box');
      // Seen without scrolling, under the title and the count.
      const boite = await ou.boundingBox();
      assert.ok(boite && boite.y + boite.height <= 800, `place box at y = ${boite?.y}`);
      await ou.pressSequentially('seraing', { delay: 20 });
      await page.locator('.r-sugg [role="option"]').first().waitFor();
      await ou.press('Enter');
      await page.waitForURL(/\/recherche\/\?/);
      assert.match(page.url(), /cat=orientation/);
      const res = await attendre(page);
      assert.ok(res.length > 0, 'orientation tracks near Seraing');
      assert.ok(res.every((r) => /cat-orientation/.test(r.classe)), 'only that category');
      assert.ok(res.every((r, i) => i === 0 || res[i - 1].rang < r.rang || res[i - 1].km <= r.km), 'nearest first');
      assert.ok((await page.locator('#r-resultats .distance').count()) > 0, 'distances shown');
      // A theme page now offers Seraing.
      await page.goto(server.url + firstPageUnder(dir, 'secteurs'));
      await page.waitForFunction(() => document.querySelector('form.recherche input[name="ou"]').value !== '');
      assert.equal(await page.locator('form.recherche input[name="ou"]').inputValue(), 'Seraing');
      assertNoExternalRequests(requests, 'browsing');
    } finally {
      await context.close();
    }
  });

  test('l’accueil a le champ « quoi » : menuisier près de Liège', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'fr-BE', serviceWorkers: 'block' });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/`);
      await page.getByLabel('Ma commune ou mon code postal').fill('liege');
      await page.getByLabel(/Un métier, un thème/).fill('menuisier');
      await page.getByLabel(/Un métier, un thème/).press('Enter');
      await page.waitForURL(/\/recherche\/\?.*quoi=menuisier/);
      const res = await attendre(page);
      assert.ok(res.length > 0);
      assert.match(res[0].titre, /menuis/i, `first card: ${res[0].titre}`);
    } finally {
      await context.close();
    }
  });
});
