import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { registerOp } from '../../registry.js';
import { mergeShapes } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL, ARITHMETIC } from '../dtype-sets.js';
import { jsIndexType } from './index-type.js';
import { Shape } from './shape.js';

const ND_INDEX = ['int16', 'int32', 'int64'] as const;

export const GatherNd = registerOp({
  type: 'GatherNd',
  // As TensorFlow's _GatherNdGrad: dy scattered (summed) back to the params' shape.
  grad: (op, [dy]) => {
    if (!dy) return [null, null];
    const [params, indices] = op.inputs as [Tensor, Tensor];
    return [applyOp1(ScatterNd, [indices, dy, applyOp1(Shape, [params], { out_type: indices.dtype })], {}), null];
  },
  inputs: [
    { name: 'params', typeAttr: 'Tparams' },
    { name: 'indices', typeAttr: 'Tindices' },
  ],
  outputs: [{ name: 'output', typeAttr: 'Tparams' }],
  attrs: [
    { name: 'Tparams', type: 'type', allowed: ALL },
    { name: 'Tindices', type: 'type', allowed: ND_INDEX },
    { name: 'bad_indices_policy', type: 'string', default: '' },
  ],
  shape: (ctx) => {
    const p = ctx.inputShape(0);
    const idx = ctx.inputShape(1);
    if (idx.dims === null) return [new TensorShape(null)];
    if (idx.dims.length < 1) ctx.fail('Shape must be at least rank 1 but is rank 0');
    const q = idx.dims[idx.dims.length - 1] ?? null;
    if (q === null || p.dims === null) return [new TensorShape(null)];
    if (q > p.dims.length) ctx.fail(`indices.shape[-1] must be <= params.rank, but saw indices shape: ${idx.toDebugString()} and params shape: ${p.toDebugString()}`);
    return [new TensorShape([...idx.dims.slice(0, -1), ...p.dims.slice(q)])];
  },
});

export const ScatterNd = registerOp({
  type: 'ScatterNd',
  // As TensorFlow's _ScatterNdGrad: the updates' gradient is dy gathered at the indices.
  grad: (op, [dy]) => [null, dy ? applyOp1(GatherNd, [dy, op.inputs[0]], {}) : null, null],
  inputs: [
    { name: 'indices', typeAttr: 'Tindices' },
    { name: 'updates', typeAttr: 'T' },
    { name: 'shape', typeAttr: 'Tindices' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ARITHMETIC },
    { name: 'Tindices', type: 'type', allowed: ND_INDEX },
    { name: 'bad_indices_policy', type: 'string', default: '' },
  ],
  shape: (ctx) => {
    const idx = ctx.inputShape(0);
    const upd = ctx.inputShape(1);
    const out = ctx.inputAsShape(2);
    // As TensorFlow's ScatterNdShapeHelper: indices' outer dims, then the output's slice dims,
    // must match the updates'.
    if (idx.dims !== null && upd.dims !== null && out.dims !== null) {
      const outer = idx.dims.length - 1;
      const q = idx.dims[outer] ?? null;
      if (q !== null) {
        const sub = (t: TensorShape, a: number, b?: number) => new TensorShape((t.dims ?? []).slice(a, b));
        const [pi, pu] = [sub(idx, 0, outer), sub(upd, 0, outer)];
        const m1 = mergeShapes(pi, pu);
        if (typeof m1 === 'string') {
          ctx.fail(`Dimensions [0,${outer}) of indices[shape=${idx.toDebugString()}] = ${pi.toDebugString()} must match dimensions [0,${outer}) of updates[shape=${upd.toDebugString()}] = ${pu.toDebugString()}: ${m1}`);
        }
        const [so, su] = [sub(out, q), sub(upd, outer)];
        const m2 = mergeShapes(so, su);
        if (typeof m2 === 'string') {
          ctx.fail(
            `Dimensions [${q},${out.dims.length}) of input[shape=${out.toDebugString()}] = ${so.toDebugString()} must match dimensions [${outer},${upd.dims.length}) of updates[shape=${upd.toDebugString()}] = ${su.toDebugString()}: ${m2}`,
          );
        }
      }
    }
    return [out];
  },
});

/** `tf.gatherNd(params, indices, name, batchDims)`: slices of `params` at the index tuples in `indices`' last axis. */
export function gatherNd(params: TensorInput, indices: TensorInput, name?: string | { name?: string; batchDims?: number }, batchDims?: number | { name?: string; batchDims?: number }): Tensor;
export function gatherNd(...args: unknown[]): Tensor {
  const a = normalizeArgs('gatherNd', ['params', 'indices', 'name', 'batchDims'], args);
  if (((a.batchDims as number | undefined) ?? 0) !== 0) throw new TypeError('gatherNd: batchDims != 0 is not supported');
  const index = jsIndexType([a.indices]);
  return applyOp1(GatherNd, [a.params, a.indices], index ? { Tindices: index } : {}, nameArg(a));
}

/** `tf.scatterNd(indices, updates, shape, name)`: zeros of `shape` with `updates` added at `indices`. */
export function scatterNd(indices: TensorInput, updates: TensorInput, shape: TensorInput, name?: string | { name?: string }): Tensor;
export function scatterNd(...args: unknown[]): Tensor {
  const a = normalizeArgs('scatterNd', ['indices', 'updates', 'shape', 'name'], args);
  const index = jsIndexType([a.indices, a.shape]);
  return applyOp1(ScatterNd, [a.indices, a.updates, a.shape], index ? { Tindices: index } : {}, nameArg(a));
}
