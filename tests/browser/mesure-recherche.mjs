// Measures the search in headless Chromium on a built site (not a test: it prints figures).
//
//   CISPGEN_SITE=/tmp/site node tests/browser/mesure-recherche.mjs
//
// The site is served on 127.0.0.1 with gzip (as a static host would: Content-Encoding:
// gzip for text files, computed once), `cache-control: no-store`, so every run starts cold.
// For each « where + what » query, 5 runs in fresh contexts, median:
// - bytes to the first results: Resource Timing (`encodedBodySize`, i.e. gzip bytes, and
//   `transferSize`, with headers) of the page and of every file fetched before the result
//   count appeared; also the data files alone (index base and parts) and the requests;
// - last keystroke → results rendered: with the place chosen and its data loaded, a word
//   typed in « Quoi ? »; from the last key's `keydown` to the first animation frame after
//   the results changed, the CPU slowed 4 × (Chromium's throttling, as a cheap phone).
// Budgets (issue 19): first results ≤ 30 KB, ≤ 6 requests, ≤ 2 of them index files, and
// keystroke ≤ 50 ms at demo scale; ≤ 60 KB at 100 × (a site built from `cispgen demo
// --scale 100`). The first lines say which catalogue was measured (places and tracks in the
// index, one part or a lexicon and parts), so that the README can quote 1 × and 100 ×; the
// last lines are a table for the README.
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { siteDir, launchBrowser } from './lib.mjs';

const dir = siteDir();
const RUNS = 5;
const QUERIES = [
  ['Liège', 'boulanger'],
  ['Jemeppe-sur-Meuse', 'cuisine'],
  ['Namur', 'français'],
  ['Arlon', 'informatique'],
];
const WORDS = ['boulanger', 'cuisine', 'français', 'informatique', 'nettoyage'];

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };
const cache = new Map();
function serve(root) {
  const server = createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, path.normalize(p));
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    } catch {
      file = path.join(root, '404.html');
    }
    let entry = cache.get(file);
    if (!entry) {
      try {
        const raw = readFileSync(file);
        const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
        entry = { type, body: TYPES[path.extname(file)] ? gzipSync(raw, { level: 9 }) : raw, gz: !!TYPES[path.extname(file)] };
      } catch {
        entry = { type: 'text/plain', body: Buffer.from('404'), gz: false, status: 404 };
      }
      cache.set(file, entry);
    }
    const headers = { 'content-type': entry.type, 'cache-control': 'no-store', 'content-length': entry.body.length };
    if (entry.gz) headers['content-encoding'] = 'gzip';
    res.writeHead(entry.status ?? 200, headers);
    res.end(entry.body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((d) => server.close(d)) })));
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Records when the result count first appears (set before the page's scripts run). */
function marqueur() {
  window.__rendu = null;
  new MutationObserver(() => {
    const e = document.getElementById('r-etat');
    if (window.__rendu === null && e && /formation/.test(e.textContent)) window.__rendu = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

async function premiersResultats(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'fr-BE' });
  await context.addInitScript(marqueur);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__rendu !== null, null, { timeout: 30_000 });
  const m = await page.evaluate(() => {
    const t = window.__rendu;
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').filter((r) => r.startTime < t);
    const sum = (l, k) => l.reduce((s, r) => s + r[k], 0);
    const donnees = res.filter((r) => /\/static\/recherche\//.test(r.name));
    return {
      ms: t,
      requetes: res.length + 1,
      gzip: nav.encodedBodySize + sum(res, 'encodedBodySize'),
      transfert: nav.transferSize + sum(res, 'transferSize'),
      donnees: sum(donnees, 'encodedBodySize'),
      requetesDonnees: donnees.length,
      js: sum(res.filter((r) => /\.js$/.test(r.name)), 'encodedBodySize'),
      fichiers: res.map((r) => `${new URL(r.name).pathname} ${r.encodedBodySize}`),
      resultats: document.querySelectorAll('#r-resultats li.carte').length,
    };
  });
  await context.close();
  return m;
}

async function frappe(browser, base, ou, mot) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'fr-BE' });
  const page = await context.newPage();
  await page.goto(`${base}/recherche/?ou=${encodeURIComponent(ou)}`);
  await page.waitForFunction(() => /formation/.test(document.getElementById('r-etat').textContent), null, { timeout: 30_000 });
  const quoi = page.locator('#r-quoi');
  await quoi.pressSequentially(mot.slice(0, -1), { delay: 40 });
  await page.waitForTimeout(300);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => {
    window.__t = null;
    document.getElementById('r-quoi').addEventListener('keydown', (e) => { window.__t0 = e.timeStamp; }, { capture: true });
    const obs = new MutationObserver(() => {
      obs.disconnect();
      requestAnimationFrame(() => { window.__t = performance.now() - window.__t0; });
    });
    obs.observe(document.getElementById('r-etat'), { subtree: true, childList: true, characterData: true });
    obs.observe(document.getElementById('r-resultats'), { subtree: true, childList: true });
  });
  await quoi.press(mot.slice(-1));
  await page.waitForFunction(() => window.__t !== null, null, { timeout: 10_000 });
  const ms = await page.evaluate(() => window.__t);
  await context.close();
  return ms;
}

/** The catalogue the index holds: its places and tracks (distinct, from the parts of every
    sector), its parts, and whether it has a lexicon file of its own (a large catalogue). */
function echelle(root) {
  const m = JSON.parse(readFileSync(path.join(root, 'static/recherche/manifeste.json'), 'utf8'));
  const lieux = new Set(), filieres = new Set();
  const sl = (s, c) => (s.startsWith('!') ? s.slice(1) : `${c}-${s}`);
  for (const p of m.parts.filter((p) => !p[5])) {
    const j = JSON.parse(readFileSync(path.join(root, new URL(`${m.pd}${p[0]}.${m.pv}.json`, 'http://x').pathname), 'utf8'));
    for (const l of j.l) lieux.add(sl(l[1], j.c[l[0]][2]));
    for (const c of j.c) for (const f of c[3]) filieres.add(sl(f[0], c[2]));
  }
  return `${lieux.size} lieux, ${filieres.size} filières ; ${m.parts.length} parties d'index${m.lex ? ' et un lexique à part' : ''}${m.q ? ', tranches « quoi »' : ''}`;
}

const server = await serve(dir);
const browser = await launchBrowser();
try {
  const recherche = readdirSync(path.join(dir, 'static')).find((f) => /^recherche\.[0-9a-f]{10}\.js$/.test(f));
  const jsGzip = [`static/${recherche}`, 'sw.js'].map((f) => gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length);
  console.log(`site: ${dir}`);
  console.log(`catalogue: ${echelle(dir)}`);
  console.log(`JavaScript gzip: recherche.js ${jsGzip[0]} B + sw.js ${jsGzip[1]} B = ${jsGzip[0] + jsGzip[1]} B`);
  console.log('\nfirst results of « where + what » (cold, gzip), median of 5:');
  const table = [];
  for (const [ou, quoi] of QUERIES) {
    const url = `${server.url}/recherche/?ou=${encodeURIComponent(ou)}&quoi=${encodeURIComponent(quoi)}`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await premiersResultats(browser, url));
    const k = (key) => median(runs.map((r) => r[key]));
    console.log(
      `  ${ou} + ${quoi}: ${runs[0].resultats} cards; all files ${(k('gzip') / 1024).toFixed(1)} KB gzip (${(k('transfert') / 1024).toFixed(1)} KB with headers), ${k('requetes')} requests; ` +
        `index data ${(k('donnees') / 1024).toFixed(1)} KB in ${k('requetesDonnees')} requests; JS ${(k('js') / 1024).toFixed(1)} KB; rendered at ${k('ms').toFixed(0)} ms`,
    );
    if (process.env.DETAIL) console.log(runs[0].fichiers.map((f) => `      ${f}`).join('\n'));
    table.push([`${ou} + ${quoi}`, (k('gzip') / 1024).toFixed(1), k('requetes'), k('requetesDonnees'), (k('donnees') / 1024).toFixed(1)]);
  }
  console.log('\nlast keystroke → results rendered, CPU slowed 4 ×, median of 5:');
  const frappes = [];
  for (const [ou] of QUERIES.slice(0, 2)) {
    const t = [];
    for (const mot of WORDS) t.push(await frappe(browser, server.url, ou, mot));
    frappes.push(median(t));
    console.log(`  ${ou}: ${median(t).toFixed(1)} ms (runs: ${t.map((x) => x.toFixed(1)).join(', ')})`);
  }
  console.log('\n| recherche (premiers résultats, à froid) | Ko gzip (budget ≤ 30) | requêtes (≤ 6) | dont index (≤ 2) | Ko d\'index |');
  console.log('|---|---|---|---|---|');
  for (const r of table) console.log(`| ${r.join(' | ')} |`);
  console.log(`\nfrappe → résultats, CPU ralenti 4 × : ${frappes.map((t) => `${t.toFixed(1)} ms`).join(', ')} (budget ≤ 50 ms)`);
} finally {
  await browser.close();
  await server.close();
}
