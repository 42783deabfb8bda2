import { type DType, type DTypeLike, toDType } from '../../../core/dtypes.js';
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { OpDef } from '../../opdef.js';
import { seedAttrs } from '../../seed.js';
import type { Tensor, TensorInput } from '../../types.js';
import { AddV2, Mul, Sub } from '../math/binary.js';
import { given, randomFloatDef } from './common.js';
import { RandomUniformInt } from './random-uniform-int.js';
import { shapeTensor } from './shape-tensor.js';

export const RandomUniform: OpDef = randomFloatDef('RandomUniform');

export interface RandomUniformOptions {
  minval?: TensorInput;
  maxval?: TensorInput | null;
  dtype?: DTypeLike;
  seed?: number | null;
  name?: string;
}

const ACCEPTED: readonly DType[] = ['float16', 'float32', 'float64', 'int32', 'int64'];
const accepted = () => `(${['float16', 'bfloat16', 'float32', 'float64', 'int32', 'int64'].map((d) => `tf.${d}`).join(', ')})`;

/** A JS integer (TensorFlow's `isinstance(x, int)` for the [0, 1) fast path). */
const isInt = (x: unknown, v: number) => typeof x === 'number' && Number.isInteger(x) && x === v;

/**
 * `tf.randomUniform(shape, minval=0, maxval=null, dtype='float32', seed=null, name)`: uniform
 * values in [minval, maxval). Floats: RandomUniform scaled as `u * (max - min) + min` (just `u`
 * for [0, 1), `u * max` when min is 0); integers: RandomUniformInt (maxval required).
 */
export function randomUniform(
  shape: TensorInput,
  minval?: TensorInput | RandomUniformOptions,
  maxval?: TensorInput | null | RandomUniformOptions,
  dtype?: DTypeLike | RandomUniformOptions,
  seed?: number | null | RandomUniformOptions,
  name?: string | RandomUniformOptions,
): Tensor {
  const a = normalizeArgs('random_uniform', ['shape', 'minval', 'maxval', 'dtype', 'seed', 'name'], given([shape, minval, maxval, dtype, seed, name]));
  return randomUniformFrom(a, false);
}

/**
 * `random_uniform` from normalised arguments. `floatBounds`: the bounds are Python floats (an
 * initializer's `minval=.0`), so the [0, 1) shortcut does not apply, as in TensorFlow.
 */
export function randomUniformFrom(a: Record<string, unknown>, floatBounds: boolean): Tensor {
  const dt: DType = a.dtype === undefined || a.dtype === null ? 'float32' : toDType(a.dtype);
  if (!ACCEPTED.includes(dt)) throw new ValueError(`Argument \`dtype\` got invalid value <dtype: '${dt}'>. Accepted dtypes are ${accepted()}.`);
  const isInteger = dt === 'int32' || dt === 'int64';
  let min = a.minval === undefined ? 0 : a.minval;
  let max = a.maxval ?? null;
  if (max === null) {
    if (isInteger) throw new ValueError(`Must specify maxval for integer dtype tf.${dt}`);
    max = 1;
  }
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'random_uniform', [a.shape, min, max], (scope) => {
    const shapeT = shapeTensor(a.shape);
    const minIsZero = !floatBounds && isInt(min, 0);
    const maxIsOne = !floatBounds && isInt(max, 1);
    if (!minIsZero || !maxIsOne || isInteger) {
      min = ctx.convertToTensor(min, dt, undefined, 'min');
      max = ctx.convertToTensor(max, dt, undefined, 'max');
    }
    const seeds = seedAttrs(a.seed as number | null | undefined);
    if (isInteger) return applyOp1(RandomUniformInt, [shapeT, min, max], seeds, scope);
    const u = applyOp1(RandomUniform, [shapeT], { ...seeds, dtype: dt });
    if (minIsZero) return maxIsOne ? u : applyOp1(Mul, [u, max], {}, 'Mul');
    const range = applyOp1(Sub, [max, min], {}, 'sub');
    return applyOp1(AddV2, [applyOp1(Mul, [u, range], {}, 'mul'), min], {}, scope);
  });
}
