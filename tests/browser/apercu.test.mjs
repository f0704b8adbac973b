// The preview of `cispgen serve` in headless Chromium (issue 17, item 7): the warnings of
// a good build sit in a closed <details> with their count, the page staying usable; a
// broken edit shows the error overlay instead; once fixed, the overlay goes and the
// warnings come back.
//
// The preview runs on a temporary copy of the repository's site.yaml, content/, themes/
// and the valid test centre (tests/broken/catalogue-valide/), with the cispgen binary
// ($CISPGEN_BIN, else target/release/cispgen, else target/debug/cispgen, under
// $CARGO_TARGET_DIR when set). Needs no built site.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { REPO, launchBrowser, openPage } from './lib.mjs';

const TODAY = '2026-11-23';

function cispgenBinary() {
  const target = path.resolve(REPO, process.env.CARGO_TARGET_DIR ?? 'target');
  const candidates = [process.env.CISPGEN_BIN, path.join(target, 'release', 'cispgen'), path.join(target, 'debug', 'cispgen')].filter(
    Boolean,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no cispgen binary (tried ${candidates.join(', ')}): run \`cargo build --release\` first`);
  return found;
}

/** Starts `cispgen serve --port 0` on `root`; resolves to { url, stop } once it listens. */
function startPreview(root) {
  const child = spawn(cispgenBinary(), ['serve', '--port', '0', '--today', TODAY, '--root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60_000);
    const read = (chunk) => {
      log += chunk;
      const m = log.match(/cispgen serve : (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill() });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
  });
}

describe('the preview shows warnings collapsed and errors in the overlay', () => {
  let work, file, valid, preview, browser;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'cispgen-apercu-'));
    mkdirSync(path.join(work, 'data', 'centres', 'aleap'), { recursive: true });
    cpSync(path.join(REPO, 'site.yaml'), path.join(work, 'site.yaml'));
    cpSync(path.join(REPO, 'content'), path.join(work, 'content'), { recursive: true });
    cpSync(path.join(REPO, 'themes'), path.join(work, 'themes'), { recursive: true });
    valid = readFileSync(path.join(REPO, 'tests', 'broken', 'catalogue-valide', 'aleap', 'atelier-test.yaml'), 'utf8');
    assert.ok(valid.includes('    titre: Aide-boulanger\n'));
    file = path.join(work, 'data', 'centres', 'aleap', 'atelier-test.yaml');
    // One warning: an HTML tag in a plain text field.
    writeFileSync(file, valid.replace('    titre: Aide-boulanger\n', '    titre: Aide-<b>boulanger</b>\n'));
    preview = await startPreview(work);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    preview?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('warnings: a closed <details> with the count; errors: the overlay', async () => {
    const { context, page } = await openPage(browser, `${preview.url}/`);
    try {
      const panel = page.locator('#cispgen-avertissements');
      await panel.waitFor({ state: 'attached', timeout: 15_000 });
      assert.equal(await panel.evaluate((el) => el.tagName), 'DETAILS');
      assert.equal(await panel.evaluate((el) => el.open), false, 'closed by default');
      const summary = (await panel.locator('summary').textContent()) ?? '';
      assert.match(summary, /^\d+ avertissements? dans les données$/);
      assert.equal(await page.locator('#cispgen-erreurs').count(), 0, 'no error overlay for warnings');
      await panel.locator('summary').click();
      assert.equal(await panel.evaluate((el) => el.open), true);
      const text = (await panel.textContent()) ?? '';
      assert.ok(text.includes('« <b> »'), text);
      assert.ok(text.includes('atelier-test.yaml'), text);

      // A broken edit: the error overlay, and no warnings panel over it.
      writeFileSync(file, valid.replace('    titre: Aide-boulanger\n', '    titre: "Aide-boulanger\n'));
      const overlay = page.locator('#cispgen-erreurs');
      await overlay.waitFor({ state: 'attached', timeout: 15_000 });
      assert.ok(((await overlay.textContent()) ?? '').includes("ce guillemet n'est pas refermé"));
      assert.equal(await page.locator('#cispgen-avertissements').count(), 0);

      // Fixed, with the tag still there: the overlay goes and the warnings come back.
      writeFileSync(file, valid.replace('    titre: Aide-boulanger\n', '    titre: Aide-<b>boulanger</b>\n'));
      await overlay.waitFor({ state: 'detached', timeout: 15_000 });
      await page.locator('#cispgen-avertissements').waitFor({ state: 'attached', timeout: 15_000 });
    } finally {
      await context.close();
    }
  });
});
