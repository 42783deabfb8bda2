// Shared helpers for the op conformance suite (test/ops/*.test.ts).
import assert from 'node:assert/strict';
import * as tf from '../../src/v1.js';
import { tfMessage } from '../runtime/helpers.js';
import { ParitySession } from './parity.js';

export { ParitySession, parityBackend } from './parity.js';

export type T = tf.Tensor;

/**
 * Builds ops into a fresh graph and opens a session on it: a ParitySession, whose every run runs
 * on the CPU reference backend and on the wasm backend and asserts both agree.
 */
export function build<R>(fn: () => R): { g: tf.Graph; sess: ParitySession; out: R } {
  const g = new tf.Graph();
  const out = g.asDefault(() => fn());
  return { g, sess: new ParitySession({ graph: g }), out };
}

/** A ParitySession (cpu reference + wasm twin) on `g`. */
export function session(g: tf.Graph, config?: tf.ConfigProto): ParitySession {
  return new ParitySession({ graph: g, ...(config ? { config } : {}) });
}

/** Builds one tensor in a fresh graph and runs it (with optional feeds). */
export function evalT(fn: () => tf.Tensor, feeds?: Map<unknown, unknown>): tf.NDArray {
  const { sess, out } = build(fn);
  return sess.run(out, feeds ?? null);
}

/** Asserts dtype, shape and exact values of a run result. */
export function expectArray(a: tf.NDArray, dtype: tf.DType, shape: readonly number[], values: unknown): void {
  assert.equal(a.dtype, dtype, 'dtype');
  assert.deepEqual([...a.shape], [...shape], 'shape');
  assert.deepEqual(a.toArray(), values);
}

/** Asserts nested numbers are within `tol` of `expected` (float math only). */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-6, path = ''): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path}: expected an array, got ${String(actual)}`);
    assert.equal((actual as unknown[]).length, expected.length, `${path}: length`);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, tol, `${path}[${i}]`);
    });
    return;
  }
  const a = actual as number;
  const e = expected as number;
  if (Number.isNaN(e)) {
    assert.ok(Number.isNaN(a), `${path}: expected NaN, got ${a}`);
    return;
  }
  if (!Number.isFinite(e)) {
    assert.equal(a, e, path);
    return;
  }
  assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${path}: expected ${e} ± ${tol}, got ${a}`);
}

/** The static shape as TF1 prints it: `(2, 3)`, `(?, 3)`, `<unknown>`. */
export function shapeStr(t: tf.Tensor): string {
  return t.shape.toString();
}

/** Names of the graph's ops, in creation order. */
export function opNames(g: tf.Graph): string[] {
  return g.getOperations().map((o) => o.name);
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to throw');
}

/** A build-time ValueError with exactly TensorFlow's message. */
export function expectValueError(fn: () => unknown, message: string): void {
  const e = errorOf(fn);
  assert.ok(e instanceof tf.ValueError, `expected ValueError, got ${String(e)}`);
  assert.equal(tfMessage(e), message);
}

/** A build-time ValueError whose message starts with `prefix` (the rest is checked in another test). */
export function expectValueErrorPrefix(fn: () => unknown, prefix: string): void {
  const e = errorOf(fn);
  assert.ok(e instanceof tf.ValueError, `expected ValueError, got ${String(e)}`);
  assert.ok(tfMessage(e).startsWith(prefix), `message:\n${e.message}\ndoes not start with:\n${prefix}`);
}

/** A build-time TypeError with exactly this message (and not one of its subclasses' relatives). */
export function expectTypeError(fn: () => unknown, message: string | RegExp): void {
  const e = errorOf(fn);
  assert.ok(e instanceof TypeError, `expected TypeError, got ${String(e)}`);
  if (typeof message === 'string') assert.equal(tfMessage(e), message);
  else assert.match(tfMessage(e), message);
}

type OpErrorClass = abstract new (...args: never[]) => tf.errors.OpError;

/**
 * A run-time OpError of class `cls`, raised by op `opName`: its message starts with the kernel's
 * text, followed by TensorFlow's `\n\t [[{{node NAME}}]]` annotation.
 */
export function expectOpError(fn: () => unknown, cls: OpErrorClass, opName: string, kernelText: string): tf.errors.OpError {
  const e = errorOf(fn);
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  assert.ok(e.op !== null, 'e.op is the failing operation');
  assert.equal(e.op?.name, opName, 'e.op.name');
  assert.equal(e.baseMessage, kernelText);
  assert.ok(
    e.message.startsWith(`${kernelText}\n\t [[{{node ${opName}}}]]`),
    `message:\n${e.message}\ndoes not start with the kernel text and node annotation`,
  );
  return e;
}

/** Runs `fn` with process[stream].write captured; always restores it. Returns what was written. */
export function capture(stream: 'stdout' | 'stderr', fn: () => void): string {
  const s = process[stream];
  const original = s.write;
  let text = '';
  s.write = ((chunk: unknown, ...rest: unknown[]) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (cb) cb();
    return true;
  }) as typeof s.write;
  try {
    fn();
  } finally {
    s.write = original;
  }
  return text;
}

/** A Map feed dict. */
export function feed(...pairs: [tf.Tensor, unknown][]): Map<unknown, unknown> {
  return new Map<unknown, unknown>(pairs);
}

export const f32 = (x: number): number => Math.fround(x);

/** `checkGradient`'s options. */
export interface GradientCheckOptions {
  /** Relative tolerance (default 1e-6). */
  tol?: number;
  /**
   * Check only the gradient function of the op producing `f(xs)` (called directly, for whichever
   * of its outputs `f` returns), instead of `tf.gradients` through the whole chain: each x must
   * be a direct input of that op, other inputs (int sizes, constants) stay fixed.
   */
  direct?: boolean;
  /** Every input must get a gradient (by default inputs with a null gradient are skipped). */
  every?: boolean;
}

/** `f(xs)` on placeholders of `dtype` and its gradients for an upstream gradient `dy` (see checkGradient). */
function gradientGraph(f: (xs: tf.Tensor[]) => tf.Tensor, shapes: readonly (readonly number[])[], dtype: 'float32' | 'float64', direct: boolean) {
  const g = new tf.Graph();
  const built = g.asDefault(() => {
    const xs = shapes.map((s, i) => tf.placeholder(dtype, s, `x${i}`));
    const y = f(xs);
    const dy = tf.placeholder(dtype, y.shape.dims as number[], 'dy');
    const def = y.op.def;
    assert.equal(typeof def.grad, 'function', `${def.type} has a gradient function`);
    let grads: readonly (tf.Tensor | null | undefined)[];
    if (direct) {
      const dys = y.op.outputs.map((_, i) => (i === y.valueIndex ? dy : null));
      const all = (def.grad as NonNullable<typeof def.grad>)(y.op, dys);
      grads = xs.map((x) => {
        const k = y.op.inputs.indexOf(x);
        assert.ok(k >= 0, 'each x is an input of the op');
        return all[k] ?? null;
      });
    } else {
      grads = tf.gradients(y, xs, dy);
    }
    assert.ok(
      grads.some((t) => t !== null && t !== undefined),
      'some input gets a gradient',
    );
    return { xs, y, dy, grads };
  });
  return { g, ...built };
}

/**
 * The same gradient in float32, where `f` builds in float32 (the wasm backend's kernels are
 * float32: the float64 check runs on its CPU fallbacks): `y` and every gradient run on both
 * backends of a ParitySession, which asserts they agree. Returns whether it ran.
 */
function gradientParity32(f: (xs: tf.Tensor[]) => tf.Tensor, inputs: readonly (readonly number[])[], shapes: readonly (readonly number[])[], direct: boolean, dyFlat: readonly number[]): boolean {
  let built: ReturnType<typeof gradientGraph>;
  try {
    built = gradientGraph(f, shapes, 'float32', direct);
  } catch (e) {
    // f fixes float64 somewhere (a float64 constant, a cast): checked in float64 only.
    if (e instanceof TypeError || e instanceof tf.ValueError) return false;
    throw e;
  }
  const { g, xs, y, dy, grads } = built;
  using sess = new ParitySession({ graph: g });
  const feeds = new Map<unknown, unknown>([
    ...xs.map((x, i) => [x, new tf.NDArray('float32', shapes[i] as number[], Float32Array.from(inputs[i] as number[]))] as [unknown, unknown]),
    [dy, new tf.NDArray('float32', y.shape.dims as number[], Float32Array.from(dyFlat))],
  ]);
  sess.run([y, ...grads.filter((t): t is tf.Tensor => t !== null && t !== undefined)], feeds);
  return true;
}

/**
 * Finite-difference check of a gradient, end to end: builds `f(xs)` on float64 placeholders,
 * differentiates it with `tf.gradients` for a random upstream gradient `dy` (so a composite
 * builder's whole chain of OpDef `grad`s is checked), and compares each input's gradient with
 * central differences of sum(f(x)·dy). An input with no gradient (null) is skipped unless
 * `every`, but the op producing the result must declare a gradient function and at least one
 * input must get one. `direct`: see GradientCheckOptions.
 */
export function checkGradient(
  f: (xs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly number[][] | readonly (readonly number[])[],
  shapes: readonly (readonly number[])[],
  options: number | GradientCheckOptions = {},
): void {
  const { tol = 1e-6, direct = false, every = false } = typeof options === 'number' ? { tol: options } : options;
  const { g, xs, y, dy, grads } = gradientGraph(f, shapes, 'float64', direct);
  // Analytic gradients run on both backends (compared); the finite differences on the reference.
  using sess = new ParitySession({ graph: g });
  const ySize = (y.shape.dims as number[]).reduce((a, b) => a * b, 1);
  let seed = 7;
  const rand = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  };
  const dyFlat = Array.from({ length: ySize }, rand);
  const dyValue = new tf.NDArray('float64', y.shape.dims as number[], Float64Array.from(dyFlat));
  const feed = (vals: readonly (readonly number[])[]) =>
    new Map<unknown, unknown>([
      ...xs.map((x, i) => [x, new tf.NDArray('float64', shapes[i] as number[], Float64Array.from(vals[i] as number[]))] as [unknown, unknown]),
      [dy, dyValue],
    ]);
  const objective = (vals: readonly (readonly number[])[]) => {
    const out = sess.runReference(y, feed(vals)).data as Float64Array;
    return out.reduce((s, v, k) => s + v * (dyFlat[k] as number), 0);
  };
  xs.forEach((_x, i) => {
    const gi = grads[i];
    if (gi === null || gi === undefined) {
      assert.ok(!every, `gradient ${i} is defined`);
      return;
    }
    const analytic = sess.run(gi, feed(inputs)).data as Float64Array;
    const base = inputs[i] as readonly number[];
    assert.equal(analytic.length, base.length, `gradient ${i} has the input's size`);
    base.forEach((v, j) => {
      const h = 1e-6 * Math.max(1, Math.abs(v));
      const plus = inputs.map((a, k) => (k === i ? a.map((w, m) => (m === j ? w + h : w)) : a));
      const minus = inputs.map((a, k) => (k === i ? a.map((w, m) => (m === j ? w - h : w)) : a));
      const numeric = (objective(plus) - objective(minus)) / (2 * h);
      const got = analytic[j] as number;
      assert.ok(Math.abs(got - numeric) <= tol * Math.max(1, Math.abs(numeric)) + 1e-7, `d/dx${i}[${j}]: analytic ${got}, numeric ${numeric}`);
    });
  });
  gradientParity32(f, inputs, shapes, direct, dyFlat);
}

/**
 * Second-order check: for each input x_i, `checkGradient` of x ↦ tf.gradients(f(x), x_i, dy)[0]
 * with a fixed random `dy`, so the gradient functions' own gradients are checked too. An input
 * whose first gradient is null, or whose gradient depends on no input (f linear in it), is skipped.
 */
export function checkGradient2(f: (xs: tf.Tensor[]) => tf.Tensor, inputs: readonly (readonly number[])[], shapes: readonly (readonly number[])[], tol = 1e-5): void {
  const firstGradient = (xs: tf.Tensor[], i: number): tf.Tensor | null => {
    const y = f(xs);
    const dims = y.shape.dims as number[];
    const n = dims.reduce((a, b) => a * b, 1);
    let seed = 11;
    const dy = Array.from({ length: n }, () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    });
    return tf.gradients(y, xs[i] as tf.Tensor, tf.constant(dy, { dtype: 'float64', shape: dims }))[0] ?? null;
  };
  let checked = 0;
  shapes.forEach((_s, i) => {
    const nonLinear = new tf.Graph().asDefault(() => {
      const xs = shapes.map((s, k) => tf.placeholder('float64', s, `x${k}`));
      const first = firstGradient(xs, i);
      return first !== null && tf.gradients(first, xs).some((t) => t !== null);
    });
    if (!nonLinear) return;
    checked++;
    checkGradient((xs) => firstGradient(xs, i) as tf.Tensor, inputs, shapes, tol);
  });
  assert.ok(checked > 0, 'f has a second derivative with respect to some input');
}
