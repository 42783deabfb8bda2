// Weight regularizers for `tf.getVariable({ regularizer })` and the layers' `kernelRegularizer` /
// `biasRegularizer`: TF1's tf.contrib.layers.l1Regularizer / l2Regularizer and
// tf.keras.regularizers.l1 / l2. Each is a function of the weights returning the loss tensor.
import { ValueError } from '../core/errors.js';
import { applyOp1 } from '../ops/builder.js';
import { currentContext } from '../ops/context.js';
import { Abs } from '../ops/defs/math/unary.js';
import { AddV2, Mul } from '../ops/defs/math/binary.js';
import { Square } from '../ops/defs/math/square.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import { L2Loss } from '../ops/defs/nn/xent.js';
import type { Tensor } from '../graph/tensor.js';
import type { Tensor as OpTensor } from '../ops/types.js';
import type { Regularizer } from '../graph/variable-scope.js';

/** A regularizer returned by the factories below (also callable on a plain tensor). */
export type WeightRegularizer = Regularizer & ((weights: unknown) => Tensor | null);

/** Python's `%g` for the messages (6 significant digits, no trailing zeros). */
function pyG(x: number): string {
  if (x === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(x)));
  if (e < -4 || e >= 6) {
    const [m, ex] = x.toExponential(5).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number(ex);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(x.toPrecision(6)));
}

/** tf.contrib.layers' scale check: a negative scale is refused, 0 disables the regularizer. */
function contribScale(scale: unknown): number | null {
  if (typeof scale !== 'number') throw new ValueError(`scale must be a number, got ${String(scale)}`);
  if (scale < 0) throw new ValueError(`Setting a scale less than 0 on a regularizer: ${pyG(scale)}.`);
  return scale === 0 ? null : scale;
}

/**
 * A tf.contrib.layers regularizer: `w ↦ scale · penalty(w)` in name scope `scope` or
 * `defaultScope`, the Mul named as the scope; null (no loss) when the scale is 0.
 */
function contribRegularizer(scale: number, scope: string | null | undefined, defaultScope: string, penalty: (w: OpTensor) => OpTensor): WeightRegularizer {
  const s = contribScale(scale);
  return ((weights: unknown) => {
    if (s === null) return null;
    const ctx = currentContext();
    return ctx.withNameScope(scope ?? undefined, defaultScope, [weights], (name) => {
      const w = ctx.convertToTensor(weights);
      const myScale = ctx.convertToTensor(s, w.dtype, undefined, 'scale');
      return applyOp1(Mul, [myScale, penalty(w)], {}, name);
    });
  }) as WeightRegularizer;
}

/**
 * `tf.contrib.layers.l2Regularizer(scale, scope)`: `w ↦ scale · l2Loss(w)` (half the sum of
 * squares) in name scope `scope` or `l2_regularizer`, the Mul named as the scope. Scale 0 gives a
 * regularizer returning null (no loss is added), as TensorFlow's.
 */
export function l2Regularizer(scale: number, scope?: string | null): WeightRegularizer {
  return contribRegularizer(scale, scope, 'l2_regularizer', (w) => applyOp1(L2Loss, [w], {}, 'L2Loss'));
}

/** `tf.contrib.layers.l1Regularizer(scale, scope)`: `w ↦ scale · sum(|w|)` in scope `l1_regularizer`. */
export function l1Regularizer(scale: number, scope?: string | null): WeightRegularizer {
  return contribRegularizer(scale, scope, 'l1_regularizer', (w) => reduceSum(applyOp1(Abs, [w], {}, 'Abs')));
}

/** A Keras regularizer: callable, with its factor and `getConfig()` as Keras'. */
export type KerasRegularizer = WeightRegularizer & { getConfig(): Record<string, number> };

function kerasFactor(value: unknown, arg: 'l1' | 'l2'): number {
  const v = value ?? 0.01;
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new ValueError(`Invalid value for argument ${arg}: expected a non-negative float.Received: ${arg}=${String(v)}`);
  }
  return v;
}

/** Keras' `factor · sum(f(x))`: the factor constant, f, Sum over all axes, `mul`. */
function kerasRegularizer(arg: 'l1' | 'l2', factor: number): KerasRegularizer {
  const fn = ((weights: unknown) => {
    const ctx = currentContext();
    return ctx.atomic([weights], () => {
      const w = ctx.convertToTensor(weights);
      const k = ctx.convertToTensor(factor, w.dtype);
      const f = arg === 'l2' ? applyOp1(Square, [w], {}, 'Square') : applyOp1(Abs, [w], {}, 'Abs');
      return applyOp1(Mul, [k, reduceSum(f)], {}, 'mul');
    });
  }) as KerasRegularizer;
  fn.getConfig = () => ({ [arg]: factor });
  return fn;
}

/** `tf.keras.regularizers.l2(l2=0.01)`: `x ↦ l2 · sum(x²)`. */
export function kerasL2(l2?: number | { l2?: number }): KerasRegularizer {
  const v = typeof l2 === 'object' && l2 !== null ? l2.l2 : l2;
  return kerasRegularizer('l2', kerasFactor(v, 'l2'));
}

/** `tf.keras.regularizers.l1(l1=0.01)`: `x ↦ l1 · sum(|x|)`. */
export function kerasL1(l1?: number | { l1?: number }): KerasRegularizer {
  const v = typeof l1 === 'object' && l1 !== null ? l1.l1 : l1;
  return kerasRegularizer('l1', kerasFactor(v, 'l1'));
}

/**
 * `tf.keras.regularizers.L1L2(l1=0, l2=0)`: `x ↦ 0 + l1 · sum(|x|) + l2 · sum(x²)` (a term only
 * for a non-zero factor, as Keras').
 */
export function kerasL1L2(l1?: number | { l1?: number; l2?: number }, l2?: number): KerasRegularizer {
  const o = typeof l1 === 'object' && l1 !== null ? l1 : { l1, l2 };
  const f1 = kerasFactor(o.l1 ?? 0, 'l1');
  const f2 = kerasFactor(o.l2 ?? 0, 'l2');
  const fn = ((weights: unknown) => {
    const ctx = currentContext();
    return ctx.atomic([weights], () => {
      const w = ctx.convertToTensor(weights);
      let r = ctx.convertToTensor(0, w.dtype);
      if (f1) r = applyOp1(AddV2, [r, applyOp1(Mul, [ctx.convertToTensor(f1, w.dtype), reduceSum(applyOp1(Abs, [w], {}, 'Abs'))], {}, 'mul')], {}, 'add');
      if (f2) r = applyOp1(AddV2, [r, applyOp1(Mul, [ctx.convertToTensor(f2, w.dtype), reduceSum(applyOp1(Square, [w], {}, 'Square'))], {}, 'mul')], {}, 'add');
      return r;
    });
  }) as KerasRegularizer;
  fn.getConfig = () => ({ l1: f1, l2: f2 });
  return fn;
}

