// docs/ops.md is generated from the registry: this fails when an op, dtype, kernel or gradient
// changed and `npm run docs:ops` was not run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderOpsDoc } from '../../scripts/ops-doc.js';

test('docs/ops.md is up to date (run `npm run docs:ops`)', () => {
  const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'ops.md'), 'utf8');
  assert.equal(committed, renderOpsDoc(), 'docs/ops.md is stale: run `npm run docs:ops`');
});
