// Page weight of a first visit (issue 8): the home page, opened cold in headless Chromium
// from a server that gzips text and sends the cache headers of production (as `_headers`
// and the nginx snippet do), service workers allowed: what the worker fetches counts too.
// Counted where it is paid, at the server: every response sent, headers and gzip body.
// Budget (issue 19): ≤ 30 KB in ≤ 6 requests. Prints each request with its size.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, serveSite, siteDir } from './lib.mjs';

const BUDGET_BYTES = 30 * 1024;
const BUDGET_REQUESTS = 6;

let server;
let browser;

before(async () => {
  server = await serveSite(siteDir(), { gzip: true, production: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test(`home page, first visit: ≤ ${BUDGET_BYTES / 1024} KB gzip in ≤ ${BUDGET_REQUESTS} requests`, async () => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'fr-BE',
    serviceWorkers: 'allow',
  });
  const page = await context.newPage();
  server.sent.length = 0;
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle', timeout: 60_000 });
  // The service worker is installed and told what to keep after the load: let it finish.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForTimeout(1500);
  await context.close();

  const sent = [...server.sent];
  const total = sent.reduce((sum, r) => sum + r.bytes, 0);
  const list = sent.map((r) => `  ${r.bytes} B  ${r.url}`).join('\n');
  console.log(`first visit of /: ${sent.length} requests, ${total} B\n${list}`);
  assert.ok(sent.some((r) => r.url === '/'), 'the page itself was fetched');
  assert.ok(sent.some((r) => r.url === '/sw.js'), 'the service worker was installed (and counted)');
  assert.ok(sent.length <= BUDGET_REQUESTS, `${sent.length} requests:\n${list}`);
  assert.ok(total <= BUDGET_BYTES, `${total} B:\n${list}`);
});
