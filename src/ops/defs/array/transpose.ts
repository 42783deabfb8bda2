import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Sub } from '../math/binary.js';
import { ALL, INDEX } from '../dtype-sets.js';
import { Range, Rank } from './range.js';

export const InvertPermutation = registerOp({
  type: 'InvertPermutation',
  grad: null,
  inputs: [{ name: 'x', typeAttr: 'T' }],
  outputs: [{ name: 'y', typeAttr: 'T' }],
  attrs: [{ name: 'T', type: 'type', allowed: INDEX, default: 'int32' }],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.dims !== null && s.dims.length !== 1) ctx.fail(`Shape must be rank 1 but is rank ${s.dims.length}`);
    return [s.dims === null ? new TensorShape([null]) : s];
  },
});

export const Transpose = registerOp({
  type: 'Transpose',
  // As TensorFlow's _TransposeGrad: transpose back by the inverse permutation.
  grad: (op, [dy]) => [dy ? applyOp1(Transpose, [dy, applyOp1(InvertPermutation, [op.inputs[1] as Tensor], {})], {}) : null, null],
  inputs: [
    { name: 'x', typeAttr: 'T' },
    { name: 'perm', typeAttr: 'Tperm' },
  ],
  outputs: [{ name: 'y', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'Tperm', type: 'type', allowed: INDEX, default: 'int32' },
  ],
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    const p = ctx.inputShape(1);
    if (p.dims !== null && p.dims.length !== 1) ctx.fail(`Shape must be rank 1 but is rank ${p.dims.length}`);
    const pn = p.dims?.[0] ?? null;
    const rank = s.rank ?? pn;
    if (s.rank !== null && pn !== null && s.rank !== pn) ctx.fail(`Dimension must be ${s.rank} but is ${pn}`);
    const v = ctx.inputValue(1);
    if (rank === null) return [new TensorShape(null)];
    if (!v || s.dims === null) return [new TensorShape(new Array(rank).fill(null))];
    const perm = Array.from(v.data as ArrayLike<number | bigint>, Number);
    const out = perm.map((k) => {
      if (k < 0 || k >= rank) ctx.fail(`perm dim ${k} is out of range of input rank ${rank}`);
      return s.dims?.[k] ?? null;
    });
    return [new TensorShape(out)];
  },
});

/** `tf.transpose`'s parameters by name. */
export interface TransposeOptions {
  perm?: TensorInput | null;
  name?: string;
  /** Conjugates complex inputs; tensorgraph has no complex dtypes, so it changes nothing. */
  conjugate?: boolean;
}

/** `tf.transpose(a, perm, name, conjugate)`: permutes the dimensions (reverses them when `perm` is null). */
export function transpose(
  a: TensorInput,
  perm?: TensorInput | null | TransposeOptions,
  name?: string | TransposeOptions,
  conjugate?: boolean | TransposeOptions,
): Tensor;
export function transpose(...args: unknown[]): Tensor {
  const a = normalizeArgs('transpose', ['a', 'perm', 'name', 'conjugate'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'transpose', [a.a], (scope) => {
    const x = ctx.convertToTensor(a.a, undefined, undefined, 'a');
    let perm = a.perm;
    if (perm === undefined || perm === null) {
      const r = x.shape.rank;
      // TensorFlow: (rank - 1) - range(rank), a constant when the rank is known.
      perm =
        r !== null
          ? ctx.convertToTensor(Int32Array.from({ length: r }, (_, i) => r - 1 - i), undefined, undefined, 'perm')
          : (() => {
              const rk = applyOp1(Rank, [x], {});
              return applyOp1(Sub, [applyOp1(Sub, [rk, 1], {}), applyOp1(Range, [0, rk, 1], {})], {});
            })();
    }
    return applyOp1(Transpose, [x, perm], {}, scope);
  });
}
