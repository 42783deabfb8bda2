// Test-only ops for tf.gradients: one without a registered gradient, one with two outputs whose
// gradient records what it was given, and one whose gradient returns the wrong number of values.
import { TensorShape } from '../../src/core/shape.js';
import { applyOp, applyOp1 } from '../../src/ops/builder.js';
import type { OpView } from '../../src/ops/opdef.js';
import { registerOp } from '../../src/ops/registry.js';
import { unchangedShape } from '../../src/ops/shape-fns.js';
import type * as tf from '../../src/v1.js';

const unary = { inputs: [{ name: 'x', dtype: 'float32' as const }], outputs: [{ name: 'y', dtype: 'float32' as const }], attrs: [], shape: unchangedShape };

const NoGradDef = registerOp({ type: 'AutodiffTestNoGrad', ...unary });
/** An op with no gradient declared (TensorFlow: no RegisterGradient). */
export const noGrad = (x: tf.Tensor, name?: string): tf.Tensor => applyOp1(NoGradDef, [x], {}, name) as tf.Tensor;

const BadGradDef = registerOp({ type: 'AutodiffTestBadGrad', ...unary, grad: (_op, [dy]) => [dy ?? null, dy ?? null] });
/** An op whose gradient returns two values for its one input. */
export const badGrad = (x: tf.Tensor): tf.Tensor => applyOp1(BadGradDef, [x], {}) as tf.Tensor;

/** What TwoOutputs' gradient received on its last call. */
export const twoOutputsSeen: { dys: readonly (tf.Tensor | null)[] } = { dys: [] };
const TwoOutputsDef = registerOp({
  type: 'AutodiffTestTwoOutputs',
  inputs: [{ name: 'x', dtype: 'float32' }],
  outputs: [
    { name: 'a', dtype: 'float32' },
    { name: 'b', dtype: 'float32' },
    { name: 'c', dtype: 'int32' },
  ],
  attrs: [],
  shape: (ctx) => [ctx.inputShape(0), ctx.inputShape(0), TensorShape.scalar()],
  grad: (_op: OpView, dys) => {
    twoOutputsSeen.dys = dys as (tf.Tensor | null)[];
    return [dys[0] ?? null];
  },
});
/** An op with outputs a, b (float32, x's shape) and c (an int32 scalar). */
export const twoOutputs = (x: tf.Tensor): tf.Tensor[] => [...applyOp(TwoOutputsDef, [x], {})] as tf.Tensor[];

