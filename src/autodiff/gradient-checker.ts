// A numeric gradient checker, TensorFlow 1's `gradient_checker.compute_gradient`: the Jacobian of
// y with respect to x computed twice, from tf.gradients and by central differences.
import { toNDArray } from '../core/convert.js';
import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { NDArray } from '../core/ndarray.js';
import { type SessionLike, getDefaultSession } from '../graph/default-session.js';
import { graphOp1 } from '../graph/graph-context.js';
import type { Tensor } from '../graph/tensor.js';
import { Placeholder } from '../ops/defs/array/placeholder.js';
import { TensorShape } from '../core/shape.js';
import { Session } from '../runtime/session.js';
import { gradients } from './gradients.js';

/** `computeGradient` parameters after `x, xShape, y, yShape`, by name. */
export interface ComputeGradientOptions {
  /** x's value (flat or nested numbers, or an NDArray); default: uniform in [0, 1) from a fixed seed. */
  xInitValue?: unknown;
  /** The finite-difference step; default 1e-3 (TensorFlow's). */
  delta?: number;
  /** Ops to run once before checking (variable initializers). */
  initTargets?: readonly unknown[] | null;
  /** More feeds for every run (other placeholders y needs). */
  extraFeedDict?: Map<unknown, unknown> | null;
  /** The session to run in; default: the default session, else a new one on x's graph. */
  session?: SessionLike | null;
}

/** The theoretical and the numerical Jacobian, each `[x size, y size]` float64: entry (i, j) is dy_j/dx_i. */
export type JacobianPair = [theoretical: NDArray<'float64'>, numerical: NDArray<'float64'>];

const CHECKABLE: readonly DType[] = ['float32', 'float64'];
const sizeOf = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** A fixed-seed uniform [0, 1) sample (TensorFlow draws np.random.random_sample). */
function sample(n: number): number[] {
  let seed = 12345;
  return Array.from({ length: n }, () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  });
}

function flatValues(value: unknown, dtype: DType, shape: readonly number[]): number[] {
  const a = value instanceof NDArray ? value : toNDArray(value, dtype);
  const out = Array.from(a.data as ArrayLike<number>, Number);
  if (out.length !== sizeOf(shape)) throw new ValueError(`xInitValue has ${out.length} values, but x_shape ${JSON.stringify(shape)} has ${sizeOf(shape)}`);
  return out;
}

function typed(dtype: DType, shape: readonly number[], values: readonly number[]): NDArray {
  return new NDArray(dtype as 'float64', [...shape], dtype === 'float32' ? (Float32Array.from(values) as unknown as Float64Array) : Float64Array.from(values));
}

/**
 * Computes the theoretical Jacobian (from `tf.gradients(y, x, dy)`, one one-hot `dy` per element
 * of y) and the numerical one (central differences `(y(x + δ) − y(x − δ)) / 2δ`, in x's dtype) of
 * `y` with respect to `x` (or each of a list of xs, with a list of shapes and init values). Both
 * float32 and float64 work; float32 needs a larger `delta` and tolerance. An x that y does not
 * depend on gets a zero theoretical Jacobian.
 */
export function computeGradient(x: Tensor, xShape: readonly number[], y: Tensor, yShape: readonly number[], options?: ComputeGradientOptions): JacobianPair;
export function computeGradient(x: readonly Tensor[], xShape: readonly (readonly number[])[], y: Tensor, yShape: readonly number[], options?: ComputeGradientOptions): JacobianPair[];
export function computeGradient(
  x: Tensor | readonly Tensor[],
  xShape: readonly number[] | readonly (readonly number[])[],
  y: Tensor,
  yShape: readonly number[],
  options: ComputeGradientOptions = {},
): JacobianPair | JacobianPair[] {
  const many = Array.isArray(x);
  const xs = (many ? x : [x]) as Tensor[];
  const shapes = (many ? xShape : [xShape]) as number[][];
  const inits = many ? ((options.xInitValue as unknown[] | undefined) ?? xs.map(() => undefined)) : [options.xInitValue];
  for (const t of [...xs, y]) {
    if (!CHECKABLE.includes(t.dtype)) throw new TypeError(`computeGradient checks float32 and float64 tensors, not ${t.name} of ${t.dtype}`);
  }
  const delta = options.delta ?? 1e-3;
  const g = y.graph;
  const dy = g.asDefault(() => graphOp1(Placeholder, [], { dtype: y.dtype, shape: new TensorShape(yShape) }, 'gradient_checker_dy'));
  const dxs = gradients(y, xs, dy);
  const own = options.session ?? getDefaultSession();
  const sess: SessionLike = own && own.graph === g ? own : new Session({ graph: g });
  try {
    for (const t of options.initTargets ?? []) sess.run(t);
    const values = xs.map((t, i) => {
      const init = inits[i];
      return init === undefined || init === null ? sample(sizeOf(shapes[i] as number[])) : flatValues(init, t.dtype, shapes[i] as number[]);
    });
    const feeds = (override: number, vals: readonly number[] | null, extra: [unknown, unknown][] = []) =>
      new Map<unknown, unknown>([
        ...(options.extraFeedDict ?? new Map()),
        ...xs.map((t, i): [unknown, unknown] => [t, typed(t.dtype, shapes[i] as number[], i === override && vals ? vals : (values[i] as number[]))]),
        ...extra,
      ]);
    const ySize = sizeOf(yShape);
    const pairs = xs.map((t, i) => {
      const xSize = sizeOf(shapes[i] as number[]);
      const theoretical = new Float64Array(xSize * ySize);
      const dx = dxs[i] ?? null;
      if (dx !== null) {
        for (let col = 0; col < ySize; col++) {
          const onehot = Array.from({ length: ySize }, (_, k) => (k === col ? 1 : 0));
          const r = sess.run(dx, feeds(-1, null, [[dy, typed(y.dtype, yShape, onehot)]])) as NDArray;
          const d = r.data as ArrayLike<number>;
          for (let row = 0; row < xSize; row++) theoretical[row * ySize + col] = Number(d[row]);
        }
      }
      const numerical = new Float64Array(xSize * ySize);
      const base = values[i] as number[];
      const round = t.dtype === 'float32' ? Math.fround : (v: number) => v;
      for (let row = 0; row < xSize; row++) {
        const at = (sign: number) => {
          const v = [...base];
          v[row] = round((v[row] as number) + sign * delta);
          return Array.from((sess.run(y, feeds(i, v)) as NDArray).data as ArrayLike<number>, Number);
        };
        const plus = at(1);
        const minus = at(-1);
        for (let col = 0; col < ySize; col++) numerical[row * ySize + col] = ((plus[col] as number) - (minus[col] as number)) / (2 * delta);
      }
      return [new NDArray('float64', [xSize, ySize], theoretical), new NDArray('float64', [xSize, ySize], numerical)] as JacobianPair;
    });
    return many ? pairs : (pairs[0] as JacobianPair);
  } finally {
    if (sess !== own && sess instanceof Session) sess.close();
  }
}

/** TensorFlow's `compute_gradient_error`: the largest absolute difference between the two Jacobians. */
export function computeGradientError(x: Tensor | readonly Tensor[], xShape: readonly number[] | readonly (readonly number[])[], y: Tensor, yShape: readonly number[], options?: ComputeGradientOptions): number {
  const pairs = Array.isArray(x)
    ? computeGradient(x as readonly Tensor[], xShape as readonly (readonly number[])[], y, yShape, options)
    : [computeGradient(x as Tensor, xShape as readonly number[], y, yShape, options)];
  let err = 0;
  for (const [t, n] of pairs) {
    for (let k = 0; k < t.data.length; k++) err = Math.max(err, Math.abs((t.data[k] as number) - (n.data[k] as number)));
  }
  return err;
}
