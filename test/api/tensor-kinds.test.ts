// The public Tensor type is the union of the tensor kinds the layers register (DESIGN §1): a
// fixture registers a second kind and must type-check with every builder returning the union.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('a second registered tensor kind widens builder types to the union (the fixture compiles)', () => {
  const r = spawnSync(`${root}node_modules/.bin/tsc`, ['-p', 'test/type-fixtures/tsconfig.json'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});
