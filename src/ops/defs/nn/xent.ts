// SoftmaxCrossEntropyWithLogits, SparseSoftmaxCrossEntropyWithLogits, L2Loss and their builders.
import { broadcastStatic } from '../../../core/broadcast.js';
import type { DType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp, applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { OpView } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { mergeShapes, scalarShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ExpandDims } from '../array/expand-dims.js';
import { ConcatV2 } from '../array/concat.js';
import { Reshape } from '../array/reshape.js';
import { Slice } from '../array/slice.js';
import { Transpose } from '../array/transpose.js';
import { Shape } from '../array/shape.js';
import { StopGradient } from '../array/stop-gradient.js';
import { AddV2, Mul, Sub } from '../math/binary.js';
import { Cast } from '../math/cast.js';
import { Neg } from '../math/neg.js';
import { Sum } from '../math/sum.js';
import { INDEX } from '../dtype-sets.js';
import { NN_FLOATS } from './activations.js';
import { LogSoftmax, Softmax } from './softmax.js';

/** `vec[:, None] * mat` (TensorFlow's _BroadcastMul). */
const broadcastMul = (vec: Tensor, mat: Tensor) => applyOp1(Mul, [applyOp1(ExpandDims, [vec, -1], {}), mat], {});

/**
 * TensorFlow's `_is_zeros_tensor`: the zeros tf.gradients passes for an output nothing depends on
 * (a ZerosLike op), for which the second-order term is skipped.
 */
function isZerosTensor(t: Tensor): boolean {
  return (t as unknown as { op?: { type?: string } }).op?.type === 'ZerosLike';
}

/**
 * TensorFlow's second-order term: (gg − Σ gg·softmax) · softmax, added to the logits' gradient
 * when the backprop output has a gradient (TF computes the sum with a batched MatMul).
 */
function logitsGrad(op: OpView, dLoss: Tensor | null, dBackprop: Tensor | null): Tensor | null {
  let g = dLoss ? broadcastMul(dLoss, op.outputs[1] as Tensor) : null;
  if (dBackprop && !isZerosTensor(dBackprop)) {
    const softmax = applyOp1(Softmax, [op.inputs[0]], {});
    const dot = applyOp1(Sum, [applyOp1(Mul, [dBackprop, softmax], {}), -1], { keep_dims: true });
    const second = applyOp1(Mul, [applyOp1(Sub, [dBackprop, dot], {}), softmax], {});
    g = g ? applyOp1(AddV2, [g, second], {}) : second;
  }
  return g;
}

export const SoftmaxCrossEntropyWithLogits = registerOp({
  type: 'SoftmaxCrossEntropyWithLogits',
  grad: (op, [dLoss, dBackprop]) => {
    const g = logitsGrad(op, dLoss ?? null, dBackprop ?? null);
    // d loss / d labels = −log_softmax(logits), times the loss gradient.
    const gl = dLoss ? broadcastMul(dLoss, applyOp1(Neg, [applyOp1(LogSoftmax, [op.inputs[0]], {})], {})) : null;
    return [g, gl];
  },
  inputs: [
    { name: 'features', typeAttr: 'T' },
    { name: 'labels', typeAttr: 'T' },
  ],
  outputs: [
    { name: 'loss', typeAttr: 'T' },
    { name: 'backprop', typeAttr: 'T' },
  ],
  attrs: [{ name: 'T', type: 'type', allowed: NN_FLOATS }],
  shape: (ctx) => {
    const f = ctx.inputShape(0);
    const l = ctx.inputShape(1);
    // Equal rank-2 shapes merge; otherwise they must broadcast to rank 2.
    if (f.rank === null || f.rank === 2) {
      const m = mergeShapes(f.rank === null ? new TensorShape([null, null]) : f, l);
      if (typeof m !== 'string') return [new TensorShape([m.dims?.[0] ?? null]), m];
    }
    const fd = f.dims;
    const ld = l.dims;
    if (fd === null || ld === null) return ctx.fail('Shape must be broadcasted with rank 2, but is rank is unknown.');
    const b = broadcastStatic(fd, ld);
    if (b === null) {
      for (let i = Math.max(fd.length, ld.length); i >= 1; i--) {
        const x = fd[fd.length - i] ?? 1;
        const y = ld[ld.length - i] ?? 1;
        if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) ctx.fail(`Dimensions must be equal, but are ${x} and ${y}`);
      }
    }
    const out = b as (number | null)[];
    if (out.length !== 2) ctx.fail(`Shape must be broadcasted with rank 2, but is rank ${out.length}`);
    return [new TensorShape([out[0] ?? null]), new TensorShape(out)];
  },
});

export const SparseSoftmaxCrossEntropyWithLogits = registerOp({
  type: 'SparseSoftmaxCrossEntropyWithLogits',
  grad: (op, [dLoss, dBackprop]) => [logitsGrad(op, dLoss ?? null, dBackprop ?? null), null],
  inputs: [
    { name: 'features', typeAttr: 'T' },
    { name: 'labels', typeAttr: 'Tlabels' },
  ],
  outputs: [
    { name: 'loss', typeAttr: 'T' },
    { name: 'backprop', typeAttr: 'T' },
  ],
  attrs: [
    { name: 'T', type: 'type', allowed: NN_FLOATS },
    { name: 'Tlabels', type: 'type', allowed: INDEX, default: 'int64' },
  ],
  shape: (ctx) => {
    const f = ctx.inputShape(0);
    const l = ctx.inputShape(1);
    if (f.rank !== null && f.rank !== 2) ctx.fail(`Shape must be rank 2 but is rank ${f.rank}`);
    if (l.rank !== null && l.rank !== 1) ctx.fail(`Shape must be rank 1 but is rank ${l.rank}`);
    const a = f.dims?.[0] ?? null;
    const b = l.dims?.[0] ?? null;
    if (a !== null && b !== null && a !== b) ctx.fail(`Dimensions must be equal, but are ${a} and ${b}`);
    const batch = a ?? b;
    return [new TensorShape([batch]), new TensorShape([batch, f.dims?.[1] ?? null])];
  },
});

export const L2Loss = registerOp({
  type: 'L2Loss',
  grad: (op, [dy]) => [dy ? applyOp1(Mul, [op.inputs[0], dy], {}) : null],
  inputs: [{ name: 't', typeAttr: 'T' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: NN_FLOATS }],
  shape: scalarShape,
});

/** `tf.nn.l2Loss(t, name)`: sum(t²) / 2. */
export const l2Loss: (t: TensorInput, name?: NameOrOptions) => Tensor = simpleBuilder('l2Loss', L2Loss, ['t']);

const castIf = (x: Tensor, dtype: DType, name = 'Cast') => (x.dtype === dtype ? x : applyOp1(Cast, [x], { DstT: dtype }, name));

/**
 * The cross-entropy over `axis` of logits of any rank ≥ 1: the op on [batch, classes] rows
 * (TensorFlow's _flatten_outer_dims), the cost reshaped to the logits' shape without `axis`.
 * float16 logits are computed in float32 and the cost cast back, as TensorFlow does.
 */
function xentV2(labelsIn: unknown, logitsIn: unknown, axisIn: unknown, name: string | undefined, defaultName: string, stopLabels: boolean): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(name, defaultName, [logitsIn, labelsIn], (scope) => {
    let labels: unknown = labelsIn;
    if (stopLabels) {
      // TF1's softmax_cross_entropy_with_logits: no gradient into labels.
      labels = applyOp1(StopGradient, [labelsIn], {}, 'labels_stop_gradient');
    }
    const logits = ctx.convertToTensor(logitsIn, undefined, undefined, 'logits');
    let lab = ctx.convertToTensor(labels, undefined, logits.dtype, 'labels');
    const toF32 = logits.dtype === 'float16';
    let precise = toF32 ? applyOp1(Cast, [logits], { DstT: 'float32' }, 'Cast') : logits;
    lab = castIf(lab, precise.dtype, 'Cast_1');
    const rank = logits.shape.rank;
    const axis = axisIn === undefined || axisIn === null ? -1 : Number(axisIn);
    if (rank === null) throw new ValueError('softmax cross-entropy needs logits of known rank here');
    if (rank === 0) throw new ValueError('softmax cross-entropy needs logits of rank ≥ 1');
    if (axis !== -1 && axis !== rank - 1) {
      // Move `axis` to the end (TensorFlow's _move_dim_to_end).
      const move = (t: Tensor) => softmaxAlongAxisTranspose(t, axis, rank);
      precise = move(precise);
      lab = move(lab);
    }
    let cost: Tensor;
    if (rank === 2) {
      cost = applyOp(SoftmaxCrossEntropyWithLogits, [precise, lab], {}, scope)[0] as Tensor;
    } else {
      // TensorFlow's _flatten_outer_dims and the reshape of the cost to the logits' outer shape.
      const inputShape = applyOp1(Shape, [precise], {}, 'Shape');
      const rows = applyOp(SoftmaxCrossEntropyWithLogits, [flattenOuterDims(precise), flattenOuterDims(lab)], {}, scope)[0] as Tensor;
      const outer = applyOp1(Slice, [inputShape, Int32Array.of(0), Int32Array.of(rank - 1)], {}, 'Slice');
      cost = applyOp1(Reshape, [rows, outer], {}, 'Reshape');
      const dims = precise.shape.dims as (number | null)[];
      setStaticShape(cost, dims.slice(0, -1));
    }
    return toF32 ? applyOp1(Cast, [cost], { DstT: 'float16' }, 'Cast_2') : cost;
  });
}

/**
 * TensorFlow's _flatten_outer_dims: `t` reshaped to [-1, last dim], the last dim read at run time
 * (Rank, Shape, Slice, ConcatV2), with the static shape set where the outer dims are known.
 */
function flattenOuterDims(t: Tensor): Tensor {
  const rank = t.shape.rank as number;
  const shape = applyOp1(Shape, [t], {});
  const last = applyOp1(Slice, [shape, Int32Array.of(rank - 1), Int32Array.of(1)], {});
  const newShape = applyOp1(ConcatV2, [[Int32Array.of(-1), last], 0], {});
  const out = applyOp1(Reshape, [t, newShape], {});
  const dims = t.shape.dims as (number | null)[];
  const outer = dims.slice(0, -1);
  if (outer.every((d) => d !== null)) setStaticShape(out, [(outer as number[]).reduce((p, q) => p * q, 1), dims[rank - 1] ?? null]);
  return out;
}

/** TensorFlow's `set_shape` after a reshape by a computed shape (graph tensors only). */
function setStaticShape(t: Tensor, dims: readonly (number | null)[]): void {
  const g = t as unknown as { setShape?: (s: readonly (number | null)[]) => void };
  if (typeof g.setShape === 'function') g.setShape(dims);
}

/** Transposes `axis` of `t` with its last axis (TensorFlow's _move_dim_to_end, for a known rank). */
function softmaxAlongAxisTranspose(t: Tensor, axis: number, rank: number): Tensor {
  if (!(axis >= -rank && axis < rank)) throw new ValueError(`axis ${axis} is out of range for logits of rank ${rank}`);
  const d = ((axis % rank) + rank) % rank;
  const perm = Int32Array.from({ length: rank }, (_, i) => (i < d ? i : i === rank - 1 ? d : i + 1));
  return applyOp1(Transpose, [t, perm], {});
}

export interface SoftmaxXentOptions {
  labels?: TensorInput;
  logits?: TensorInput;
  axis?: number | null;
  name?: string;
  /** TF1's deprecated spelling of `axis`. */
  dim?: number | null;
}

function ensureXentArgs(fnName: string, a: Record<string, unknown>): void {
  if (a._sentinel !== undefined && a._sentinel !== null) {
    throw new ValueError(`Only call \`${fnName}\` with named arguments (labels=..., logits=..., ...). Received unnamed argument: ${String(a._sentinel)}`);
  }
  if (a.labels === undefined || a.labels === null || a.logits === undefined || a.logits === null) {
    throw new ValueError(`Both \`labels\` and \`logits\` must be provided for ${fnName}Received: labels=${String(a.labels ?? 'None')} and logits=${String(a.logits ?? 'None')}`);
  }
}

/**
 * TensorFlow's deprecated_argument_lookup('axis', axis, 'dim', dim). TF1's
 * softmax_cross_entropy_with_logits defaults `dim` to -1, so any `axis` there is refused, as in TF.
 */
function axisLookup(a: Record<string, unknown>, dimDefault: number | null): unknown {
  const dim = a.dim ?? dimDefault;
  const hasAxis = a.axis !== undefined && a.axis !== null;
  if (hasAxis && dim !== null) throw new ValueError("Cannot specify both 'dim' and 'axis'.");
  return hasAxis ? a.axis : (dim ?? -1);
}

/**
 * TF1's `tf.nn.softmaxCrossEntropyWithLogits({ labels, logits, dim = -1, name, axis })`: the
 * cost per row; labels get no gradient (a StopGradient named `labels_stop_gradient` in scope
 * `softmax_cross_entropy_with_logits_sg`). `labels`/`logits` are keyword-only, as in TensorFlow.
 */
export function softmaxCrossEntropyWithLogits(options: SoftmaxXentOptions): Tensor;
export function softmaxCrossEntropyWithLogits(...args: unknown[]): Tensor {
  const a = normalizeArgs('softmaxCrossEntropyWithLogits', ['_sentinel', '*', 'labels', 'logits', 'dim', 'name', 'axis'], args);
  ensureXentArgs('softmax_cross_entropy_with_logits', a);
  return xentV2(a.labels, a.logits, axisLookup(a, -1), nameArg(a), 'softmax_cross_entropy_with_logits_sg', true);
}

/**
 * `tf.nn.softmaxCrossEntropyWithLogitsV2(labels, logits, axis = -1, name)` (TF2's
 * softmax_cross_entropy_with_logits): gradients flow into labels too.
 */
export function softmaxCrossEntropyWithLogitsV2(labels: TensorInput | SoftmaxXentOptions, logits?: TensorInput | SoftmaxXentOptions, axis?: number | null | SoftmaxXentOptions, name?: string | SoftmaxXentOptions): Tensor;
export function softmaxCrossEntropyWithLogitsV2(...args: unknown[]): Tensor {
  const a = normalizeArgs('softmaxCrossEntropyWithLogitsV2', ['labels', 'logits', 'axis', 'name', 'dim'], args);
  return xentV2(a.labels, a.logits, axisLookup(a, null), nameArg(a), 'softmax_cross_entropy_with_logits', false);
}

export interface SparseXentOptions {
  labels?: TensorInput;
  logits?: TensorInput;
  name?: string;
}

/**
 * `tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits, name })`: labels are class
 * indices (int32/int64) of the logits' shape without the last axis; TensorFlow's rank checks.
 */
export function sparseSoftmaxCrossEntropyWithLogits(options: SparseXentOptions): Tensor;
export function sparseSoftmaxCrossEntropyWithLogits(...args: unknown[]): Tensor {
  const a = normalizeArgs('sparseSoftmaxCrossEntropyWithLogits', ['_sentinel', '*', 'labels', 'logits', 'name'], args);
  ensureXentArgs('sparse_softmax_cross_entropy_with_logits', a);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'SparseSoftmaxCrossEntropyWithLogits', [a.labels, a.logits], () => {
    const labels = ctx.convertToTensor(a.labels);
    const logits = ctx.convertToTensor(a.logits);
    const toF32 = logits.dtype === 'float16';
    const precise = toF32 ? applyOp1(Cast, [logits], { DstT: 'float32' }, 'Cast') : logits;
    const ls = labels.shape;
    const gs = logits.shape;
    const outerDefined = gs.dims?.slice(0, -1).every((d) => d !== null) === true;
    const staticFull = ls.isFullyDefined() && outerDefined;
    if (gs.rank === 0) throw new ValueError(`\`logits\` cannot be a scalar. Received logits=${String(logits)}\``);
    if (gs.rank !== null && ls.rank !== null && ls.rank !== gs.rank - 1) {
      throw new ValueError(
        `\`labels.shape.rank\` must equal \`logits.shape.rank - 1\`. Received: labels.shape=${ls.toString()} of rank ${ls.rank} and logits.shape=${gs.toString()} of rank ${gs.rank}`,
      );
    }
    if (staticFull && (ls.dims as number[]).some((d, i) => d !== gs.dims?.[i])) {
      throw new ValueError(`\`labels.shape\` must equal \`logits.shape\` except for the last dimension. Received: labels.shape=${ls.toString()} and logits.shape=${gs.toString()}`);
    }
    // TensorFlow takes the labels' shape first (for the reshape back).
    const labelsShape = applyOp1(Shape, [labels], {});
    let cost: Tensor;
    if (gs.rank === 2) {
      cost = applyOp(SparseSoftmaxCrossEntropyWithLogits, [precise, labels], {}, 'SparseSoftmaxCrossEntropyWithLogits')[0] as Tensor;
    } else {
      // TensorFlow reshapes to [-1, classes] rows and back to the labels' shape. (Without fully
      // known static shapes TF also asserts the shapes match; here the kernel's first-dimension
      // check reports a mismatch.)
      if (gs.rank === null) throw new ValueError('sparseSoftmaxCrossEntropyWithLogits needs logits of known rank here');
      const flatLogits = flattenOuterDims(precise);
      const flatLabels = applyOp1(Reshape, [labels, Int32Array.of(-1)], {}, 'Reshape_1');
      const rows = applyOp(SparseSoftmaxCrossEntropyWithLogits, [flatLogits, flatLabels], {}, 'SparseSoftmaxCrossEntropyWithLogits')[0] as Tensor;
      cost = applyOp1(Reshape, [rows, labelsShape], {}, 'Reshape_2');
      if (ls.dims !== null) setStaticShape(cost, ls.dims);
    }
    return toF32 ? applyOp1(Cast, [cost], { DstT: 'float16' }, 'Cast_1') : cost;
  });
}
