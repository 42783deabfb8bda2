// The digits MLP example trains to ≥ 0.95 test accuracy (it is also what `npm start` runs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

test('examples/digits-mlp reaches at least 0.95 test accuracy', () => {
  const script = join(import.meta.dirname, '..', '..', 'examples', 'digits-mlp.js');
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(out, /^epoch 20\/20: loss [\d.]+, accuracy [\d.]+ \([\d.]+ s\)$/m);
  const accuracy = Number(/test accuracy: ([\d.]+)/.exec(out)?.[1]);
  assert.ok(accuracy >= 0.95, `test accuracy ${accuracy}`);
});
