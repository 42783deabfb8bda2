// ScatterUpdate / ScatterAdd / ScatterSub on ref variables (in place, like Assign), and
// tf.scatterUpdate / tf.scatterAdd / tf.scatterSub.
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { jsIndexType } from '../array/index-type.js';
import { ALL, INDEX, NUMBER_TYPES } from '../dtype-sets.js';

function scatterDef(type: string, lockingDefault: boolean): OpDef {
  return registerOp({
    type,
    inputs: [
      { name: 'ref', typeAttr: 'T', isRef: true },
      { name: 'indices', typeAttr: 'Tindices' },
      { name: 'updates', typeAttr: 'T' },
    ],
    outputs: [{ name: 'output_ref', typeAttr: 'T', isRef: true }],
    attrs: [
      { name: 'T', type: 'type', allowed: type === 'ScatterUpdate' ? ALL : NUMBER_TYPES },
      { name: 'Tindices', type: 'type', allowed: INDEX },
      { name: 'use_locking', type: 'bool', default: lockingDefault },
    ],
    stateful: true,
    grad: null,
    // TensorFlow's ScatterUpdateShape: updates must be indices.shape + ref.shape[1:] (or a scalar).
    shape: (ctx) => {
      const ref = ctx.inputShape(0);
      const idx = ctx.inputShape(1);
      const upd = ctx.inputShape(2);
      if (upd.rank === 0 || ref.dims === null || idx.dims === null || upd.dims === null) return [ref];
      const want = [...idx.dims, ...ref.dims.slice(1)];
      if (want.length !== upd.dims.length) ctx.fail(`Shapes must be equal rank, but are ${upd.dims.length} and ${want.length}`);
      want.forEach((w, i) => {
        const u = (upd.dims as (number | null)[])[i] ?? null;
        if (w !== null && u !== null && w !== u) {
          ctx.fail(`Dimension ${i} in both shapes must be equal, but are ${u} and ${w}. Shapes are ${upd.toDebugString()} and ${new TensorShape(want).toDebugString()}.`);
        }
      });
      return [ref];
    },
  });
}

export const ScatterUpdate = scatterDef('ScatterUpdate', true);
export const ScatterAdd = scatterDef('ScatterAdd', false);
export const ScatterSub = scatterDef('ScatterSub', false);

/** The scatter builders' parameters by name. */
export interface ScatterOptions {
  useLocking?: boolean;
  name?: string;
}

type ScatterBuilder = (ref: unknown, indices: TensorInput, updates: TensorInput, useLocking?: boolean | ScatterOptions, name?: string | ScatterOptions) => Tensor;

function scatterBuilder(fnName: string, def: OpDef, lockingDefault: boolean): ScatterBuilder {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['ref', 'indices', 'updates', 'useLocking', 'name'], args);
    const index = jsIndexType([a.indices]);
    const attrs: Record<string, unknown> = { use_locking: Boolean(a.useLocking ?? lockingDefault) };
    if (index) attrs.Tindices = index;
    return applyOp1(def, [a.ref, a.indices, a.updates], attrs as never, nameArg(a));
  };
}

/** `tf.scatterUpdate(ref, indices, updates, useLocking=true, name)`: `ref[indices[i…]] = updates[i…]`; yields the ref. */
export const scatterUpdate: ScatterBuilder = scatterBuilder('scatterUpdate', ScatterUpdate, true);
/** `tf.scatterAdd(ref, indices, updates, useLocking=false, name)`: `ref[indices[i…]] += updates[i…]` (duplicates add up). */
export const scatterAdd: ScatterBuilder = scatterBuilder('scatterAdd', ScatterAdd, false);
/** `tf.scatterSub(ref, indices, updates, useLocking=false, name)`: `ref[indices[i…]] -= updates[i…]`. */
export const scatterSub: ScatterBuilder = scatterBuilder('scatterSub', ScatterSub, false);
