// Softmax and LogSoftmax over the last axis, and the tf.nn builders (`axis`, TF1's `dim`).
import { InvalidArgumentError, ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { ShapeFn } from '../../opdef.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Const } from '../array/const.js';
import { Transpose } from '../array/transpose.js';
import { Mul, Sub } from '../math/binary.js';
import { Sum } from '../math/sum.js';
import { Exp } from '../math/unary.js';
import { NN_FLOATS } from './activations.js';
import { toNDArray } from '../../../core/convert.js';

/** TensorFlow's shape fn: the input's shape, of rank ≥ 1. */
const atLeastRank1: ShapeFn = (ctx) => {
  const s = ctx.inputShape(0);
  if (s.rank === 0) ctx.fail('Shape must be at least rank 1 but is rank 0');
  return [s];
};

function softmaxDef(type: string, out: string, grad: GradFn): OpDef {
  return registerOp({
    type,
    grad,
    inputs: [{ name: 'logits', typeAttr: 'T' }],
    outputs: [{ name: out, typeAttr: 'T' }],
    attrs: [{ name: 'T', type: 'type', allowed: NN_FLOATS }],
    shape: atLeastRank1,
  });
}

const sumLast = (x: Tensor) => applyOp1(Sum, [x, -1], { keep_dims: true });

/** (dy − Σ dy·softmax) · softmax (TensorFlow's _SoftmaxGrad). */
export const Softmax: OpDef = softmaxDef('Softmax', 'softmax', (op, [dy]) => {
  if (!dy) return [null];
  const y = op.outputs[0] as Tensor;
  return [applyOp1(Mul, [applyOp1(Sub, [dy, sumLast(applyOp1(Mul, [dy, y], {}))], {}), y], {})];
});

/** dy − Σ dy · exp(logsoftmax) (TensorFlow's _LogSoftmaxGrad). */
export const LogSoftmax: OpDef = softmaxDef('LogSoftmax', 'logsoftmax', (op, [dy]) => {
  if (!dy) return [null];
  const softmax = applyOp1(Exp, [op.outputs[0]], {});
  return [applyOp1(Sub, [dy, applyOp1(Mul, [sumLast(dy), softmax], {})], {})];
});

/**
 * TensorFlow's `_softmax`: the op on the last axis, or between two Transposes that swap `axis`
 * with the last one. The permutation is a Const when the rank is known (TensorFlow builds it
 * from Range/ConcatV2 ops; the values are equal).
 */
export function softmaxAlongAxis(def: OpDef, logits: TensorInput, axis: unknown, name: string | undefined): Tensor {
  const ctx = currentContext();
  return ctx.atomic([logits], () => {
    const x = ctx.convertToTensor(logits);
    const rank = x.shape.rank;
    const dim = axis === undefined || axis === null ? -1 : Number(axis);
    if (dim === -1 || (rank !== null && dim === rank - 1)) return applyOp1(def, [x], {}, name);
    if (rank === null) throw new ValueError('softmax along an axis other than the last needs a known rank here');
    if (!(dim >= -rank && dim < rank)) {
      throw new InvalidArgumentError(
        null,
        null,
        `\`dim\` must be in the range [${-rank}, ${rank}) where ${rank} is the number of dimensions in the input. Received: dim=${dim}`,
      );
    }
    const d = ((dim % rank) + rank) % rank;
    const perm = Int32Array.from({ length: rank }, (_, i) => (i === d ? rank - 1 : i === rank - 1 ? d : i));
    const permT = applyOp1(Const, [], { value: toNDArray(perm, 'int32'), dtype: 'int32' }, 'transpose/perm');
    const swapped = applyOp1(Transpose, [x, permT], {}, 'transpose');
    const y = applyOp1(def, [swapped], {});
    return applyOp1(Transpose, [y, permT], {}, name ?? 'transpose_1');
  });
}

export interface SoftmaxOptions {
  axis?: number | null;
  name?: string;
  /** TF1's deprecated spelling of `axis`. */
  dim?: number | null;
}

function softmaxBuilder(fnName: string, def: OpDef) {
  function builder(logits: TensorInput, axis?: number | null | SoftmaxOptions, name?: string | SoftmaxOptions, dim?: number | null | SoftmaxOptions): Tensor;
  function builder(...args: unknown[]): Tensor {
    const a = normalizeArgs(fnName, ['logits', 'axis', 'name', 'dim'], args);
    if (a.axis !== undefined && a.axis !== null && a.dim !== undefined && a.dim !== null) {
      throw new ValueError("Cannot specify both 'dim' and 'axis'.");
    }
    return softmaxAlongAxis(def, a.logits as TensorInput, a.axis ?? a.dim, nameArg(a));
  }
  return builder;
}

/** `tf.nn.softmax(logits, axis = -1, name, dim)` (also tf.math.softmax): exp(x) / Σ exp(x) along `axis`. */
export const softmax = softmaxBuilder('softmax', Softmax);
/** `tf.nn.logSoftmax(logits, axis = -1, name, dim)` (also tf.math.logSoftmax): x − log Σ exp(x). */
export const logSoftmax = softmaxBuilder('logSoftmax', LogSoftmax);
