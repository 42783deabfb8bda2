// `tf.hessians`: second derivatives through tf.gradients applied twice.
import { toNDArray } from '../core/convert.js';
import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { asGraphTensor, graphOp1 } from '../graph/graph-context.js';
import { Tensor } from '../graph/tensor.js';
import { Variable } from '../graph/variable.js';
import { normalizeArgs } from '../ops/args.js';
import { Const } from '../ops/defs/array/const.js';
import { stack } from '../ops/defs/array/pack.js';
import { reshape } from '../ops/defs/array/reshape.js';
import { gradients } from './gradients.js';

/** `tf.hessians`' parameters after `ys, xs`, by name. */
export interface HessiansOptions {
  name?: string;
  colocateGradientsWithOps?: boolean;
  gateGradients?: boolean;
  aggregationMethod?: number | null;
}

/** The unit vector e_j of length n, a Const of `dtype`. */
function unitVector(n: number, j: number, dtype: DType): Tensor {
  const value = toNDArray(Array.from({ length: n }, (_, k) => (k === j ? 1 : 0)), dtype);
  return graphOp1(Const, [], { value, dtype }, 'Const');
}

/**
 * `tf.hessians(ys, xs, name, colocate_gradients_with_ops, gate_gradients, aggregation_method)`
 * (TF1): for each x, the Hessian of sum(ys) with respect to x, of shape `x.shape + x.shape`.
 *
 * TensorFlow builds each Hessian with a while loop over a TensorArray; tensorgraph has neither, so
 * it unrolls the loop: row j is `gradients(g, x, e_j)` for the flattened first gradient `g` and the
 * unit vector `e_j` (the same values, as the Hessian of a sum is symmetric), then stacks the rows.
 * So x's shape must be fully known. The op names differ from TensorFlow's.
 */
export function hessians(ys: unknown, xs: unknown, name?: string | HessiansOptions, colocateGradientsWithOps?: boolean | HessiansOptions, gateGradients?: boolean | HessiansOptions, aggregationMethod?: number | null | HessiansOptions): Tensor[];
export function hessians(...args: unknown[]): Tensor[] {
  const a = normalizeArgs('hessians', ['ys', 'xs', 'name', 'colocateGradientsWithOps', 'gateGradients', 'aggregationMethod'], args);
  const xs = Array.isArray(a.xs) ? [...a.xs] : [a.xs];
  const kwargs = {
    colocateGradientsWithOps: a.colocateGradientsWithOps as boolean | undefined,
    gateGradients: a.gateGradients as boolean | undefined,
    aggregationMethod: a.aggregationMethod as number | null | undefined,
  };
  const first = gradients(a.ys, xs, { name: (a.name as string | undefined) ?? 'hessians', ...kwargs });
  return first.map((grad, i) => {
    const xIn = xs[i];
    if (!(xIn instanceof Tensor || xIn instanceof Variable)) throw new TypeError(`hessians: xs[${i}] must be a Tensor or a Variable`);
    const x = xIn instanceof Variable ? xIn.value() : xIn;
    if (grad === null) {
      throw new ValueError(`hessians: ys do not depend on xs[${i}] (${x.toString()}): its gradient is None`);
    }
    const dims = x.shape.dims;
    if (dims === null || dims.some((d) => d === null)) {
      throw new ValueError(`hessians needs a fully defined shape for ${x.toString()}: tensorgraph unrolls TensorFlow's while loop over its elements`);
    }
    const shape = dims as number[];
    const n = shape.reduce((p, d) => p * d, 1);
    const flat = asGraphTensor(reshape(grad, [-1]));
    // A row with no path to x (a gradient linear in x) is zeros.
    const rows = Array.from({ length: n }, (_, j) => {
      const e = flat.graph.asDefault(() => unitVector(n, j, x.dtype));
      return gradients(flat, xIn, e, { ...kwargs, unconnectedGradients: 'zero' })[0] as Tensor;
    });
    return asGraphTensor(reshape(stack(rows), [...shape, ...shape]));
  });
}
