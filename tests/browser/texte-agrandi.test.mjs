// Large text (issue 16, item 10): with the text at 200 % (the root font size doubled, as the
// browser's text-size setting does for a rem-based style sheet), at 320 and 360 px, nothing
// is cut or wider than the screen, and no word breaks inside: on each page type and on the
// search results. Screenshots of the track page go to target/test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { siteDir, serveSite, launchBrowser, artifactPath, pageOfEachType } from './lib.mjs';

const dir = siteDir();

/** What overflows: elements wider than the viewport, text cut by its box, words broken. */
async function debordements(page) {
  return page.evaluate(() => {
    const largeur = document.documentElement.clientWidth;
    const trouves = [];
    const nom = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    if (document.documentElement.scrollWidth > largeur + 1) trouves.push(`la page défile de côté (${document.documentElement.scrollWidth} > ${largeur})`);
    for (const el of document.body.querySelectorAll('*')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || el.closest('.r-cache, .hors-ecran, [hidden], svg, object, pre, .r-sugg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > largeur + 1 && !el.closest('[style*="overflow"], .tableau, table')) trouves.push(`${nom(el)} dépasse l'écran (${Math.round(r.right)} > ${largeur}) : « ${el.textContent.trim().slice(0, 40)} »`);
      const coupe = (s.overflowX === 'hidden' || s.overflow === 'hidden' || s.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1;
      if (coupe) trouves.push(`${nom(el)} coupe son texte : « ${el.textContent.trim().slice(0, 40)} »`);
    }
    return [...new Set(trouves)].slice(0, 12);
  });
}

/** Words broken across lines although they would fit whole on a line of their box. */
async function motsCoupes(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main h1, main h2, .bouton, .appel, .bouton-cat, .badge, button, label')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || el.closest('[hidden]')) continue;
      const range = document.createRange();
      for (const t of [el]) {
        const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
        let n;
        while ((n = walker.nextNode())) {
          const texte = n.textContent;
          const re = /[^\s-]+/g; // a hyphen is a fair place to break
          let m;
          while ((m = re.exec(texte))) {
            range.setStart(n, m.index);
            range.setEnd(n, m.index + m[0].length);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const lignes = new Set(rects.map((r) => Math.round(r.top)));
            // Broken although the whole word would fit on one line of its box.
            const mot = rects.reduce((w, r) => w + r.width, 0);
            const ligne = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
            if (lignes.size > 1 && mot <= ligne) out.push(`« ${m[0]} » coupé dans « ${el.textContent.trim().slice(0, 40)} »`);
          }
        }
      }
    }
    return [...new Set(out)].slice(0, 12);
  });
}

describe('texte agrandi à 200 %', () => {
  let server, browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const pages = pageOfEachType(dir);
  for (const largeur of [320, 360]) {
    test(`à ${largeur} px, rien ne dépasse ni n'est coupé`, async () => {
      const context = await browser.newContext({ viewport: { width: largeur, height: 800 }, locale: 'fr-BE', deviceScaleFactor: 1 });
      const page = await context.newPage();
      const erreurs = [];
      try {
        const urls = [...pages.map(([, u]) => u).filter(Boolean), `${pages[1][1]}fiche/`, '/recherche/?ou=Seraing&quoi=cuisine', '/recherche/'];
        for (const url of urls) {
          await page.goto(server.url + url);
          await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
          if (url.includes('?')) await page.waitForFunction(() => /formation/.test(document.getElementById('r-etat').textContent), null, { timeout: 20_000 });
          await page.waitForTimeout(50);
          for (const e of [...(await debordements(page)), ...(await motsCoupes(page))]) erreurs.push(`${url} : ${e}`);
          if (largeur === 360 && url === pages[1][1]) await page.locator('.seances').screenshot({ path: artifactPath('texte-200-seances.png') });
        }
        assert.deepEqual(erreurs, [], erreurs.join('\n'));
      } finally {
        await context.close();
      }
    });
  }
});
