// The types a TF1 port meets. Part 1 is checked by this file's own compilation: result types of
// sess.run derived from the fetch structure, builders accepting variables / numbers / nested and
// typed arrays, and misspelled options refused (`@ts-expect-error` fails the build if no error).
// Part 2 type-checks small TF1 idioms with the TypeScript compiler at test time, so that an idiom
// that does not compile (or a typo that does) is a failing test rather than a broken build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as tf from '../../src/v1.js';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when `A` and `B` are the same type. */
function sameType<A, B>(..._proof: Equals<A, B> extends true ? [] : [never]): void {}

describe('part 1: types checked by this file compiling', () => {
  test('sess.run result types follow the fetch structure', () => {
    const g = new tf.Graph();
    const { a, b, op, v } = g.asDefault(() => {
      const a = tf.constant([1, 2]);
      const b = tf.constant(3);
      const v = new tf.Variable(1.5);
      return { a, b, op: tf.group(v.initializer), v };
    });
    using sess = new tf.Session({ graph: g });

    const none = sess.run(op);
    sameType<typeof none, null>();
    assert.equal(none, null);
    const single = sess.run(a);
    sameType<typeof single, tf.NDArray>();
    const fromVar = sess.run(v);
    sameType<typeof fromVar, tf.NDArray>();

    const [x, y] = sess.run([a, b]);
    sameType<typeof x, tf.NDArray>();
    assert.equal(x.toString(), '[1. 2.]');
    assert.equal(y.item(), 3);

    const d = sess.run({ x: a, y: [a, b], z: op, nested: { v } });
    sameType<typeof d, { x: tf.NDArray; y: [tf.NDArray, tf.NDArray]; z: null; nested: { v: tf.NDArray } }>();
    assert.equal(d.nested.v.item(), 1.5);
    assert.equal(d.z, null);

    // A readonly tuple keeps its positions.
    const pair = [op, b] as const;
    const r = sess.run(pair);
    sameType<typeof r, [null, tf.NDArray]>();
    assert.equal(r[1].item(), 3);

    // item() compiles; its type is the union of JS scalars.
    const it = sess.run(b).item();
    sameType<typeof it, number | bigint | boolean | string>();

    // item() is not a number: arithmetic needs Number(...) (TS cannot know the dtype of a fetch).
    const doubled: number = Number(sess.run(b).item()) * 2;
    assert.equal(doubled, 6);

    // Variables lists from collections run to NDArray[].
    const all = g.asDefault(() => sess.run(tf.globalVariables()));
    sameType<typeof all, tf.NDArray[]>();
    assert.deepEqual(
      all.map((n) => n.item()),
      [1.5],
    );
  });

  test('builders accept tensors, variables, JS numbers, nested arrays, typed arrays and NDArrays', () => {
    const g = new tf.Graph();
    const out = g.asDefault(() => {
      const v = new tf.Variable([[1, 2]]);
      const t = tf.constant([[10], [20]]);
      return [
        tf.matmul(v, t),
        tf.add(v, 1),
        tf.add([[1, 2]], new Float32Array([3, 4])),
        tf.multiply(new tf.NDArray('float32', [2], Float32Array.from([2, 3])), v),
        tf.reduceSum(new Int32Array([1, 2, 3])),
        tf.subtract(tf.constant(5n), 2n),
      ] as const;
    });
    using sess = new tf.Session({ graph: g });
    sess.run(g.getOperationByName('Variable/Assign'));
    const [mm, added, arrays, mixed, sum, big] = sess.run(out);
    sameType<typeof big, tf.NDArray>();
    assert.equal(mm.toString(), '[[50.]]');
    assert.equal(added.toString(), '[[2. 3.]]');
    assert.equal(arrays.toString(), '[[4. 6.]]');
    assert.equal(mixed.toString(), '[[2. 6.]]');
    assert.equal(sum.toString(), '6');
    assert.equal(big.toString(), '3');
  });

  test('feed dicts whose values have different types need a typed Map or name keys', () => {
    const g = new tf.Graph();
    const { p, q } = g.asDefault(() => ({ p: tf.placeholder(tf.float32, [], 'p'), q: tf.placeholder(tf.float32, [null], 'q') }));
    using sess = new tf.Session({ graph: g });
    const sum = g.asDefault(() => tf.add(p, q));
    // sess.run(p + q, {p: 3, q: [2, 4]}): `new Map([[p, 3], [q, [2, 4]]])` does not compile
    // (TypeScript infers the value type from the first entry), so: a typed Map ...
    assert.equal(String(sess.run(sum, new Map<tf.Tensor, unknown>([[p, 3], [q, [2, 4]]]))), '[5. 7.]');
    // ... or the feed keyed by name.
    assert.equal(String(sess.run(sum, { p: 3, q: [2, 4] })), '[5. 7.]');
  });

  test('misspelled options are compile errors where the builders type them', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant([[1]]);
      const expectTypeError = (fn: () => unknown) => assert.throws(fn, TypeError);
      // @ts-expect-error transposeb is not an option of matmul
      expectTypeError(() => tf.matmul(a, a, { transposeb: true }));
      // @ts-expect-error keepdim is not an option of reduceSum
      expectTypeError(() => tf.reduceSum(a, 1, { keepdim: true }));
      // @ts-expect-error dtyp is not an option of constant
      expectTypeError(() => tf.constant([1], { dtyp: 'int32' }));
      // @ts-expect-error nmae is not an option of add
      expectTypeError(() => tf.add(a, a, { nmae: 'x' }));
      // @ts-expect-error shap is not an option of placeholder
      expectTypeError(() => tf.placeholder(tf.float32, { shap: [1] }));
      // @ts-expect-error nmae is not a Variable option
      expectTypeError(() => new tf.Variable(0, { nmae: 'v' }));
      const v = new tf.Variable(0);
      // @ts-expect-error useLockin is not an option of assign
      expectTypeError(() => v.assign(1, { useLockin: true }));
      // @ts-expect-error validateShap is not an option of tf.assign
      expectTypeError(() => tf.assign(v, 1, { validateShap: false }));
      // @ts-expect-error outTyp is not an option of shape
      expectTypeError(() => tf.shape(a, { outTyp: 'int64' }));
      // @ts-expect-error nmae is not an option of stack
      expectTypeError(() => tf.stack([a, a], { axis: 1, nmae: 'x' }));
      // @ts-expect-error summarise is not an option of tf.print
      expectTypeError(() => tf.print(a, { summarise: 3 }));
      // @ts-expect-error grpah is not a Session option
      expectTypeError(() => new tf.Session({ grpah: g }));
      using sess = new tf.Session({ graph: g });
      // @ts-expect-error traceLevl is not a RunOptions field (at run time: TF's unknown-field ValueError)
      assert.throws(() => sess.run(a, null, { traceLevl: 'FULL_TRACE' }), tf.ValueError);
      // @ts-expect-error 'FULL' is not a trace level
      assert.throws(() => sess.run(a, null, { traceLevel: 'FULL' }), TypeError);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Part 2: snippets compiled with tsc at test time.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

const PRELUDE = `
const g = new tf.Graph();
const { a, b, x, W, loss, trainOp, op } = g.asDefault(() => {
  const a = tf.placeholder(tf.float32, [], 'a');
  const b = tf.placeholder(tf.float32, [], 'b');
  const x = tf.placeholder(tf.float32, [null, 3], 'x');
  const W = new tf.Variable(tf.zeros([3, 1]), { name: 'W' });
  const loss = tf.reduceSum(tf.matmul(x, W), { name: 'loss' });
  const trainOp = tf.group(W.assignAdd(tf.ones([3, 1])), { name: 'train' });
  return { a, b, x, W, loss, trainOp, op: tf.noOp() };
});
const sess = new tf.Session({ graph: g });
`;

/** TF1 idioms that should type-check as written (no casts). */
const SHOULD_COMPILE: Record<string, string> = {
  'control: dict fetches give named NDArrays': `
    const r = sess.run({ l: loss, t: trainOp });
    const n: tf.NDArray = r.l; const z: null = r.t; void n; void z;`,
  'control: tf.nameScope returns the callback result': `
    const t: tf.Tensor = tf.nameScope('s', () => tf.identity(a)); void t;`,
  'training loop: const [, lossVal] = sess.run([trainOp, loss]); lossVal.item()': `
    const [, lossVal] = sess.run([trainOp, loss], { x: [[1, 2, 3]] });
    console.log(lossVal.item());`,
  'a list fetch is indexed by position: sess.run([op, loss])[1] is an NDArray': `
    const r = sess.run([op, loss]);
    const l: tf.NDArray = r[1]; void l;`,
  'nested list fetch: sess.run([a, [b, { k: op }]])[1][1].k is null': `
    const r = sess.run([a, [b, { k: op }]]);
    const k: null = r[1][1].k; void k;`,
  'fetch by tensor name: sess.run("loss:0").item()': `
    console.log(sess.run('loss:0').item());`,
  't.eval() returns an NDArray: sess.asDefault(() => a.eval(...).item())': `
    sess.asDefault(() => console.log(a.eval({ a: 1 }).item()));`,
  'v.eval() returns an NDArray': `
    sess.asDefault(() => console.log(W.eval().shape));`,
  'a makeCallable result of a tensor list is indexable: f(...)[0].item()': `
    const f = sess.makeCallable([loss, op], [x]);
    console.log(f([[1, 2, 3]])[0].item());`,
  'positional arguments in TF order: new tf.Variable(0, false) (trainable=False)': `
    g.asDefault(() => new tf.Variable(0, false));`,
};

/** Typos and wrong values that should be compile errors. */
const SHOULD_NOT_COMPILE: Record<string, string> = {
  'control: a misspelled matmul option': `
    g.asDefault(() => tf.matmul(x, W, { transposeb: true }));`,
  'a misspelled group option: tf.group(op, { nmae: "g" })': `
    g.asDefault(() => tf.group(op, { nmae: 'g' }));`,
  'a non-tensor group input: tf.group(1, 2)': `
    g.asDefault(() => tf.group(1, 2));`,
  'a misspelled dtype: tf.placeholder("flaot32")': `
    g.asDefault(() => tf.placeholder('flaot32', [null, 3]));`,
  'a misspelled dtype option: tf.constant([1, 2], { dtype: "int23" })': `
    g.asDefault(() => tf.constant([1, 2], { dtype: 'int23' }));`,
  'a misspelled Variable dtype: new tf.Variable(0, { dtype: "flaot32" })': `
    g.asDefault(() => new tf.Variable(0, { dtype: 'flaot32' }));`,
  'a misspelled cast dtype: tf.cast(a, "int23")': `
    g.asDefault(() => tf.cast(a, 'int23'));`,
  'a misspelled ConfigProto field: new tf.Session({ config: { operationTimeoutInMS: 5 } })': `
    new tf.Session({ config: { operationTimeoutInMS: 5 } });`,
  'an object as a constant value: tf.constant({ a: 1 })': `
    g.asDefault(() => tf.constant({ a: 1 }));`,
};

interface Checked {
  /** Diagnostics (text) per snippet name. */
  readonly errors: Map<string, string[]>;
}

let checked: Checked | undefined;
let dir: string | undefined;

function typeCheck(): Checked {
  if (checked) return checked;
  assert.ok(existsSync(TSC), `tsc not found at ${TSC}`);
  dir = mkdtempSync(join(tmpdir(), 'tg-api-types-'));
  const src = join(REPO, 'src', 'v1.js');
  const lines: string[] = [`import * as tf from ${JSON.stringify(src)};`, PRELUDE];
  const ranges: { name: string; from: number; to: number }[] = [];
  const all = { ...SHOULD_COMPILE, ...SHOULD_NOT_COMPILE };
  Object.entries(all).forEach(([name, body], i) => {
    const text = `export function snippet${i}(): void {${body}\n}\n`;
    const from = lines.join('\n').split('\n').length + 1;
    lines.push(text);
    const to = lines.join('\n').split('\n').length;
    ranges.push({ name, from, to });
  });
  writeFileSync(join(dir, 'snippets.ts'), lines.join('\n'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(REPO, 'tsconfig.base.json'),
      compilerOptions: { noEmit: true, rootDir: '/', typeRoots: [join(REPO, 'node_modules', '@types')] },
      files: ['snippets.ts'],
    }),
  );
  let out = '';
  try {
    out = execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  const errors = new Map<string, string[]>(ranges.map((r) => [r.name, []]));
  const unplaced: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^(.*)\((\d+),\d+\): error (.*)$/.exec(line);
    if (!m) continue;
    const at = Number(m[2]);
    const r = m[1]?.endsWith('snippets.ts') ? ranges.find((x) => at >= x.from && at <= x.to) : undefined;
    if (r) errors.get(r.name)?.push(m[3] as string);
    else unplaced.push(line);
  }
  // Errors in the prelude or in the library itself would make every verdict meaningless.
  assert.deepEqual(unplaced, [], 'errors outside the snippets');
  checked = { errors };
  return checked;
}

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('part 2: TF1 idioms that should type-check without casts', () => {
  for (const name of Object.keys(SHOULD_COMPILE)) {
    test(name, () => {
      assert.equal((typeCheck().errors.get(name) ?? []).join('\n'), '');
    });
  }
});

describe('part 2: typos that should be compile errors', () => {
  for (const name of Object.keys(SHOULD_NOT_COMPILE)) {
    test(name, () => {
      const errs = typeCheck().errors.get(name) ?? [];
      assert.ok(errs.length > 0, 'compiled without an error');
    });
  }
});

describe('run-time checks of the same typos', () => {
  test('a misspelled ConfigProto field is refused (TF: Protocol message ConfigProto has no "..." field)', () => {
    const config: Record<string, unknown> = { operationTimeoutInMS: 5 };
    assert.throws(
      () => new tf.Session({ config }),
      (e: unknown) => e instanceof tf.ValueError || e instanceof TypeError,
    );
    assert.throws(
      () => new tf.ConfigProto(config),
      (e: unknown) => e instanceof tf.ValueError || e instanceof TypeError,
    );
  });
});
