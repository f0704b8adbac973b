// The production headers (`_headers`, written by src/headers.rs) in headless Chromium: the
// built site ($CISPGEN_SITE) is served by a small server of this file that sends, for each
// path, the headers `_headers` gives it (Netlify's rules: `*` and `:name` patterns, every
// matching block applies, the last one wins for a header). On one page of each kind, the
// search page run on a query, and the home page with its <object> map, no Content Security
// Policy violation may be reported (`securitypolicyviolation` events in every frame, and
// « Refused to … » console messages).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

import { siteDir, launchBrowser, pageOfEachType, assertNoExternalRequests } from './lib.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** `_headers` → [{ pattern, regex, headers: [[name, value]] }], Netlify's syntax and matching. */
export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const parts = pattern
        .split('/')
        .filter(Boolean)
        .map((p) => {
          if (p.startsWith(':')) return '([^/]+)';
          if (p === '*') return '?(.*)';
          return p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '(.*)');
        });
      current = { pattern, regex: new RegExp(`^/${parts.join('/')}/?$`, 'iu'), headers: [] };
      rules.push(current);
    } else {
      assert.ok(current, `header line before any path in _headers: ${line}`);
      const i = line.indexOf(':');
      assert.ok(i > 0, `not a « Name: value » line in _headers: ${line}`);
      current.headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return rules;
}

/** The headers of `pathname`: every matching block, in order, the last value winning. */
export function headersFor(rules, pathname) {
  const out = {};
  for (const rule of rules) {
    if (rule.regex.test(pathname)) {
      for (const [name, value] of rule.headers) {
        out[name.toLowerCase()] = value;
      }
    }
  }
  return out;
}

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

/** A static server on 127.0.0.1 that sends the headers of `_headers`. */
function serveWithHeaders(root, rules) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = '/';
    }
    const send = (status, file) => {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(status, { 'content-type': type, ...headersFor(rules, url.pathname) });
      createReadStream(file).pipe(res);
    };
    let file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(400);
      res.end();
      return;
    }
    if (isDir(file)) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` });
        res.end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (isFile(file) && path.basename(file) !== '_headers') {
      send(200, file);
    } else {
      send(404, path.join(root, '404.html'));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Opens url with CSP listeners in every frame; resolves to the violations seen. */
async function visitUnderCsp(browser, url, { waitFor } = {}) {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
  const requests = [];
  const violations = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.exposeBinding('__cspViolation', (_source, v) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}` + (e.sample ? ` « ${e.sample} »` : '');
      window.__cspViolation?.(v);
    });
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    const t = m.text();
    if (/Refused to|Content[ -]Security[ -]Policy/i.test(t)) violations.push(`console: ${t}`);
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
  const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  if (waitFor) await waitFor(page);
  await page.waitForTimeout(300);
  return { context, page, response, violations, requests };
}

describe('CSP de production : aucune violation', () => {
  let dir, rules, server, browser;
  before(async () => {
    dir = siteDir();
    rules = parseHeadersFile(readFileSync(path.join(dir, '_headers'), 'utf8'));
    server = await serveWithHeaders(dir, rules);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('_headers donne la bonne politique à chaque sorte de fichier', async () => {
    const get = async (p) => {
      const r = await fetch(`${server.url}${p}`);
      await r.arrayBuffer();
      return r.headers;
    };
    const home = await get('/');
    const csp = home.get('content-security-policy');
    for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "base-uri 'none'", "frame-ancestors 'none'", "object-src 'self'"]) {
      assert.ok(csp?.includes(d), `the pages' CSP has ${d}: ${csp}`);
    }
    assert.ok(!csp.includes('unsafe'), csp);
    assert.equal(home.get('x-content-type-options'), 'nosniff');
    assert.match(home.get('referrer-policy') ?? '', /^(strict-origin-when-cross-origin|no-referrer)$/);
    assert.equal(home.get('cache-control'), 'no-cache');
    assert.equal((await get('/sw.js')).get('cache-control'), 'no-cache');

    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const css = html.match(/\/static\/style\.[0-9a-f]{10}\.css/)?.[0];
    assert.ok(css, 'the home page links a fingerprinted style sheet');
    assert.equal((await get(css)).get('cache-control'), 'public, max-age=31536000, immutable');
    const map = html.match(/\/static\/carte-wallonie\.[0-9a-f]{10}\.svg/)?.[0];
    assert.ok(map, 'the home page embeds the fingerprinted map');
    const svg = await get(map);
    assert.equal(svg.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(svg.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.doesNotMatch(svg.get('content-security-policy') ?? '', /script-src/);
    const js = html.match(/\/static\/recherche\.[0-9a-f]{10}\.js/)?.[0];
    assert.ok(js, 'the home page links a fingerprinted search script');
    assert.equal((await get(js)).get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await get('/static/recherche/manifeste.json')).get('cache-control'), 'no-cache', 'unhashed assets are revalidated');
  });

  const kinds = () => [
    ...pageOfEachType(siteDir()).filter(([, url]) => url),
    ['recherche', '/recherche/'],
    ['recherche avec une requête', '/recherche/?quoi=boulanger&ou=Namur'],
  ];

  for (const [kind, url] of kinds()) {
    test(`${kind} (${url})`, async () => {
      const waitFor = url.startsWith('/recherche/?')
        ? (page) => page.locator('.r-cartes li, [role="status"]').first().waitFor({ timeout: 30_000 }).then(() => page.waitForLoadState('networkidle'))
        : url === '/'
          ? (page) => page.waitForLoadState('networkidle')
          : undefined;
      const { context, response, violations, requests } = await visitUnderCsp(browser, `${server.url}${url}`, { waitFor });
      try {
        assert.ok([200, 404].includes(response.status()), `${url}: ${response.status()}`);
        assert.deepEqual(violations, [], `${url}: CSP violations`);
        assertNoExternalRequests(requests, url);
      } finally {
        await context.close();
      }
    });
  }
});
