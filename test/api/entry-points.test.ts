// Importing the two entry points in either order changes neither's behaviour: no context provider
// is installed at import; the graph context is the base of the context stack.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

function runScript(imports: string[]): string {
  const body = `
${imports.map((m, i) => `const m${i} = await import(${JSON.stringify(`${src}${m}`)});`).join('\n')}
const v1 = ${imports.includes('v1.js') ? `m${imports.indexOf('v1.js')}` : 'null'};
const tf = v1 ?? m0.compat.v1;
const out = [tf.executingEagerly()];
const c = tf.add(tf.constant(2), tf.constant(3));
out.push(c.graph === tf.getDefaultGraph());
const s = new tf.Session();
out.push(s.run(c).item());
console.log(JSON.stringify(out));
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', body], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('tensorgraph/v1 alone, tensorgraph alone, and both in either order build graphs the same way', () => {
  const expected = JSON.stringify([false, true, 5]);
  assert.equal(runScript(['v1.js']), expected);
  assert.equal(runScript(['index.js']), expected);
  assert.equal(runScript(['v1.js', 'index.js']), expected);
  assert.equal(runScript(['index.js', 'v1.js']), expected);
});

test('tf.executingEagerly() is false while building a graph, inside and outside asDefault', async () => {
  const tf = await import('../../src/v1.js');
  assert.equal(tf.executingEagerly(), false);
  new tf.Graph().asDefault(() => assert.equal(tf.executingEagerly(), false));
});
