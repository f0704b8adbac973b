// Accessibility: axe-core with the WCAG 2.0/2.1/2.2 A and AA rules on one page of each kind;
// no request may leave 127.0.0.1 while the page loads.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  assertNoExternalRequests,
  formatViolations,
  launchBrowser,
  openPage,
  pageOfEachType,
  runAxe,
  serveSite,
  siteDir,
} from './lib.mjs';

const dir = siteDir();

describe('axe-core, WCAG 2.x A et AA', () => {
  let server;
  let browser;
  before(async () => {
    server = await serveSite(dir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [type, url] of pageOfEachType(dir)) {
    test(`${type} ${url ?? '(absente)'}`, async () => {
      assert.ok(url, `the built site has no page of type « ${type} »`);
      const { context, page, response, requests } = await openPage(browser, server.url + url);
      try {
        assert.equal(response.status(), type === '404' ? 404 : 200, `HTTP status of ${url}`);
        const { violations } = await runAxe(page);
        assert.equal(
          violations.length,
          0,
          `${violations.length} axe violation(s) on ${url}:\n${formatViolations(violations, url)}`,
        );
        assertNoExternalRequests(requests, url);
      } finally {
        await context.close();
      }
    });
  }
});
