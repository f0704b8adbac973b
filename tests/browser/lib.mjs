// Shared harness of the browser tests (see README.md in this folder).
//
// - siteDir(): the built site to test, from the CISPGEN_SITE environment variable.
// - serveSite(dir): a tiny static server on 127.0.0.1 (Node's http module only).
// - launchBrowser(): Debian's Chromium driven by playwright-core (no browser download).
// - openPage(browser, url): a page that records every request it makes.
// - assertNoExternalRequests(requests): nothing left 127.0.0.1.
// - runAxe(page), formatViolations(violations): axe-core with the WCAG A/AA tags.
// - pdfPageCount(buffer): pages of a PDF made by Chromium.
// - pageOfEachType(dir): one URL of each kind of page of the site.

import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO = path.resolve(HERE, '..', '..');
/** Screenshots and other files worth looking at after a run (ignored by git). */
export const ARTIFACTS = path.join(REPO, 'target', 'test-artifacts');

/** The axe-core rule tags run on every page: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * The folder of the built site under test: `$CISPGEN_SITE` (scripts/test.sh builds the demo
 * site with `--today 2026-11-23` and sets it).
 */
export function siteDir() {
  const dir = process.env.CISPGEN_SITE;
  if (!dir) {
    throw new Error(
      'CISPGEN_SITE is not set: build the site first, e.g.\n' +
        '  cargo run --release -- build --out /tmp/site --today 2026-11-23\n' +
        '  CISPGEN_SITE=/tmp/site node --test tests/browser/',
    );
  }
  const abs = path.resolve(dir);
  if (!existsSync(path.join(abs, 'index.html'))) {
    throw new Error(`CISPGEN_SITE=${dir}: no index.html there; is it a built site?`);
  }
  return abs;
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Serves `dir` on 127.0.0.1 (a free port), as a static host would: `/a/b/` → `a/b/index.html`,
 * `/a/b` → redirect to `/a/b/` when it is a folder, anything else → `404.html` with status 404.
 * Resolves to `{ url, port, close() }`; `url` has no trailing slash. `{ gzip: true }`: text
 * files are sent gzip-compressed when the browser accepts it; `{ production: true }`: with
 * the cache headers of production; `{ base: '/cisp' }`: the site is served under that path,
 * as a GitHub Pages project site (`/cisp/a/` → `a/index.html`), and every other path is a
 * plain 404. `sent` lists each response sent with a body: `{ url, bytes }` (headers and body).
 */
export function serveSite(dir, { gzip = false, production = false, base = '' } = {}) {
  const root = path.resolve(dir);
  const sent = [];
  const server = createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // With `gzip`, text is sent compressed (level 9) as a static host would.
      const compress = gzip && /^(text\/|application\/(json|manifest|javascript)|image\/svg)/.test(type)
        && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const extra = compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
      // `production`: the cache rules of the site's `_headers` (content-hashed names kept a
      // year, the rest revalidated); otherwise nothing is stored, so every run starts cold.
      const cache = !production ? 'no-store'
        : /\.[0-9a-f]{10}\.[a-z]+$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
      const all = { 'content-type': type, 'cache-control': cache, ...extra, ...headers };
      res.writeHead(status, all);
      // Status line and headers as sent on the wire (close enough: Node adds date, connection…).
      const head = 17 + Object.entries(all).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      if (compress) {
        const body = gzipSync(readFileSync(file), { level: 9 });
        sent.push({ url: req.url, bytes: head + body.length });
        res.end(body);
        return;
      }
      sent.push({ url: req.url, bytes: head + statSync(file).size });
      createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (isFile(page)) {
        send(404, page);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('404\n');
      }
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      notFound();
      return;
    }
    if (pathname.includes('\0')) {
      notFound();
      return;
    }
    if (base) {
      if (pathname !== base && !pathname.startsWith(`${base}/`)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('404: outside the site\n');
        return;
      }
      pathname = pathname.slice(base.length);
    }
    const file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      notFound();
      return;
    }
    if (isDir(file)) {
      if (!pathname.endsWith('/')) {
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        res.writeHead(301, { location: `${encodeURI(base + pathname)}/${query}` });
        res.end();
        return;
      }
      const index = path.join(file, 'index.html');
      if (isFile(index)) {
        send(200, index);
      } else {
        notFound();
      }
      return;
    }
    if (isFile(file)) {
      send(200, file);
      return;
    }
    notFound();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        sent,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Debian's Chromium, or `$CHROMIUM_PATH`. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find(isFile);
  if (!found) {
    throw new Error(
      `Chromium not found (tried ${candidates.join(', ')}): run scripts/install-test-deps.sh, or set CHROMIUM_PATH`,
    );
  }
  return found;
}

/**
 * Headless Chromium through playwright-core. Playwright gives it a fresh --user-data-dir
 * (removed on close) and --no-sandbox (needed as root in CI); the other flags keep it from
 * calling home. Close it with `await browser.close()`.
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    chromiumSandbox: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-domain-reliability',
      '--metrics-recording-only',
      '--no-pings',
    ],
    timeout: 60_000,
  });
}

function isLocal(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) {
    return true;
  }
  try {
    const u = new URL(url);
    return u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * Opens `url` in a new context (a fresh profile: no cache, no cookies) and records every
 * request. Resolves to `{ context, page, response, requests }`; `requests` keeps growing
 * while the page lives (requests of frames and `<object>` documents included).
 * Options: `viewport` ({width, height}), `waitUntil` ('load' by default), `javaScriptEnabled`.
 */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: 'fr-BE',
    serviceWorkers: 'block',
  });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: options.waitUntil ?? 'load', timeout: 60_000 });
  return { context, page, response, requests };
}

/** Fails, listing them, if any of `requests` went anywhere but 127.0.0.1. */
export function assertNoExternalRequests(requests, where = '') {
  const external = requests.filter((u) => !isLocal(u));
  assert.deepEqual(
    external,
    [],
    `requests left 127.0.0.1${where ? ` on ${where}` : ''}:\n  ${external.join('\n  ')}`,
  );
}

/** axe-core's own file, injected into pages. */
export const AXE_PATH = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe-core on the page with the WCAG 2.0/2.1/2.2 A and AA rules; resolves to axe's results. */
export async function runAxe(page, tags = WCAG_TAGS) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    (runTags) =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: 'tag', values: runTags }, resultTypes: ['violations'] }),
    tags,
  );
}

/** Violations as readable text: rule, impact, help, and each element with its selector. */
export function formatViolations(violations, where = '') {
  const lines = [];
  for (const v of violations) {
    lines.push(`${where ? `${where}: ` : ''}[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      const why = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
      if (why) {
        lines.push(`       ${why.slice(0, 400)}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * The number of pages of a PDF made by Chromium: its `/Type /Page` objects (Skia writes
 * them uncompressed), else the `/Count` of the root `/Pages` node.
 */
export function pdfPageCount(buffer) {
  const text = Buffer.from(buffer).toString('latin1');
  const pageObjects = (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
  if (pageObjects > 0) {
    return pageObjects;
  }
  const counts = [...text.matchAll(/\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}

function subdirs(dir) {
  if (!isDir(dir)) {
    return [];
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isFile(path.join(dir, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

/** URL of the first page (alphabetically) under `/<section>/`, or null if there is none. */
export function firstPageUnder(dir, section) {
  const names = subdirs(path.join(dir, section));
  return names.length ? `/${section}/${names[0]}/` : null;
}

/**
 * One URL of each kind of page of the built site, as `[type, url]` pairs. A kind whose
 * folder is missing is returned with a null url, so that the test says which one is missing.
 */
export function pageOfEachType(dir) {
  return [
    ['accueil', '/'],
    ['formation (filière)', firstPageUnder(dir, 'formations')],
    ['lieu', firstPageUnder(dir, 'lieux')],
    ['centre', firstPageUnder(dir, 'centres')],
    ['commune', firstPageUnder(dir, 'communes')],
    ['catégorie', firstPageUnder(dir, 'categories')],
    ['métier (ROME)', firstPageUnder(dir, 'metiers')],
    ['page de contenu', firstPageUnder(dir, 'pages')],
    ['actualité', firstPageUnder(dir, 'actualites')],
    ['404', '/cette-page-n-existe-pas/'],
    ['index des communes', '/communes/'],
    ['index des formations', '/formations/'],
    ['index des métiers', '/metiers/'],
    // Other list pages (same templates as above, other data).
    ['secteur', firstPageUnder(dir, 'secteurs')],
    ['bassin', firstPageUnder(dir, 'bassins')],
    ['fédération', firstPageUnder(dir, 'federations')],
    ['index des actualités', '/actualites/'],
  ];
}
