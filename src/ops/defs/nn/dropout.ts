// tf.nn.dropout (TF1 signature over TensorFlow's v2 implementation, `nn_ops._dropout`): built
// from ops (Mul or RealDiv, RandomUniform, GreaterEqual, SelectV2), so its gradient is theirs.
import { ValueError } from '../../../core/errors.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { getSeed } from '../../seed.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Shape } from '../array/shape.js';
import { Mul, RealDiv, Sub } from '../math/binary.js';
import { GreaterEqual } from '../math/compare-more.js';
import { SelectV2 } from '../math/select.js';
import { given } from '../random/common.js';
import { randomUniformFrom } from '../random/random-uniform.js';

export interface DropoutOptions {
  keepProb?: number | TensorInput | null;
  noiseShape?: TensorInput | readonly (number | null)[] | null;
  seed?: number | null;
  name?: string;
  rate?: number | TensorInput | null;
}

const isTensor = (x: unknown): x is Tensor => typeof x === 'object' && x !== null && 'op' in x && 'dtype' in x && 'shape' in x;
const FLOAT_DTYPES = new Set(['float16', 'float32', 'float64']);
/** A Python float's repr (rates computed as `1. - keep_prob` are floats). */
const pyFloat = (v: number) => (Number.isInteger(v) ? `${v}.0` : String(v));

/** TF's `_get_noise_shape`: x's shape, or `noise_shape` with unknown dims filled from x's. */
function noiseShapeOf(x: Tensor, noiseShape: unknown): unknown {
  if (noiseShape === undefined || noiseShape === null) return applyOp1(Shape, [x], { out_type: 'int32' });
  if (!Array.isArray(noiseShape) || !noiseShape.every((d) => d === null || typeof d === 'number')) return noiseShape;
  const xd = x.shape.dims;
  if (xd === null || xd.length !== noiseShape.length) return noiseShape;
  return new TensorShape(xd.map((d, i) => (noiseShape[i] === null && d !== null ? d : (noiseShape[i] as number | null))));
}

/**
 * `tf.nn.dropout(x, keep_prob, noise_shape, seed, name, rate)` (TF1): zeroes each element with
 * probability `rate` (`1 - keep_prob`) and scales the kept ones by `1 / (1 - rate)`;
 * `noise_shape` broadcasts one draw across dimensions. `rate = 0` (a number) returns `x`.
 */
export function dropout(
  x: TensorInput,
  keepProb?: number | TensorInput | null | DropoutOptions,
  noiseShape?: TensorInput | readonly (number | null)[] | null | DropoutOptions,
  seed?: number | null | DropoutOptions,
  name?: string | DropoutOptions,
  rate?: number | TensorInput | null | DropoutOptions,
): Tensor {
  const a = normalizeArgs('dropout', ['x', 'keepProb', 'noiseShape', 'seed', 'name', 'rate'], given([x, keepProb, noiseShape, seed, name, rate]));
  const ctx = currentContext();
  let fromKeep: unknown = null;
  const kp = a.keepProb;
  if (kp !== undefined && kp !== null) {
    if (typeof kp === 'number') fromKeep = 1 - kp;
    else if (isTensor(kp)) fromKeep = applyOp1(Sub, [1, kp], {}, 'sub');
    else throw new ValueError(`\`keep_prob\` must be a floating point number or Tensor. Received: keep_prob=${String(kp)}`);
  }
  let r: unknown = a.rate ?? null;
  if (r !== null && fromKeep !== null) throw new ValueError("Cannot specify both 'keep_prob' and 'rate'.");
  const rateFromKeep = r === null && fromKeep !== null;
  if (r === null) r = fromKeep;
  if (r === null) throw new ValueError('`rate` must be provided. Received: rate=None');
  const rateV = r;
  const opSeed = a.seed as number | null | undefined;
  return ctx.withNameScope(nameArg(a), 'dropout', [a.x], () => {
    const isNumber = typeof rateV === 'number';
    if (isNumber && (rateV < 0 || rateV >= 1)) {
      throw new ValueError(`\`rate\` must be a scalar tensor or a float in the range [0, 1). Received: rate=${rateFromKeep ? pyFloat(rateV) : String(rateV)}`);
    }
    const xt = ctx.convertToTensor(a.x, undefined, undefined, 'x');
    if (!FLOAT_DTYPES.has(xt.dtype)) {
      throw new ValueError(`\`x.dtype\` must be a floating point tensor as \`x\` will be scaled. Received: x_dtype=<dtype: '${xt.dtype}'>`);
    }
    if (isNumber && rateV === 0) {
      // TF draws the op seed anyway, so later seedless ops get the same seeds with or without this.
      getSeed(opSeed);
      return xt;
    }
    let ret: Tensor;
    if (isNumber) {
      const scale = ctx.convertToTensor(1 / (1 - rateV), xt.dtype, undefined, 'Const');
      ret = applyOp1(Mul, [xt, scale], {}, 'Mul');
    } else if (isTensor(rateV)) {
      if (rateV.shape.rank !== null && rateV.shape.rank !== 0) throw new ValueError(`Shape ${rateV.shape.toString()} must have rank 0`);
      if (rateV.dtype !== xt.dtype) {
        throw new ValueError(`\`x.dtype\` must be compatible with \`rate.dtype\`. Received: x.dtype=<dtype: '${xt.dtype}'> and rate.dtype=<dtype: '${rateV.dtype}'>`);
      }
      const one = ctx.convertToTensor(1, xt.dtype, undefined, 'Const');
      ret = applyOp1(RealDiv, [xt, applyOp1(Sub, [one, rateV], {}, 'Sub')], {}, 'RealDiv');
    } else {
      throw new ValueError(`\`rate\` must be a scalar or scalar tensor. Received: rate=${String(rateV)}`);
    }
    const noise = noiseShapeOf(xt, a.noiseShape);
    const random = randomUniformFrom({ shape: noise, dtype: xt.dtype, seed: opSeed }, false);
    const keep = applyOp1(GreaterEqual, [random, rateV], {}, 'GreaterEqual');
    const zero = ctx.convertToTensor(0, xt.dtype, undefined, 'Const');
    const out = applyOp1(SelectV2, [keep, ret, zero], {}, 'SelectV2');
    (out as { setShape?: (s: TensorShape) => void }).setShape?.(xt.shape);
    return out;
  });
}
