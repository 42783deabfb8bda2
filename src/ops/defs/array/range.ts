import { toNDArray } from '../../../core/convert.js';
import { type DType, type DTypeLike, toDType } from '../../../core/dtypes.js';
import { Cast } from '../math/cast.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { scalarShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL, NUMERIC } from '../dtype-sets.js';

export const Rank = registerOp({
  type: 'Rank',
  inputs: [{ name: 'input', typeAttr: 'T' }],
  outputs: [{ name: 'output', dtype: 'int32' }],
  attrs: [{ name: 'T', type: 'type', allowed: ALL }],
  shape: scalarShape,
  valueFromShapes: ([s]) => (s?.rank === null || s === undefined ? null : [toNDArray(s.rank, 'int32')]),
  grad: null,
});

/** `tf.rank(input, name)`: the number of dimensions, as an int32 scalar. */
export function rank(input: TensorInput, name?: NameOrOptions): Tensor {
  const a = normalizeArgs('rank', ['input', 'name'], [input, name]);
  return applyOp1(Rank, [a.input], {}, nameArg(a));
}

const num = (x: number) => (Number.isNaN(x) ? 'nan' : x === Number.POSITIVE_INFINITY ? 'inf' : x === Number.NEGATIVE_INFINITY ? '-inf' : String(x));

/**
 * TensorFlow's Range checks (shape function and kernel): the element count, or the error text.
 * NaN fails the ordering check, as in C++; an infinite count is refused.
 */
export function rangeProblem(start: number, limit: number, delta: number): number | string {
  if (delta === 0) return 'Requires delta != 0';
  const ordered = delta > 0 ? start <= limit : start >= limit;
  if (!ordered) return `Requires start ${delta > 0 ? '<=' : '>='} limit when delta ${delta > 0 ? '>' : '<'} 0: ${num(start)}/${num(limit)}`;
  const n = Math.ceil(Math.abs((limit - start) / delta));
  if (!Number.isSafeInteger(n)) return `Requires ((limit - start) / delta) <= ${Number.MAX_SAFE_INTEGER}: ${num(start)}/${num(limit)}/${num(delta)}`;
  return n;
}

export const Range = registerOp({
  type: 'Range',
  grad: null,
  inputs: [
    { name: 'start', typeAttr: 'Tidx' },
    { name: 'limit', typeAttr: 'Tidx' },
    { name: 'delta', typeAttr: 'Tidx' },
  ],
  outputs: [{ name: 'output', typeAttr: 'Tidx' }],
  attrs: [{ name: 'Tidx', type: 'type', allowed: NUMERIC.filter((d) => d !== 'uint8') }],
  shape: (ctx) => {
    for (let i = 0; i < 3; i++) {
      const r = ctx.inputShape(i).rank;
      if (r !== null && r !== 0) ctx.fail(`Shape must be rank 0 but is rank ${r}`);
    }
    const [s, l, d] = [0, 1, 2].map((i) => ctx.inputValue(i));
    if (!s || !l || !d) return [new TensorShape([null])];
    const problem = rangeProblem(...([s, l, d].map((v) => Number(v.data[0])) as [number, number, number]));
    if (typeof problem === 'string') ctx.fail(problem);
    return [new TensorShape([problem as number])];
  },
});

/**
 * `tf.range(start, limit, delta, dtype, name)`: like Python's range; `range(5)` is 0..4.
 * Integer arguments give int32 (JS numbers that are all integers), else float32.
 */
/** TensorFlow's range dtype hierarchy; null when a dtype is outside it (Range then refuses it). */
const HIERARCHY: readonly DType[] = ['int32', 'int64', 'float32', 'float64'];
function widestOf(dtypes: readonly DType[]): DType | undefined {
  if (dtypes.length === 0 || dtypes.some((t) => !HIERARCHY.includes(t))) return undefined;
  return dtypes.reduce((x, y) => (HIERARCHY.indexOf(y) > HIERARCHY.indexOf(x) ? y : x));
}

const isJsValue = (v: unknown) => typeof v === 'number' || typeof v === 'bigint' || Array.isArray(v);

/** `tf.range`'s parameters by name, for an options object at any position after `start`. */
export interface RangeOptions {
  limit?: TensorInput | null;
  delta?: TensorInput | null;
  dtype?: DTypeLike | null;
  name?: string;
}

/**
 * `tf.range(start, limit, delta, dtype, name)`: `[start, start + delta, …)` up to `limit`; with
 * one value, `tf.range(limit)` counts from 0.
 */
export function range(
  start: TensorInput,
  limit?: TensorInput | null | RangeOptions,
  delta?: TensorInput | null | RangeOptions,
  dtype?: DTypeLike | null | RangeOptions,
  name?: string | RangeOptions,
): Tensor;
export function range(...args: unknown[]): Tensor {
  const a = normalizeArgs('range', ['start', 'limit', 'delta', 'dtype', 'name'], args);
  let [s, l] = [a.start, a.limit];
  if (l === undefined || l === null) [s, l] = [0, s];
  const d = a.delta ?? 1;
  const ctx = currentContext();
  const dt = a.dtype === undefined || a.dtype === null ? undefined : toDType(a.dtype);
  // TensorFlow converts start/limit/delta inside name_scope(name, 'Range') as range/start, …;
  // JS numbers take the widest dtype of the tensor arguments, else int32 when all are integers.
  return ctx.withNameScope(nameArg(a) ?? 'range', 'range', [s, l, d], (scope) => {
    const args = [s, l, d];
    const tensorDtypes = args.filter((v) => !isJsValue(v)).map((v) => ctx.convertToTensor(v).dtype);
    const allInts = args.every((v) => !isJsValue(v) || (typeof v === 'number' && Number.isInteger(v)));
    const widest = widestOf(tensorDtypes);
    const hint = dt ?? widest ?? tensorDtypes[0] ?? (allInts ? 'int32' : 'float32');
    const [start, limit, delta] = args.map((v, i) =>
      ctx.convertToTensor(v, dt, hint, ['start', 'limit', 'delta'][i] as string),
    ) as [Tensor, Tensor, Tensor];
    const all = [start, limit, delta];
    const target = widestOf(all.map((t) => t.dtype));
    const cast = (t: Tensor) => (target && t.dtype !== target ? applyOp1(Cast, [t], { DstT: target }) : t);
    return applyOp1(Range, all.map(cast), {}, scope);
  });
}
