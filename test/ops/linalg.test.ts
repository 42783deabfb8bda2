// Conformance: BiasAdd / BiasAddGrad (tf.nn.biasAdd), BatchMatMulV2 (tf.matmul on rank > 2),
// Einsum (tf.einsum). Expected values and messages checked with TensorFlow 2.21 (CPU).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyOp1 } from '../../src/ops/builder.js';
import { BatchMatMulV2 } from '../../src/ops/defs/math/batch-matmul.js';
import { BiasAddGrad } from '../../src/ops/defs/math/bias-add.js';
import * as tf from '../../src/v1.js';
import { build, checkGradient, evalT, expectArray, expectOpError, expectValueError, opNames } from './helpers.js';

const ones = (shape: number[], dtype: tf.DType = 'float32') => tf.ones(shape, dtype);
const pw = (v: unknown, shape: (number | null)[] | null) => tf.placeholderWithDefault(tf.constant(v as number[]), shape);
const seq = (n: number, f = (i: number) => ((i * 7) % 11) / 5 - 1) => Array.from({ length: n }, (_, i) => f(i));

describe('BiasAdd (tf.nn.biasAdd) and BiasAddGrad', () => {
  test('NHWC and NCHW values, names', () => {
    const { g, out, sess } = build(() => tf.nn.biasAdd([[1, 2], [3, 4]], [10, 20]));
    assert.equal(out.op.type, 'BiasAdd');
    assert.equal(out.op.name, 'BiasAdd');
    assert.ok(opNames(g).includes('BiasAdd/input') && opNames(g).includes('BiasAdd/bias'));
    expectArray(sess.run(out), 'float32', [2, 2], [[11, 22], [13, 24]]);
    expectArray(evalT(() => tf.nn.biasAdd(ones([1, 2, 2]), [10, 20], 'NCHW')), 'float32', [1, 2, 2], [[[11, 11], [21, 21]]]);
    expectArray(evalT(() => tf.nn.biasAdd(tf.constant([[1]], 'int32'), tf.constant([2], 'int32'), { dataFormat: 'N...C' })), 'int32', [1, 1], [[3]]);
    expectArray(evalT(() => applyOp1(BiasAddGrad, [ones([2, 3, 4])], { data_format: 'NCHW' })), 'float32', [3], [8, 8, 8]);
    expectArray(evalT(() => applyOp1(BiasAddGrad, [ones([2, 3, 4])])), 'float32', [4], [6, 6, 6, 6]);
  });

  test('build-time errors', () => {
    expectValueError(
      () => build(() => tf.nn.biasAdd([1, 2], [10, 20])),
      "Shape must be at least rank 2 but is rank 1 for '{{node BiasAdd}} = BiasAdd[T=DT_FLOAT, data_format=\"NHWC\"](BiasAdd/input, BiasAdd/bias)' with input shapes: [2], [2].",
    );
    assert.throws(() => build(() => tf.nn.biasAdd([[1, 2]], [10, 20, 3])), /Dimensions must be equal, but are 2 and 3/);
    assert.throws(() => build(() => tf.nn.biasAdd([[1, 2]], [[10, 20]])), /Shape must be rank 1 but is rank 2/);
    assert.throws(() => build(() => tf.nn.biasAdd(ones([2, 3]), [1, 2, 3], 'NCHW')), /Shape must be at least rank 3 but is rank 2/);
    assert.throws(() => build(() => applyOp1(BiasAddGrad, [ones([3])])), /Shape must be at least rank 2 but is rank 1/);
    expectValueError(() => build(() => tf.nn.biasAdd([[1]], [1], 'HWC')), 'data_format must be of the form `N...C` or `NC...`');
  });

  test('run-time errors', () => {
    const a = build(() => tf.nn.biasAdd(pw([[1, 2]], [null, null]), pw([10, 20, 3], [null])));
    expectOpError(() => a.sess.run(a.out), tf.errors.InvalidArgumentError, 'BiasAdd', 'Must provide as many biases as the last dimension of the input tensor: [3] vs. [1,2]');
    const b = build(() => tf.nn.biasAdd(pw([1, 2], null), pw([10, 20], [null])));
    expectOpError(() => b.sess.run(b.out), tf.errors.InvalidArgumentError, 'BiasAdd', 'Input tensor must be at least 2D: [2]');
  });

  test('gradients: BiasAdd in both inputs, BiasAddGrad', () => {
    checkGradient(([v, b]) => tf.nn.biasAdd(v as tf.Tensor, b as tf.Tensor), [seq(12), [0.5, -1, 2]], [[2, 2, 3], [3]]);
    checkGradient(([v, b]) => tf.nn.biasAdd(v as tf.Tensor, b as tf.Tensor, 'NCHW'), [seq(12), [0.5, -1, 2]], [[2, 3, 2], [3]]);
    checkGradient(([v]) => applyOp1(BiasAddGrad, [v], { data_format: 'NCHW' }), [seq(12)], [[2, 3, 2]]);
  });
});

describe('BatchMatMulV2 (tf.matmul on rank > 2)', () => {
  test('tf.matmul builds BatchMatMulV2 for rank > 2, MatMul for rank 2', () => {
    const { out, sess } = build(() => [tf.matmul([[1, 2]], [[3], [4]]), tf.matmul(ones([2, 1, 2]), [[3], [4]])]);
    const [mm, bmm] = out as [tf.Tensor, tf.Tensor];
    assert.equal(mm.op.type, 'MatMul');
    assert.deepEqual(mm.op.inputs.map((t) => t.name), ['MatMul/a:0', 'MatMul/b:0']);
    assert.equal(bmm.op.type, 'BatchMatMulV2');
    assert.equal(bmm.op.name, 'MatMul_1');
    expectArray(sess.run(bmm), 'float32', [2, 1, 1], [[[7]], [[7]]]);
  });

  test('broadcast batch dims and adjoints', () => {
    const a = seq(12);
    const b = seq(30, (i) => (i % 4) - 1.5);
    const { out, sess } = build(() => tf.matmul(tf.constant(a, 'float64', [2, 2, 3]), tf.constant(b, 'float64', [3, 1, 2, 5]), { transposeA: true }));
    assert.equal(out.shape.toString(), '(3, 2, 3, 5)');
    const r = sess.run(out).data as Float64Array;
    // out[i][j] = A[j]^T · B[i][0]
    let n = 0;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 2; j++)
        for (let p = 0; p < 3; p++)
          for (let q = 0; q < 5; q++) {
            let s = 0;
            for (let k = 0; k < 2; k++) s += (a[j * 6 + k * 3 + p] as number) * (b[i * 10 + k * 5 + q] as number);
            assert.ok(Math.abs((r[n++] as number) - s) < 1e-12, `element ${n - 1}`);
          }
    expectArray(evalT(() => applyOp1(BatchMatMulV2, [ones([2, 2, 3]), ones([1, 4, 3])], { adj_y: true })), 'float32', [2, 2, 4], Array(2).fill(Array(2).fill([3, 3, 3, 3])));
    expectArray(evalT(() => tf.matmul(tf.constant([[[1, 2]], [[3, 4]]], 'int32'), tf.constant([[[1], [1]]], 'int32'))), 'int32', [2, 1, 1], [[[3]], [[7]]]);
  });

  test('errors', () => {
    expectValueError(
      () => build(() => tf.matmul(ones([2, 1, 2]), ones([3, 2, 1]))),
      "Dimensions must be equal, but are 2 and 3 for '{{node MatMul}} = BatchMatMulV2[T=DT_FLOAT, adj_x=false, adj_y=false, grad_x=false, grad_y=false](ones, ones_1)' with input shapes: [2,1,2], [3,2,1].",
    );
    assert.throws(() => build(() => tf.matmul(ones([2, 1, 2]), ones([2, 3, 1]))), /Dimensions must be equal, but are 2 and 3/);
    assert.throws(() => build(() => applyOp1(BatchMatMulV2, [tf.constant([1, 2]), ones([2, 2, 1])])), /Shape must be at least rank 2 but is rank 1/);
    const f = (v: number[], s: number[]) => tf.placeholderWithDefault(tf.ones(v), s as never);
    const a = build(() => applyOp1(BatchMatMulV2, [f([2, 1, 2], [null, 1, 2] as never), f([3, 2, 1], [null, 2, 1] as never)]));
    expectOpError(() => a.sess.run(a.out), tf.errors.InvalidArgumentError, 'BatchMatMulV2', 'In[0] and In[1] must have compatible batch dimensions: [2,1,2] vs. [3,2,1]');
    const b = build(() => applyOp1(BatchMatMulV2, [f([2, 1, 2], [2, 1, null] as never), f([2, 3, 1], [2, null, 1] as never)]));
    expectOpError(() => b.sess.run(b.out), tf.errors.InvalidArgumentError, 'BatchMatMulV2', 'Matrix size-incompatible: In[0]: [2,1,2], In[1]: [2,3,1] 0 0');
  });

  test('gradients with broadcasting and adjoints', () => {
    checkGradient(([x, y]) => tf.matmul(x as tf.Tensor, y as tf.Tensor), [seq(12), seq(6)], [[2, 2, 3], [3, 2]]);
    checkGradient(([x, y]) => applyOp1(BatchMatMulV2, [x, y], { adj_x: true }), [seq(12), seq(12)], [[2, 3, 2], [1, 3, 4]]);
    checkGradient(([x, y]) => applyOp1(BatchMatMulV2, [x, y], { adj_y: true }), [seq(12), seq(24)], [[2, 2, 3], [2, 1, 4, 3]]);
    checkGradient(([x, y]) => applyOp1(BatchMatMulV2, [x, y], { adj_x: true, adj_y: true }), [seq(12), seq(24)], [[2, 3, 2], [2, 4, 3]]);
  });
});

describe('Einsum (tf.einsum)', () => {
  const A = [[1, 2, 3], [4, 5, 6]];
  const B = [[1, 0], [0, 1], [1, 1]];
  test('common forms', () => {
    expectArray(evalT(() => tf.einsum('ij,jk->ik', A, B)), 'float32', [2, 2], [[4, 5], [10, 11]]);
    expectArray(evalT(() => tf.einsum('ij->ji', A)), 'float32', [3, 2], [[1, 4], [2, 5], [3, 6]]);
    expectArray(evalT(() => tf.einsum('i,j->ij', [1, 2], [3, 4, 5])), 'float32', [2, 3], [[3, 4, 5], [6, 8, 10]]);
    expectArray(evalT(() => tf.einsum('bi,bi->b', A, A)), 'float32', [2], [14, 77]);
    expectArray(evalT(() => tf.einsum('ij->', A)), 'float32', [], 21);
    expectArray(evalT(() => tf.einsum('ij,jk', A, B)), 'float32', [2, 2], [[4, 5], [10, 11]]);
    expectArray(evalT(() => tf.einsum('bij,bjk->bik', [A, A], [B, B])), 'float32', [2, 2, 2], [[[4, 5], [10, 11]], [[4, 5], [10, 11]]]);
    expectArray(evalT(() => tf.einsum('ij,jk->ik', tf.constant(A, 'int32'), tf.constant(B, 'int32'))), 'int32', [2, 2], [[4, 5], [10, 11]]);
    expectArray(evalT(() => tf.einsum('ij,jk->ik', tf.constant(A, 'float16'), tf.constant(B, 'float16'))), 'float16', [2, 2], [[4, 5], [10, 11]]);
  });

  test("'bhqd,bhkd->bhqk' against a direct computation", () => {
    const q = seq(2 * 2 * 3 * 4);
    const k = seq(2 * 2 * 5 * 4, (i) => ((i * 5) % 7) / 3 - 1);
    const r = evalT(() => tf.einsum('bhqd,bhkd->bhqk', tf.constant(q, 'float64', [2, 2, 3, 4]), tf.constant(k, 'float64', [2, 2, 5, 4]))).data as Float64Array;
    let i = 0;
    for (let b = 0; b < 2; b++)
      for (let h = 0; h < 2; h++)
        for (let x = 0; x < 3; x++)
          for (let y = 0; y < 5; y++) {
            let s = 0;
            for (let d = 0; d < 4; d++) s += (q[((b * 2 + h) * 3 + x) * 4 + d] as number) * (k[((b * 2 + h) * 5 + y) * 4 + d] as number);
            assert.ok(Math.abs((r[i++] as number) - s) < 1e-12);
          }
  });

  test('names, resolved equation, static shapes', () => {
    const { out } = build(() => [tf.einsum(' ij , jk ', tf.ones([2, 3]), tf.placeholder('float32', [3, null])), tf.einsum('ba', tf.ones([2, 3]))]);
    const [e, t] = out as [tf.Tensor, tf.Tensor];
    assert.equal(e.op.name, 'einsum/Einsum');
    assert.equal(e.op.getAttr('equation'), 'ij,jk->ik');
    assert.equal(e.shape.toString(), '(2, ?)');
    assert.equal(t.op.getAttr('equation'), 'ba->ab');
    assert.equal(t.shape.toString(), '(3, 2)');
  });

  test('errors: shapes, rank, input count, output labels, unsupported forms name the equation', () => {
    assert.throws(() => build(() => tf.einsum('ij,jk->ik', ones([2, 3]), ones([2, 4]))), /Dimensions must be equal, but are 3 and 2/);
    assert.throws(() => build(() => tf.einsum('ijk,jk->ik', ones([2, 3]), ones([3, 4]))), /Shape must be rank 3 but is rank 2\n\t for 0th input and equation: ijk,jk->ik/);
    expectValueError(() => build(() => tf.einsum('ij,jk->ik', ones([2, 3]))), 'Got 1 inputs for equation "ij,jk->ik", expecting 2');
    expectValueError(() => build(() => tf.einsum('ij->ijk', ones([2, 3]))), 'Output subscripts contain the label k not present in the input subscripts.');
    expectValueError(() => build(() => tf.einsum('ii->', ones([2, 2]))), "Einsum equation 'ii->' is not supported by tensorgraph (a label repeated within the operand 'ii').");
    expectValueError(() => build(() => tf.einsum('...ij,...jk->...ik', ones([2, 2, 3]), ones([3, 4]))), "Einsum equation '...ij,...jk->...ik' is not supported by tensorgraph (ellipsis).");
  });

  test('gradients', () => {
    checkGradient(([a, b]) => tf.einsum('ij,jk->ik', a as tf.Tensor, b as tf.Tensor), [seq(6), seq(12)], [[2, 3], [3, 4]]);
    checkGradient(([a, b]) => tf.einsum('bhqd,bhkd->bhqk', a as tf.Tensor, b as tf.Tensor), [seq(24), seq(16)], [[1, 2, 3, 4], [1, 2, 2, 4]]);
    checkGradient(([a, b]) => tf.einsum('bi,bi->b', a as tf.Tensor, b as tf.Tensor), [seq(6), seq(6)], [[2, 3], [2, 3]]);
    checkGradient(([a, b]) => tf.einsum('i,j->ij', a as tf.Tensor, b as tf.Tensor), [seq(2), seq(3)], [[2], [3]]);
    checkGradient(([a]) => tf.einsum('ij->ji', a as tf.Tensor), [seq(6)], [[2, 3]]);
    // Labels an operand sums away alone: 'ij,k->k' (i, j only in the first), 'ij->i'.
    checkGradient(([a, b]) => tf.einsum('ij,k->k', a as tf.Tensor, b as tf.Tensor), [seq(6), seq(4)], [[2, 3], [4]]);
    checkGradient(([a]) => tf.einsum('ij->i', a as tf.Tensor), [seq(6)], [[2, 3]]);
  });
});
