import { BroadcastGradientArgs } from './defs/array/broadcast-gradient-args.js';
import { Reshape } from './defs/array/reshape.js';
import { Shape } from './defs/array/shape.js';
import { Sum } from './defs/math/sum.js';
import { applyOp, applyOp1 } from './builder.js';
import type { Tensor } from './types.js';

/** Static shapes that are fully known and equal: no reduction needed. */
function sameStaticShape(a: Tensor, b: Tensor): boolean {
  const x = a.shape;
  const y = b.shape;
  return x.isFullyDefined() && y.isFullyDefined() && x.toDebugString() === y.toDebugString();
}

/**
 * The gradients of a broadcasting binary op's inputs from the broadcast-shaped `gx`, `gy`: each
 * summed over the axes its input was broadcast along and reshaped to the input's shape
 * (TensorFlow's `_ReduceGradientArgs` pattern with BroadcastGradientArgs).
 */
export function unbroadcast(x: Tensor, y: Tensor, gx: Tensor | null, gy: Tensor | null): [Tensor | null, Tensor | null] {
  if (sameStaticShape(x, y)) return [gx, gy];
  const sx = applyOp1(Shape, [x], {});
  const sy = applyOp1(Shape, [y], {});
  const [rx, ry] = applyOp(BroadcastGradientArgs, [sx, sy], {}) as readonly [Tensor, Tensor];
  const reduce = (g: Tensor | null, r: Tensor, s: Tensor) => (g === null ? null : applyOp1(Reshape, [applyOp1(Sum, [g, r], {}), s], {}));
  return [reduce(gx, rx, sx), reduce(gy, ry, sy)];
}
