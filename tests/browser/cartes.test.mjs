// The result cards for people without a car (issue 16, item 4), on /recherche/ at
// 360 × 800 in headless Chromium, as a trainee types (lower case, no accent):
// - the distance says « à vol d'oiseau », in whole kilometres from a commune's centre
//   (never « à 50 m » from a postcode), « environ » for a place placed by its locality,
//   and to 50 m from the phone's position;
// - the nearest station of the nearest place, with a walking time when it is near, and
//   French elision (« Gare d'Arlon », « à moins de 25 km d'Arlon »), when it is a walk away;
// - the next information session is the card's call to action: a link to the track's
//   sessions and its calendar file (served, text/calendar); without one, « sur
//   rendez-vous » with a link to the contact.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { siteDir, serveSite, launchBrowser, openPage, assertNoExternalRequests } from './lib.mjs';

const dir = siteDir();
const MOBILE = { width: 360, height: 800 };

async function attendreResultats(page) {
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'r-etat', null, { timeout: 20_000 });
}

/** What each card shows: distance, station, session link, agenda link, « sur rendez-vous ». */
async function cartes(page) {
  return page.$$eval('#r-resultats li.carte', (lis) =>
    lis.map((li) => ({
      titre: li.querySelector('h2, h3').textContent,
      distance: li.querySelector('.distance')?.textContent ?? null,
      gare: li.querySelector('.gare')?.textContent ?? null,
      seance: li.querySelector('.prochaine a')?.getAttribute('href') ?? null,
      prochaine: li.querySelector('.prochaine')?.textContent ?? null,
      ics: li.querySelector('.r-agenda a')?.getAttribute('href') ?? null,
    })),
  );
}

describe('les cartes de résultats, pour qui n’a pas de voiture', () => {
  let server, browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('depuis une commune : à vol d’oiseau, la gare, la séance et son agenda', async () => {
    const { context, page, requests } = await openPage(browser, `${server.url}/recherche/`, { viewport: MOBILE });
    try {
      await page.waitForFunction(() => document.getElementById('r-sans-js').hidden);
      await page.locator('#r-ou').pressSequentially('arlon', { delay: 20 });
      await page.getByRole('button', { name: 'Chercher', exact: true }).click();
      await attendreResultats(page);
      const etat = await page.locator('#r-etat').textContent();
      assert.match(etat, /à moins de 25 km d’Arlon/, etat);
      const res = await cartes(page);
      assert.ok(res.length >= 5, `${res.length} cards`);
      for (const c of res) {
        assert.match(c.distance, /^à (environ )?(moins de 1 km|\d+ km) à vol d’oiseau$/, `${c.titre}: ${c.distance}`);
        if (c.gare) {
          assert.match(c.gare, /^Gare (d’|de |du |des )\S/, c.gare);
          assert.doesNotMatch(c.gare, /^Gare de [AEIOUYÉ]/, 'elision');
          assert.match(c.gare, / à environ \d+ min à pied$/, c.gare);
        }
        if (c.ics) {
          assert.match(c.seance, /^\/formations\/[a-z0-9-]+\/#t-seances$/, c.titre);
          assert.match(c.prochaine, /^Séance d’information : \p{L}+ \d+(er)? \p{L}+ \d{4} à \d+ h/u, c.prochaine);
        } else {
          assert.match(c.prochaine, /^Séance d’information : sur rendez-vous, appelez le centre$/, `${c.titre}: ${c.prochaine}`);
          assert.match(c.seance, /#t-contact$/);
        }
      }
      assert.ok(res.some((c) => c.gare), 'at least one card names its station');
      // The calendar file of the first card with a session is the track page's own.
      const avec = res.find((c) => c.ics);
      assert.ok(avec, 'a card with a session');
      const ics = await page.request.get(`${server.url}${avec.ics}`);
      assert.equal(ics.status(), 200, avec.ics);
      assert.match(ics.headers()['content-type'] ?? '', /^text\/calendar/);
      const texte = await ics.text();
      assert.match(texte, /BEGIN:VEVENT/);
      const m = avec.ics.match(/seance-(\d{4})-(\d\d)-(\d\d)-(\d\d)h(\d\d)\.ics$/);
      assert.ok(m, avec.ics);
      assert.match(texte, new RegExp(`DTSTART[^:]*:${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}`), avec.ics);
      // The session link leads to the track's sessions.
      await page.locator('#r-resultats li.carte .prochaine a').first().click();
      await page.waitForURL(/#t-(seances|contact)$/);
      assert.equal(await page.locator(new URL(page.url()).hash).count(), 1);
      assertNoExternalRequests(requests, '/recherche/ arlon');
    } finally {
      await context.close();
    }
  });

  test('autour de moi : la distance au mètre près (à 50 m), toujours à vol d’oiseau', async () => {
    const url = `${server.url}/recherche/?ou=autour-de-moi&pos=50.633,5.580`;
    const { context, page } = await openPage(browser, url, { viewport: MOBILE });
    try {
      await attendreResultats(page);
      const res = await cartes(page);
      assert.ok(res.length > 0);
      assert.ok(res.every((c) => /^à (environ )?([\d,]+ k?m|moins de 1 km) à vol d’oiseau$/.test(c.distance)), JSON.stringify(res.map((c) => c.distance)));
      assert.ok(res.some((c) => /^à \d+(,\d)? k?m à vol d’oiseau$/.test(c.distance) && /,|\d m/.test(c.distance)), 'decimals or metres from a real position');
    } finally {
      await context.close();
    }
  });
});
