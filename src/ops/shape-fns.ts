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
    // TensorFlow reports the first mismatch from the left of the padded shapes.
    const n = Math.max(a.dims.length, b.dims.length);
    for (let i = n; i >= 1; i--) {
      const x = a.dims[a.dims.length - i] ?? 1;
      const y = b.dims[b.dims.length - i] ?? 1;
      if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) {
        ctx.fail(`Dimensions must be equal, but are ${x} and ${y}`);
      }
    }
  }
  return [new TensorShape(out)];
};

/**
 * TensorFlow's `InferenceContext::Merge`: the more specific of two compatible shapes, or its error
 * text (`Shapes must be equal rank, …` / `Dimension 0 in both shapes must be equal, …`).
 */
export function mergeShapes(a: TensorShape, b: TensorShape): TensorShape | string {
  if (a.dims === null) return b;
  if (b.dims === null) return a;
  if (a.dims.length !== b.dims.length) return `Shapes must be equal rank, but are ${a.dims.length} and ${b.dims.length}`;
  for (let i = 0; i < a.dims.length; i++) {
    const x = a.dims[i] ?? null;
    const y = b.dims[i] ?? null;
    if (x !== null && y !== null && x !== y) {
      return `Dimension ${i} in both shapes must be equal, but are ${x} and ${y}. Shapes are ${a.toDebugString()} and ${b.toDebugString()}.`;
    }
  }
  return a.mergeWith(b);
}

/**
 * The merge of all of an op's input shapes, from the last back to the first as TensorFlow's
 * AddN and Pack shape functions do; fails with `… From merging shape i with other shapes.`
 */
export function mergeInputShapes(ctx: InferContext): TensorShape {
  let merged = ctx.inputShape(ctx.numInputs - 1);
  for (let i = ctx.numInputs - 2; i >= 0; i--) {
    const m = mergeShapes(ctx.inputShape(i), merged);
    if (typeof m === 'string') return ctx.fail(`${m}\n\tFrom merging shape ${i} with other shapes.`);
    merged = m;
  }
  return merged;
}

/** A scalar output. */
export const scalarShape: ShapeFn = () => [TensorShape.scalar()];
