// The XSS site of tests/hostile/xss/ (XSS payloads in every text field of two centres, a
// content page, a centre file whose name is a payload) in headless Chromium: no payload
// may run. Every payload calls alert(), sets document.title to « XSS », or requests a URL
// with « xss-marker » in it; this test listens for the three on every page of the site,
// with the search page run on the hostile track and on a hostile query. No CSP here: the
// escaping alone must hold (csp.test.mjs checks the CSP on the demo site).
//
// The site: $CISPGEN_XSS_SITE when set (a built site), else built here into a temporary
// folder with the cispgen binary ($CISPGEN_BIN, else target/release/cispgen, else
// target/debug/cispgen, under $CARGO_TARGET_DIR when set) from the repository's site.yaml, content/, themes/ and
// tests/hostile/xss/. See README.md in this folder.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO, serveSite, launchBrowser, assertNoExternalRequests } from './lib.mjs';

const TODAY = '2026-11-23';
const FILE_NAME_PAYLOAD = "x\"><svg onload=alert('fichier')>.yaml";

function cispgenBinary() {
  const target = path.resolve(REPO, process.env.CARGO_TARGET_DIR ?? 'target');
  const candidates = [process.env.CISPGEN_BIN, path.join(target, 'release', 'cispgen'), path.join(target, 'debug', 'cispgen')].filter(
    Boolean,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `no cispgen binary (tried ${candidates.join(', ')}): run \`cargo build --release\` first, ` +
        'or set CISPGEN_XSS_SITE to a built XSS site',
    );
  }
  return found;
}

/** Builds the XSS site; returns { dir, cleanup }. */
function xssSite() {
  if (process.env.CISPGEN_XSS_SITE) {
    const dir = path.resolve(process.env.CISPGEN_XSS_SITE);
    assert.ok(existsSync(path.join(dir, 'index.html')), `CISPGEN_XSS_SITE=${dir}: no index.html`);
    return { dir, cleanup: () => {} };
  }
  const work = mkdtempSync(path.join(tmpdir(), 'cispgen-xss-'));
  const root = path.join(work, 'racine');
  mkdirSync(path.join(root, 'data', 'centres'), { recursive: true });
  cpSync(path.join(REPO, 'site.yaml'), path.join(root, 'site.yaml'));
  cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
  cpSync(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true });
  cpSync(path.join(REPO, 'tests', 'hostile', 'xss'), root, { recursive: true });
  const valid = readFileSync(path.join(REPO, 'tests', 'broken', 'catalogue-valide', 'aleap', 'atelier-test.yaml'), 'utf8');
  writeFileSync(
    path.join(root, 'data', 'centres', 'aleap', FILE_NAME_PAYLOAD),
    valid.replaceAll('atelier-test', 'xss-fichier').replace('Atelier Test (démo)', 'Centre au nom de fichier hostile'),
  );
  const dir = path.join(work, 'public');
  execFileSync(cispgenBinary(), ['build', '--root', root, '--out', dir, '--today', TODAY], { stdio: 'pipe' });
  return { dir, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

/** Every HTML page of the site, as URLs. */
function pages(dir) {
  const out = [];
  const walk = (d, url) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) {
        walk(path.join(d, e.name), `${url}${e.name}/`);
      } else if (e.name === 'index.html') {
        out.push(url);
      }
    }
  };
  walk(dir, '/');
  return out.sort();
}

/** Opens url in a fresh context; resolves to what ran: dialogs, title, marker requests. */
async function visit(browser, url, { waitFor } = {}) {
  const context = await browser.newContext({ locale: 'fr-BE', serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const requests = [];
  const dialogs = [];
  context.on('request', (r) => requests.push(r.url()));
  // A second channel besides the dialog event: alert/confirm/prompt record their calls.
  await context.addInitScript(() => {
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt']) {
      const original = window[name];
      window[name] = function (...args) {
        window.__xss.push(`${name}(${args.join(',')})`);
        return original?.apply(this, args);
      };
    }
  });
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (waitFor) {
      await waitFor(page);
    }
    // Hover and focus every element: event-handler payloads would fire now.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('body *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus']) {
          el.dispatchEvent(new Event(type, { bubbles: false }));
        }
      }
    });
    await page.waitForTimeout(150);
    const state = await page.evaluate(() => ({
      title: document.title,
      calls: window.__xss ?? [],
      handlers: [...document.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `<${el.localName} ${a.name}="${a.value}">`),
      ),
      scripts: [...document.scripts]
        .filter((s) => s.type !== 'application/ld+json' && !(s.src && new URL(s.src).pathname.startsWith('/static/')))
        .map((s) => s.outerHTML.slice(0, 200)),
    }));
    return { response, dialogs, requests, ...state, page, context };
  } catch (e) {
    await context.close();
    throw e;
  }
}

function assertClean(result, where) {
  assert.deepEqual(result.dialogs, [], `${where}: a dialog opened`);
  assert.deepEqual(result.calls, [], `${where}: alert/confirm/prompt was called`);
  assert.notEqual(result.title, 'XSS', `${where}: a payload changed the title`);
  assert.deepEqual(result.handlers, [], `${where}: event-handler attributes in the DOM`);
  assert.deepEqual(result.scripts, [], `${where}: scripts that are not the theme's`);
  // A payload's request goes to /xss-marker/…; a query string that merely quotes the
  // payload (the page's own address, in the last test) is not one.
  const markers = result.requests.filter((u) => new URL(u).pathname.includes('xss-marker'));
  assert.deepEqual(markers, [], `${where}: a payload made a request`);
  assertNoExternalRequests(result.requests, where);
}

describe('XSS : les charges des données ne s’exécutent jamais', () => {
  let site, server, browser;
  before(async () => {
    site = xssSite();
    server = await serveSite(site.dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
  });

  test('chaque page du site XSS', async () => {
    const urls = pages(site.dir);
    assert.ok(urls.length > 20, `only ${urls.length} pages`);
    for (const url of ['/centres/xss-centre/', '/lieux/xss-lieu/', '/formations/xss-boulangerie/', '/pages/xss-contenu/']) {
      assert.ok(urls.includes(url), `${url} was built`);
    }
    for (const url of urls) {
      const result = await visit(browser, `${server.url}${url}`);
      try {
        assert.equal(result.response.status(), 200, url);
        assertClean(result, url);
      } finally {
        await result.context.close();
      }
    }
  });

  test('les charges sont affichées comme du texte', async () => {
    const result = await visit(browser, `${server.url}/formations/xss-boulangerie/`);
    try {
      const h1 = await result.page.locator('h1').first().textContent();
      assert.equal(h1.trim(), "Aide-boulanger <script>fetch('/xss-marker/titre')</script>");
      const body = await result.page.locator('body').textContent();
      assert.ok(body.includes('{{ page.titre }}{% if true %}TERA-EXECUTE{% endif %}'), 'tera syntax shown as written');
      assert.ok(body.includes(`"><svg/onload=alert('public')>`), 'attribute breakout shown as text');
    } finally {
      await result.context.close();
    }
  });

  test('la recherche affiche la filière hostile sans l’exécuter', async () => {
    const result = await visit(browser, `${server.url}/recherche/?quoi=boulanger`, {
      waitFor: (page) => page.getByText("Aide-boulanger <script>fetch('/xss-marker/titre')</script>").first().waitFor({ timeout: 30_000 }),
    });
    try {
      assertClean(result, '/recherche/?quoi=boulanger');
    } finally {
      await result.context.close();
    }
  });

  test('une requête hostile dans l’adresse de la recherche reste du texte', async () => {
    const query = encodeURIComponent(`<img src=/xss-marker/q onerror=alert('q')>"><svg onload=alert(1)>`);
    const result = await visit(browser, `${server.url}/recherche/?quoi=${query}&ou=${query}`, {
      waitFor: (page) => page.waitForLoadState('networkidle'),
    });
    try {
      assertClean(result, '/recherche/?quoi=<img…>');
    } finally {
      await result.context.close();
    }
  });
});
