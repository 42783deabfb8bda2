// Comparison and logic ops beyond Less/LogicalAnd (compare.ts): Equal, NotEqual (with
// `incompatible_shape_error`), LessEqual, Greater, GreaterEqual, LogicalOr; and tf.logicalXor.
import { TensorShape } from '../../../core/shape.js';
import { broadcastStatic } from '../../../core/broadcast.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg, simpleBuilder } from '../../builder.js';
import type { OpDef, ShapeFn } from '../../opdef.js';
import { broadcastBinaryShape } from '../../shape-fns.js';
import type { NameOrOptions, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { compareDef, LogicalAnd, logicalBinaryDef } from './compare.js';
import { LogicalNot } from './logical-not.js';

/**
 * Equal/NotEqual: with `incompatible_shape_error` false, shapes that cannot broadcast give a
 * scalar (false for Equal, true for NotEqual) instead of an error.
 */
const equalityShape: ShapeFn = (ctx) => {
  if (ctx.attr<boolean>('incompatible_shape_error') === false) {
    const a = ctx.inputShape(0);
    const b = ctx.inputShape(1);
    if (a.dims === null || b.dims === null) return [new TensorShape(null)];
    const out = broadcastStatic(a.dims, b.dims);
    return [out === null ? TensorShape.scalar() : new TensorShape(out)];
  }
  return broadcastBinaryShape(ctx);
};

function equalityDef(type: string): OpDef {
  return compareDef(type, ALL, [{ name: 'incompatible_shape_error', type: 'bool', default: true }], equalityShape);
}

export const Equal: OpDef = equalityDef('Equal');
export const NotEqual: OpDef = equalityDef('NotEqual');
export const LessEqual: OpDef = compareDef('LessEqual');
export const Greater: OpDef = compareDef('Greater');
export const GreaterEqual: OpDef = compareDef('GreaterEqual');
export const LogicalOr: OpDef = logicalBinaryDef('LogicalOr');

type Compare = (x: TensorInput, y: TensorInput, name?: NameOrOptions) => Tensor;
export const equal: Compare = simpleBuilder('equal', Equal, ['x', 'y']);
export const notEqual: Compare = simpleBuilder('notEqual', NotEqual, ['x', 'y']);
export const lessEqual: Compare = simpleBuilder('lessEqual', LessEqual, ['x', 'y']);
export const greater: Compare = simpleBuilder('greater', Greater, ['x', 'y']);
export const greaterEqual: Compare = simpleBuilder('greaterEqual', GreaterEqual, ['x', 'y']);
export const logicalOr: Compare = simpleBuilder('logicalOr', LogicalOr, ['x', 'y']);

/** `tf.logicalXor(x, y, name='LogicalXor')`: (x || y) && !(x && y), as TensorFlow builds it. */
export const logicalXor: Compare = (...args: unknown[]) => {
  const a = normalizeArgs('logicalXor', ['x', 'y', 'name'], args);
  const or = applyOp1(LogicalOr, [a.x, a.y], {});
  const nand = applyOp1(LogicalNot, [applyOp1(LogicalAnd, [a.x, a.y], {})], {});
  return applyOp1(LogicalAnd, [or, nand], {}, nameArg(a) ?? 'LogicalXor');
};
