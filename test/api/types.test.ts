// The types a TF1 port meets. Part 1 is checked by this file's own compilation: result types of
// sess.run derived from the fetch structure, builders accepting variables / numbers / nested and
// typed arrays, and misspelled options refused (`@ts-expect-error` fails the build if no error).
// Part 2 type-checks small TF1 idioms with the TypeScript compiler at test time, so that an idiom
// that does not compile (or a typo that does) is a failing test rather than a broken build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  test('builders take their parameters positionally, in TensorFlow order', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder('float32', [2, 2], 'x');
      const c = tf.constant([[1, 2], [3, 4]], 'float32', [2, 2], 'c', true);
      const v = new tf.Variable(0, true, null, true, null, 'v', null, 'float32');
      const mm = tf.matmul(x, c, false, true, false, false, false, false, null, 'mm');
      const sum = tf.reduceSum(c, 1, true, 'sum', null, null);
      const shape = tf.shape(c, 'sh', 'int64');
      const built = [
        x,
        c,
        v,
        mm,
        sum,
        shape,
        tf.squeeze(tf.constant([[1]]), [0], 'sq', null),
        tf.range(0, 5, 1, 'int32', 'r'),
        tf.gather(c, [0], null, 'g', 0, 0),
        tf.booleanMask(c, [true, false], 'bm', 0),
        tf.stack([c, c], 1, 'st'),
        tf.where([true, false], null, null, 'w'),
        tf.Print(c, [c], 'message', 1, 2, 'p'),
        tf.convertToTensor(1, 'int32', 'ct', null, null),
        tf.zeros([2], 'int32', 'z'),
        tf.ones([2], 'int32', 'o'),
        tf.zerosLike(c, 'float32', 'zl', true),
        tf.onesLike(c, null, 'ol', true),
        v.assign(1, false, 'va', true),
        v.assignAdd(1, false, 'vaa'),
        v.assignSub(1, false, 'vas'),
        tf.assign(v, 1, true, false, 'a'),
        tf.assignAdd(v, 1, false, 'aa'),
        tf.assignSub(v, 1, false, 'as'),
        tf.add(c, c, 'add'),
        tf.divide(c, c, 'div'),
      ];
      assert.deepEqual(
        built.map((t) => t.op.name),
        ['x', 'c', 'v', 'mm', 'sum', 'sh', 'sq', 'r', 'g', 'bm/GatherV2', 'st', 'w', 'p', 'ct', 'z', 'o', 'zl', 'ol', 'va', 'vaa', 'vas', 'a', 'aa', 'as', 'add', 'div'],
      );
      assert.equal(mm.op.getAttr('transpose_b'), true);
      assert.equal(sum.op.getAttr('keep_dims'), true);
      assert.equal(shape.dtype, 'int64');
      assert.equal(tf.Assert(true, [c], 3, 'check').name, 'check/Assert');
      const op = v.assign(2, false, 'op', false);
      sameType<typeof op, tf.Operation>();
      assert.ok(op instanceof tf.Operation);
    });
  });

  test('the options object may stand at any position after the required arguments', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const c = tf.constant([[1, 2], [3, 4]]);
      const b = tf.constant([true, false]);
      const s = tf.constant([[5]]);
      const names = (ts: readonly { op: { name: string } }[]) => ts.map((t) => t.op.name);

      const mm = [
        tf.matmul(c, c, { transposeB: true }),
        tf.matmul(c, c, false, { transposeB: true }),
        tf.matmul(c, c, false, true, { adjointA: false }),
        tf.matmul(c, c, false, true, false, { adjointB: false }),
        tf.matmul(c, c, false, true, false, false, { aIsSparse: false }),
        tf.matmul(c, c, false, true, false, false, false, { bIsSparse: false }),
        tf.matmul(c, c, false, true, false, false, false, false, { outputType: null }),
        tf.matmul(c, c, false, true, false, false, false, false, null, { name: 'mm' }),
      ];
      assert.deepEqual(
        mm.map((t) => t.op.getAttr('transpose_b')),
        mm.map(() => true),
      );
      assert.equal(mm[7]?.op.name, 'mm');

      const ph = [tf.placeholder('float32', { shape: [null, 784], name: 'x' }), tf.placeholder('float32', [null, 784], { name: 'x1' })];
      assert.deepEqual(
        ph.map((t) => `${t.op.name} ${t.shape}`),
        ['x (?, 784)', 'x1 (?, 784)'],
      );

      const k = [
        tf.constant(1, { dtype: 'int32', name: 'k0' }),
        tf.constant(1, 'int32', { shape: [2], name: 'k1' }),
        tf.constant(1, 'int32', [2], { name: 'k2' }),
        tf.constant([1, 2], 'int32', [2], 'k3', { verifyShape: true }),
      ];
      assert.deepEqual(names(k), ['k0', 'k1', 'k2', 'k3']);

      const sq = [tf.squeeze(s, { axis: 0, name: 'sq0' }), tf.squeeze(s, [0], { name: 'sq1' }), tf.squeeze(s, null, 'sq2', { squeezeDims: [0] })];
      assert.deepEqual(names(sq), ['sq0', 'sq1', 'sq2']);

      const r = [
        tf.range(0, { limit: 5, name: 'r0' }),
        tf.range(0, 5, { delta: 2, name: 'r1' }),
        tf.range(0, 5, 2, { dtype: 'float32', name: 'r2' }),
        tf.range(0, 5, 2, 'int32', { name: 'r3' }),
      ];
      assert.deepEqual(names(r), ['r0', 'r1', 'r2', 'r3']);

      const ga = [
        tf.gather(c, [0], { axis: 1, name: 'g0' }),
        tf.gather(c, [0], null, { axis: 1, name: 'g1' }),
        tf.gather(c, [0], null, 'g2', { axis: 1 }),
        tf.gather(c, [0], null, 'g3', 1, { batchDims: 0 }),
      ];
      assert.deepEqual(names(ga), ['g0', 'g1', 'g2', 'g3']);

      const bm = [tf.booleanMask(c, [true, false], { name: 'bm0', axis: 0 }), tf.booleanMask(c, [true, false], 'bm1', { axis: 0 })];
      assert.deepEqual(names(bm), ['bm0/GatherV2', 'bm1/GatherV2']);

      const sh = [tf.shape(c, { outType: 'int64', name: 'sh0' }), tf.shape(c, 'sh1', { outType: 'int64' })];
      assert.deepEqual(names(sh), ['sh0', 'sh1']);

      const st = [tf.stack([c, c], { axis: 1, name: 'st0' }), tf.stack([c, c], 1, { name: 'st1' })];
      assert.deepEqual(names(st), ['st0', 'st1']);

      const w = [tf.where(b, { name: 'w0' }), tf.where(b, null, { name: 'w1' }), tf.where(b, null, null, { name: 'w2' })];
      assert.deepEqual(names(w), ['w0', 'w1', 'w2']);

      const sum = [
        tf.reduceSum(c, { axis: 1, name: 's0' }),
        tf.reduceSum(c, 1, { keepdims: true, name: 's1' }),
        tf.reduceSum(c, 1, true, { name: 's2' }),
        tf.reduceSum(c, null, null, 's3', { reductionIndices: 1 }),
        tf.reduceSum(c, 1, null, 's4', null, { keepDims: true }),
      ];
      assert.deepEqual(names(sum), ['s0', 's1', 's2', 's3', 's4']);

      const pr = [
        tf.Print(c, [c], { message: 'm', name: 'p0' }),
        tf.Print(c, [c], 'm', { firstN: 1, name: 'p1' }),
        tf.Print(c, [c], 'm', 1, { summarize: 2, name: 'p2' }),
        tf.Print(c, [c], 'm', 1, 2, { name: 'p3' }),
      ];
      assert.deepEqual(names(pr), ['p0', 'p1', 'p2', 'p3']);

      const as = [tf.Assert(true, [c], { summarize: 1, name: 'as0' }), tf.Assert(true, [c], 1, { name: 'as1' })];
      assert.deepEqual(
        as.map((o) => o.name),
        ['as0/Assert', 'as1/Assert'],
      );

      const ct = [
        tf.convertToTensor(1, { dtype: 'int32', name: 'ct0' }),
        tf.convertToTensor(1, 'int32', { name: 'ct1' }),
        tf.convertToTensor(1, null, 'ct2', { preferredDtype: 'int32' }),
        tf.convertToTensor(1, null, 'ct3', null, { dtypeHint: 'int32' }),
      ];
      assert.deepEqual(names(ct), ['ct0', 'ct1', 'ct2', 'ct3']);

      const filled = [
        tf.zeros([2], { dtype: 'int32', name: 'z0' }),
        tf.zeros([2], 'int32', { name: 'z1' }),
        tf.ones([2], { dtype: 'int32', name: 'o0' }),
        tf.ones([2], 'int32', { name: 'o1' }),
      ];
      assert.deepEqual(names(filled), ['z0', 'z1', 'o0', 'o1']);

      const like = [
        tf.zerosLike(c, { dtype: 'float32', name: 'zl0' }),
        tf.zerosLike(c, null, { name: 'zl1' }),
        tf.zerosLike(c, null, 'zl2', { optimize: true }),
        tf.onesLike(c, { name: 'ol0' }),
        tf.onesLike(c, null, { name: 'ol1' }),
        tf.onesLike(c, null, 'ol2', { optimize: true }),
      ];
      assert.deepEqual(names(like), ['zl0', 'zl1', 'zl2', 'ol0', 'ol1', 'ol2']);

      const vars = [
        new tf.Variable(0, { trainable: false, name: 'v0' }),
        new tf.Variable(0, false, { collections: ['c'], name: 'v1' }),
        new tf.Variable(0, false, ['c'], { validateShape: true, name: 'v2' }),
        new tf.Variable(0, false, ['c'], true, { cachingDevice: '', name: 'v3' }),
        new tf.Variable(0, false, ['c'], true, null, { name: 'v4' }),
        new tf.Variable(0, false, ['c'], true, null, 'v5', { dtype: 'float64' }),
        new tf.Variable(0, false, ['c'], true, null, 'v6', null, { shape: [] }),
      ];
      assert.deepEqual(names(vars), ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
      assert.equal(vars[5]?.dtype, 'float64');

      const v = vars[0] as tf.Variable;
      const updates = [
        v.assign(1, { useLocking: true, name: 'va0' }),
        v.assign(1, true, { name: 'va1' }),
        v.assign(1, true, 'va2', { readValue: true }),
        v.assignAdd(1, { name: 'vaa0' }),
        v.assignAdd(1, true, { name: 'vaa1' }),
        v.assignSub(1, true, 'vas2', { readValue: true }),
        tf.assign(v, 1, { validateShape: true, name: 'a0' }),
        tf.assign(v, 1, true, { useLocking: false, name: 'a1' }),
        tf.assign(v, 1, true, false, { name: 'a2' }),
        tf.assignAdd(v, 1, { name: 'aa0' }),
        tf.assignAdd(v, 1, false, { name: 'aa1' }),
        tf.assignSub(v, 1, { name: 'asub0' }),
        tf.assignSub(v, 1, false, { name: 'asub1' }),
      ];
      sameType<(typeof updates)[number], tf.Tensor>();
      assert.deepEqual(names(updates), ['va0', 'va1', 'va2', 'vaa0', 'vaa1', 'vas2', 'a0', 'a1', 'a2', 'aa0', 'aa1', 'asub0', 'asub1']);

      // { readValue: false } at any position gives the op, typed as one.
      const ops = [v.assign(1, { readValue: false }), v.assignAdd(1, true, { readValue: false }), v.assignSub(1, true, 'vs', { readValue: false })];
      sameType<(typeof ops)[number], tf.Operation>();
      assert.ok(ops.every((o) => o instanceof tf.Operation));
      const flag: boolean = ops.length > 10;
      const either = v.assign(1, { readValue: flag });
      sameType<typeof either, tf.Tensor | tf.Operation>();
    });
  });

  test('unknown option keys are compile errors at every options position', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant([[1]]);
      const v = new tf.Variable(0);
      const expectTypeError = (fn: () => unknown) => assert.throws(fn, TypeError);
      // @ts-expect-error transposeC is not an option of matmul
      expectTypeError(() => tf.matmul(a, a, { transposeC: true }));
      // @ts-expect-error transposeC is not an option of matmul (options after positionals)
      expectTypeError(() => tf.matmul(a, a, true, false, { transposeC: true }));
      // @ts-expect-error nmae is not an option of matmul (options at the name position)
      expectTypeError(() => tf.matmul(a, a, false, false, false, false, false, false, null, { nmae: 'x' }));
      // @ts-expect-error dtype is the first argument of placeholder, not an option
      expectTypeError(() => tf.placeholder('float32', [1], { dtype: 'int32' }));
      // @ts-expect-error verifyshape is not an option of constant
      expectTypeError(() => tf.constant(1, 'int32', [1], { verifyshape: true }));
      // @ts-expect-error axes is not an option of squeeze
      expectTypeError(() => tf.squeeze(a, { axes: [0] }));
      // @ts-expect-error step is not an option of range
      expectTypeError(() => tf.range(0, 5, { step: 2 }));
      // @ts-expect-error batchdims is not an option of gather
      expectTypeError(() => tf.gather(a, [0], null, 'g', { batchdims: 0 }));
      // @ts-expect-error axes is not an option of booleanMask
      expectTypeError(() => tf.booleanMask(a, [true], 'bm', { axes: 0 }));
      // @ts-expect-error outtype is not an option of shape
      expectTypeError(() => tf.shape(a, 'sh', { outtype: 'int64' }));
      // @ts-expect-error axes is not an option of stack
      expectTypeError(() => tf.stack([a], 0, { axes: 0 }));
      // @ts-expect-error z is not an option of where
      expectTypeError(() => tf.where(a, null, { z: 1 }));
      // @ts-expect-error keep_dims is not an option of reduceSum (camelCase names only)
      expectTypeError(() => tf.reduceSum(a, 1, true, { keep_dims: true }));
      // @ts-expect-error first_n is not an option of tf.Print
      expectTypeError(() => tf.Print(a, [a], 'm', { first_n: 1 }));
      // @ts-expect-error summarise is not an option of tf.Assert
      expectTypeError(() => tf.Assert(true, [a], 1, { summarise: 1 }));
      // @ts-expect-error preferredDType is not an option of convertToTensor
      expectTypeError(() => tf.convertToTensor(1, null, 'c', { preferredDType: 'int32' }));
      // @ts-expect-error shape is not an option of zeros (it is the first argument)
      expectTypeError(() => tf.zeros([1], 'int32', { shape: [2] }));
      // @ts-expect-error dtyp is not an option of ones
      expectTypeError(() => tf.ones([1], { dtyp: 'int32' }));
      // @ts-expect-error optimise is not an option of zerosLike
      expectTypeError(() => tf.zerosLike(a, null, 'z', { optimise: true }));
      // @ts-expect-error dtyp is not an option of onesLike
      expectTypeError(() => tf.onesLike(a, { dtyp: 'int32' }));
      // @ts-expect-error traniable is not a Variable option
      expectTypeError(() => new tf.Variable(0, false, { traniable: false }));
      // @ts-expect-error readvalue is not an option of Variable.assignAdd
      expectTypeError(() => v.assignAdd(1, true, { readvalue: false }));
      // @ts-expect-error validateShape is not an option of assignAdd (only of assign)
      expectTypeError(() => tf.assignAdd(v, 1, { validateShape: false }));
      // @ts-expect-error uselocking is not an option of assignSub
      expectTypeError(() => tf.assignSub(v, 1, false, { uselocking: true }));
      // @ts-expect-error nmae is not an option of divide
      expectTypeError(() => tf.divide(a, a, { nmae: 'd' }));
    });
  });

  test('wrong positional types are compile errors', () => {
    const g = new tf.Graph();
    const a = g.asDefault(() => tf.constant([[1]]));
    const v = g.asDefault(() => new tf.Variable(0));
    // Type checks only: these are never called.
    const wrong = [
      // @ts-expect-error transposeA is a boolean
      () => tf.matmul(a, a, 'yes'),
      // @ts-expect-error b is required: the options object comes after the required arguments
      () => tf.matmul(a, { transposeB: true }),
      // @ts-expect-error a shape, not a name, comes second
      () => tf.placeholder('float32', 'x'),
      // @ts-expect-error not a dtype
      () => tf.constant(1, 'int23'),
      // @ts-expect-error verifyShape is a boolean
      () => tf.constant(1, 'int32', [1], 'k', 1),
      // @ts-expect-error the axis is a number or a list
      () => tf.squeeze(a, 'sq'),
      // @ts-expect-error not a dtype
      () => tf.range(0, 5, 1, 'int23'),
      // @ts-expect-error validateIndices comes before the name
      () => tf.gather(a, [0], 'g'),
      // @ts-expect-error the name comes before the axis
      () => tf.booleanMask(a, [true], 0),
      // @ts-expect-error outType is int32 or int64
      () => tf.shape(a, 'sh', 'float32'),
      // @ts-expect-error the axis comes before the name
      () => tf.stack([a], 'st'),
      // @ts-expect-error the name is a string
      () => tf.where(a, null, null, 5),
      // @ts-expect-error keepdims is a boolean
      () => tf.reduceSum(a, 1, 'yes'),
      // @ts-expect-error data is required: a list of tensors
      () => tf.Print(a, { message: 'm' }),
      // @ts-expect-error the message is a string
      () => tf.Print(a, [a], 5),
      // @ts-expect-error summarize is a number
      () => tf.Assert(true, [a], 'x'),
      // @ts-expect-error not a dtype
      () => tf.convertToTensor(1, 'int23'),
      // @ts-expect-error not a dtype
      () => tf.zeros([2], 'int23'),
      // @ts-expect-error optimize is a boolean
      () => tf.zerosLike(a, null, 'z', 'yes'),
      // @ts-expect-error trainable is a boolean
      () => new tf.Variable(0, 'v'),
      // @ts-expect-error useLocking is a boolean
      () => v.assign(1, 'x'),
      // @ts-expect-error validateShape is a boolean
      () => tf.assign(v, 1, 'x'),
      // @ts-expect-error useLocking is a boolean
      () => tf.assignSub(v, 1, 'x'),
      // @ts-expect-error the name is a string
      () => tf.add(a, a, 5),
    ];
    assert.equal(wrong.length, 24);
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

// ---------------------------------------------------------------------------------------------
// Part 3: the parameter names an editor's signature help shows (DESIGN §4). TypeScript cannot
// observe parameter names in types, so this reads the first (public) signature in the source.

/** The parameter names of the signature that starts at `head` (which ends with its `(`) in `file`. */
function parameterNames(file: string, head: string): string[] {
  const text = readFileSync(join(REPO, 'src', file), 'utf8');
  const at = text.indexOf(head);
  assert.ok(at >= 0, `${head} not found in src/${file}`);
  const params: string[] = [];
  let depth = 1;
  let current = '';
  for (let i = at + head.length; depth > 0; i++) {
    const ch = text[i] as string;
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && text[i - 1] !== '=')) depth--;
    if (depth === 1 && ch === ',') {
      params.push(current);
      current = '';
    } else if (depth > 0) current += ch;
  }
  params.push(current);
  return params.map((p) => p.trim()).filter((p) => p !== '').map((p) => /^(\.\.\.)?[A-Za-z_$][\w$]*/.exec(p)?.[0] ?? p);
}

const SIGNATURES: [string, string, string][] = [
  ['ops/defs/array/placeholder.ts', 'export function placeholder(', 'dtype shape name'],
  ['ops/defs/array/const.ts', 'export function constant(', 'value dtype shape name verifyShape'],
  ['ops/defs/array/squeeze.ts', 'export function squeeze(', 'input axis name squeezeDims'],
  ['ops/defs/array/range.ts', 'export function range(', 'start limit delta dtype name'],
  ['ops/defs/array/gather.ts', 'export function gather(', 'params indices validateIndices name axis batchDims'],
  ['ops/defs/array/boolean-mask.ts', 'export function booleanMask(', 'tensor mask name axis'],
  ['ops/defs/array/shape.ts', 'export function shape(', 'input name outType'],
  ['ops/defs/array/pack.ts', 'export function stack(', 'values axis name'],
  ['ops/defs/array/where.ts', 'export function where(', 'condition x y name'],
  ['ops/defs/array/zeros-ones.ts', 'export type FilledBuilder = (', 'shape dtype name'],
  ['ops/defs/array/like.ts', 'export type LikeBuilder = (', 'tensor dtype name optimize'],
  ['ops/defs/math/sum.ts', 'export type ReduceBuilder = (', 'inputTensor axis keepdims name reductionIndices keepDims'],
  ['ops/defs/math/matmul.ts', 'export function matmul(', 'a b transposeA transposeB adjointA adjointB aIsSparse bIsSparse outputType name'],
  ['ops/defs/math/binary.ts', 'export type BinaryBuilder = (', 'x y name'],
  ['ops/defs/control/print.ts', 'export function Print_(', 'input data message firstN summarize name'],
  ['ops/defs/control/print.ts', 'export function print(', '...inputs'],
  ['ops/defs/control/assert.ts', 'export function Assert_(', 'condition data summarize name'],
  ['graph/api.ts', 'export function convertToTensor(', 'value dtype name preferredDtype dtypeHint'],
  ['graph/api.ts', 'export function group(', '...inputs'],
  ['graph/variable.ts', 'constructor(', 'initialValue trainable collections validateShape cachingDevice name variableDef dtype'],
  ['graph/variable.ts', '\n  assign(', 'value useLocking name readValue'],
  ['graph/variable.ts', '\n  assignAdd(', 'delta useLocking name readValue'],
  ['graph/variable.ts', '\n  assignSub(', 'delta useLocking name readValue'],
  ['graph/variable.ts', 'export function assign(', 'ref value validateShape useLocking name'],
  ['graph/variable.ts', 'export function assignAdd(', 'ref value useLocking name'],
  ['graph/variable.ts', 'export function assignSub(', 'ref value useLocking name'],
];

describe("part 3: builders' signatures name their parameters in TensorFlow's order", () => {
  for (const [file, head, names] of SIGNATURES) {
    test(`${head.trim()} ${names}`, () => {
      assert.deepEqual(parameterNames(file, head), names.split(' '));
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
