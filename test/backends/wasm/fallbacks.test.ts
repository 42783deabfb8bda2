// Where the host lacks what the wasm backend needs, it falls back and says so once: no worker
// threads (Node's permission model) → one thread; no room for its memory (a capped address
// space) → the cpu backend. Each case runs in a child process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

const V1 = new URL('../../../src/v1.js', import.meta.url).href;
const WASM = new URL('../../../src/backends/wasm/backend.js', import.meta.url).href;

function child(shell: string, code: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', shell], { input: code, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const node = JSON.stringify(process.execPath);

describe('wasm backend fallbacks', () => {
  test('no worker threads: one thread, one warning, right results', () => {
    const code = `
      import { WasmBackend } from ${JSON.stringify(WASM)};
      import * as tf from ${JSON.stringify(V1)};
      const be = new WasmBackend({ threads: 2 });
      const g = new tf.Graph();
      const [x, y] = g.asDefault(() => { const x = tf.placeholder('float32', [64, 64]); return [x, tf.matmul(x, x)]; });
      const sess = new tf.Session({ graph: g, backend: be });
      const a = new Float32Array(64 * 64).fill(1);
      const feed = new Map([[x, new tf.NDArray('float32', [64, 64], a)]]);
      const r1 = sess.run(y, feed);
      const r2 = sess.run(y, feed);
      console.log(be.threads, r1.data[0], r2.data[4095]);
    `;
    const r = child(`exec ${node} --experimental-permission --allow-fs-read=* --no-warnings --input-type=module`, code);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '1 64 64');
    const warnings = r.stderr.split('\n').filter((l) => l.includes('tensorgraph:'));
    assert.deepEqual(warnings, ['tensorgraph: the wasm backend runs on one thread: this host cannot start worker threads']);
  });

  test("no room for the memory: 'wasm' runs on cpu, one warning, right results", () => {
    const code = `
      import * as tf from ${JSON.stringify(V1)};
      tf.setBackend('wasm');
      const g = new tf.Graph();
      const y = g.asDefault(() => tf.multiply(tf.constant([1, 2, 3], 'float32'), tf.constant(2, 'float32')));
      for (let i = 0; i < 2; i++) console.log(String(new tf.Session({ graph: g }).run(y)));
    `;
    const r = child(`ulimit -v 3000000 || exit 99; exec ${node} --max-old-space-size=96 --input-type=module`, code);
    if (r.status === 99) return; // this shell cannot cap the address space
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '[2. 4. 6.]\n[2. 4. 6.]\n');
    const warnings = r.stderr.split('\n').filter((l) => l.includes('tensorgraph:'));
    assert.equal(warnings.length, 1, r.stderr);
    assert.match(warnings[0] as string, /^tensorgraph: the wasm backend could not reserve its memory \(.*\): running on 'cpu'$/);
  });
});
