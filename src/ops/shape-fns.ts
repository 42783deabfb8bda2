import { broadcastStatic } from '../core/broadcast.js';
import { TensorShape } from '../core/shape.js';
import type { InferContext, ShapeFn } from './opdef.js';

/** Output 0 has input 0's shape (elementwise unary ops, Identity, ZerosLike). */
export const unchangedShape: ShapeFn = (ctx) => [ctx.inputShape(0)];

/** No outputs (NoOp, Assert). */
export const noOutputs: ShapeFn = () => [];

/** Numpy broadcasting of inputs 0 and 1, with TensorFlow's message when they cannot broadcast. */
export const broadcastBinaryShape: ShapeFn = (ctx: InferContext) => {
  const a = ctx.inputShape(0);
  const b = ctx.inputShape(1);
  if (a.dims === null || b.dims === null) return [new TensorShape(null)];
  const out = broadcastStatic(a.dims, b.dims);
  if (out === null) {
    const n = Math.max(a.dims.length, b.dims.length);
    for (let i = 1; i <= n; i++) {
      const x = a.dims[a.dims.length - i] ?? 1;
      const y = b.dims[b.dims.length - i] ?? 1;
      if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) {
        ctx.fail(`Dimensions must be equal, but are ${x} and ${y}`);
      }
    }
  }
  return [new TensorShape(out)];
};

/** A scalar output. */
export const scalarShape: ShapeFn = () => [TensorShape.scalar()];
