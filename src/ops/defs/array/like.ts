import { type DTypeLike, toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import { unchangedShape } from '../../shape-fns.js';
import type { Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';
import { Cast } from '../math/cast.js';

function likeOpDef(type: string): OpDef {
  return registerOp({
    type,
    inputs: [{ name: 'x', typeAttr: 'T' }],
    outputs: [{ name: 'y', typeAttr: 'T' }],
    attrs: [{ name: 'T', type: 'type', allowed: type === 'ZerosLike' ? ALL : ALL.filter((d) => d !== 'string') }],
    shape: unchangedShape,
    grad: null,
  });
}

export const ZerosLike = likeOpDef('ZerosLike');
export const OnesLike = likeOpDef('OnesLike');

/** `tf.zerosLike` / `tf.onesLike` parameters by name, for an options object at any position after `tensor`. */
export interface LikeOptions {
  dtype?: DTypeLike | null;
  name?: string;
  /** Accepted for porting (TensorFlow's constant-folding hint); has no effect. */
  optimize?: boolean;
}

/** `tf.zerosLike(tensor, dtype, name, optimize)` / `tf.onesLike(tensor, dtype, name, optimize)`. */
export type LikeBuilder = (
  tensor: TensorInput,
  dtype?: DTypeLike | null | LikeOptions,
  name?: string | LikeOptions,
  optimize?: boolean | LikeOptions,
) => Tensor;

function likeBuilder(fnName: string, def: OpDef): LikeBuilder {
  return (...args: unknown[]) => {
    const a = normalizeArgs(fnName, ['tensor', 'dtype', 'name', 'optimize'], args);
    const ctx = currentContext();
    // Named as TensorFlow names it: the result is the op named by the `zeros_like` scope.
    return ctx.withNameScope(nameArg(a), fnName === 'zerosLike' ? 'zeros_like' : 'ones_like', [a.tensor], (scope) => {
      const x = ctx.convertToTensor(a.tensor, undefined, undefined, 'tensor');
      const dtype = a.dtype === undefined || a.dtype === null ? x.dtype : toDType(a.dtype);
      if (dtype === x.dtype) return applyOp1(def, [x], {}, scope);
      return applyOp1(Cast, [applyOp1(def, [x], {})], { DstT: dtype }, scope);
    });
  };
}

/** `tf.zerosLike(tensor, dtype, name, optimize)`: zeros of the same shape (op ZerosLike). */
export const zerosLike: LikeBuilder = likeBuilder('zerosLike', ZerosLike);
/** `tf.onesLike(tensor, dtype, name, optimize)`: ones of the same shape (op OnesLike). */
export const onesLike: LikeBuilder = likeBuilder('onesLike', OnesLike);
