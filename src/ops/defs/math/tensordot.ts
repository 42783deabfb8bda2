// tf.tensordot: TensorFlow's Python composite (math_ops.tensordot): each operand transposed so its
// contracted axes are last (a) or first (b), reshaped to a matrix, one MatMul, reshaped back; the
// static path when shapes are known, Shape/GatherV2/Prod ops when only the rank is.
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { concat } from '../array/concat.js';
import { gather } from '../array/gather.js';
import { stack } from '../array/pack.js';
import { Reshape, reshape } from '../array/reshape.js';
import { shape as shapeOf } from '../array/shape.js';
import { transpose } from '../array/transpose.js';
import { reduceProd } from './reduce.js';
import { matmul } from './matmul.js';

type Axes = number | readonly [number | readonly number[], number | readonly number[]];

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** The contracted axes of a and b (TensorFlow's _tensordot_axes, static forms only). */
function tensordotAxes(a: Tensor, axes: unknown): [number[], number[]] {
  const rank = a.shape.rank;
  if (isInt(axes)) {
    if (axes < 0) throw new ValueError(`\`axes\` must be at least 0. Received: ${axes}.`);
    if (rank === null) throw new ValueError('tf.tensordot: integer `axes` with an operand of unknown rank is not supported');
    if (axes > rank) {
      throw new ValueError(`\`axes\` must not be larger than the number of dimensions of tensor ${a.toString()}.  Received ${axes}, vs tensor dimensions ${rank}.`);
    }
    return [Array.from({ length: axes }, (_, i) => rank - axes + i), Array.from({ length: axes }, (_, i) => i)];
  }
  if (Array.isArray(axes)) {
    if (axes.length !== 2) throw new ValueError(`\`axes\` must be an integer or have length 2. Received [${axes.join(', ')}].`);
    let [aa, bb] = axes as [unknown, unknown];
    if (isInt(aa) && isInt(bb)) [aa, bb] = [[aa], [bb]];
    if (!Array.isArray(aa) || !Array.isArray(bb) || ![...aa, ...bb].every(isInt)) {
      throw new TypeError('tf.tensordot: `axes` must be an integer, or a pair of integers or of integer lists (tensor-valued axes are not supported)');
    }
    if (aa.length !== bb.length) throw new ValueError(`Different number of contraction axes \`a\` and \`b\`, ${aa.length} != ${bb.length}.`);
    return [aa as number[], bb as number[]];
  }
  throw new TypeError('tf.tensordot: `axes` must be an integer, or a pair of integers or of integer lists (tensor-valued axes are not supported)');
}

/** TensorFlow's _tensordot_reshape: the operand as a matrix, and its free dims (static list or tensor). */
function tensordotReshape(a: Tensor, axesIn: readonly number[], flipped: boolean): [Tensor, number[] | Tensor, (number | null)[]] {
  const ctx = currentContext();
  const dims = a.shape.dims;
  if (dims === null) throw new ValueError('tf.tensordot: operands of unknown rank are not supported');
  const axes = axesIn.map((i) => (i >= 0 ? i : i + dims.length));
  const free = dims.map((_, i) => i).filter((i) => !axes.includes(i));
  if (a.shape.isFullyDefined()) {
    const sh = dims as number[];
    const freeDims = free.map((i) => sh[i] as number);
    const prod = (xs: number[]) => xs.reduce((p, q) => p * q, 1);
    const prodFree = prod(freeDims);
    const prodAxes = prod(axes.map((i) => sh[i] as number));
    const perm = flipped ? [...axes, ...free] : [...free, ...axes];
    const newShape = flipped ? [prodAxes, prodFree] : [prodFree, prodAxes];
    const aT = perm.some((p, i) => p !== i) ? transpose(a, perm) : a;
    const tDims = aT.shape.dims as number[];
    const r = tDims.length === 2 && tDims[0] === newShape[0] && tDims[1] === newShape[1] ? aT : reshape(aT, newShape);
    return [r, freeDims, freeDims];
  }
  const freeStatic = free.map((i) => dims[i] ?? null);
  const axesT = ctx.convertToTensor(axes, 'int32', undefined, 'axes');
  const freeT = ctx.convertToTensor(free, 'int32', undefined, 'free');
  const shapeA = shapeOf(a);
  const freeDims = gather(shapeA, freeT);
  const axesDims = gather(shapeA, axesT);
  const prodFree = reduceProd(freeDims);
  const prodAxes = reduceProd(axesDims);
  const perm = flipped ? concat([axesT, freeT], 0) : concat([freeT, axesT], 0);
  const newShape = flipped ? stack([prodAxes, prodFree]) : stack([prodFree, prodAxes]);
  return [reshape(transpose(a, perm), newShape), freeDims, freeStatic];
}

/** `tf.tensordot(a, b, axes, name)`: sums of products over `axes` (an int n, or [aAxes, bAxes]). */
export function tensordot(a: TensorInput, b: TensorInput, axes: Axes, name?: string | { name?: string }): Tensor;
export function tensordot(...args: unknown[]): Tensor {
  const o = normalizeArgs('tensordot', ['a', 'b', 'axes', 'name'], args);
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(o), 'Tensordot', [o.a, o.b], (scope) => {
    const a = ctx.convertToTensor(o.a, undefined, undefined, 'a');
    const b = ctx.convertToTensor(o.b, undefined, undefined, 'b');
    const [aAxes, bAxes] = tensordotAxes(a, o.axes);
    const [aR, aFree, aStatic] = tensordotReshape(a, aAxes, false);
    const [bR, bFree, bStatic] = tensordotReshape(b, bAxes, true);
    const ab = matmul(aR, bR);
    if (Array.isArray(aFree) && Array.isArray(bFree)) {
      const want = [...aFree, ...bFree];
      const got = ab.shape.dims;
      if (ab.shape.isFullyDefined() && got !== null && got.length === want.length && got.every((d, i) => d === want[i])) return ab;
      return applyOp1(Reshape, [ab, ctx.convertToTensor(want, 'int32', undefined, 'shape')], {}, scope);
    }
    const af = Array.isArray(aFree) ? ctx.convertToTensor(aFree, 'int32') : aFree;
    const bf = Array.isArray(bFree) ? ctx.convertToTensor(bFree, 'int32') : bFree;
    const product = applyOp1(Reshape, [ab, concat([af, bf], 0)], {}, scope);
    (product as { setShape?: (s: readonly (number | null)[]) => void }).setShape?.([...aStatic, ...bStatic]);
    return product;
  });
}
