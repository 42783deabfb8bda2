// The wasm depthwise input gradient (gather form: each dx vector summed over the taps that reach
// it, the taps along each axis an arithmetic progression) against the CPU kernel: strides with
// odd sizes, dilations, strides and dilations sharing a factor (tap steps > 1), EXPLICIT pads
// wider than the window, multipliers 1–5 (1: four-vector blocks, one vector, floats; 2–4: four
// channels at a time; others per channel) with channel counts off the block sizes, and row
// ranges split anywhere giving the same bits as one range (so 2 threads equal 1).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { depthwiseModule } from '../../../src/backends/wasm/kernels/depthwise-module.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { convGeometry } from '../../../src/ops/conv-geometry.js';
import { type ConvAttrs, convAttrs, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const OP = 'DepthwiseConv2dNativeBackpropInput';

const conv = convAttrs;
type Conv = ConvAttrs;

const ints = (v: readonly number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

/** The gradient's inputs for x [xs], filter [fs]: dy random in the forward output's shape. */
function inputsFor(xs: number[], fs: number[], attrs: Conv): NDArray[] {
  const f = randomArray(fs);
  const [y] = runKernel(cpuBackend, 'DepthwiseConv2dNative', [randomArray(xs), f], attrs) as [NDArray];
  return [ints(xs), f, randomArray(y.shape)];
}

/** wasm on 1 and 2 threads within 1e-5 relative + 1e-6 of the CPU kernel, and 2 threads bit-equal to 1. */
function check(xs: number[], fs: number[], attrs: Conv): void {
  const inputs = inputsFor(xs, fs, attrs);
  const what = `x[${xs}] f[${fs}] ${attrs.padding} s${attrs.strides.slice(1, 3)} d${attrs.dilations.slice(1, 3)}`;
  const [want] = runKernel(cpuBackend, OP, inputs, attrs) as [NDArray];
  const [one] = runKernel(wasm1, OP, inputs, attrs) as [NDArray];
  const [two] = runKernel(wasm2, OP, inputs, attrs) as [NDArray];
  assert.deepEqual([...one.shape], [...want.shape], `${what}: shape`);
  const e = want.data as Float32Array;
  const a = one.data as Float32Array;
  for (let i = 0; i < e.length; i++) {
    const [x, y] = [a[i] as number, e[i] as number];
    assert.ok(Math.abs(x - y) <= 1e-5 * Math.abs(y) + 1e-6, `${what}[${i}]: expected ${y}, got ${x}`);
  }
  assert.deepEqual(two.data, one.data, `${what}: 2 threads`);
}

describe('wasm depthwise input gradient (gather form)', () => {
  test('strides with odd sizes, dilations, and both', () => {
    for (const c of [4, 7]) {
      check([2, 9, 7, c], [3, 3, c, 1], conv('SAME', 2));
      check([1, 11, 9, c], [3, 3, c, 1], conv('VALID', 2));
      check([1, 9, 11, c], [3, 3, c, 1], conv('SAME', 1, 2));
      // the taps reaching a pixel step by stride / gcd(stride, dilation): 1, 2 and 3 here
      check([1, 13, 12, c], [3, 3, c, 1], conv('SAME', 2, 2));
      check([1, 15, 14, c], [3, 3, c, 1], conv('SAME', 4, 2));
      check([1, 14, 13, c], [4, 3, c, 1], conv('VALID', 3, 2));
      check([1, 12, 10, c], [3, 2, c, 1], conv('SAME', [2, 3], [3, 1]));
    }
  });

  test('EXPLICIT padding, wider than the window on some sides', () => {
    check([1, 6, 5, 5], [2, 3, 5, 1], conv('EXPLICIT', 2, 1, [0, 0, 1, 2, 2, 0, 0, 0]));
    check([2, 5, 7, 6], [3, 3, 6, 2], conv('EXPLICIT', 2, 3, [0, 0, 3, 1, 2, 4, 0, 0]));
    check([1, 3, 4, 4], [2, 2, 4, 1], conv('EXPLICIT', 1, 1, [0, 0, 4, 4, 3, 5, 0, 0]));
  });

  test('channel counts around the blocks, multipliers 1 to 5', () => {
    // mult 1: 16-channel blocks, 4-channel vectors, single floats
    for (const c of [1, 3, 4, 15, 16, 17, 21, 35, 70]) check([1, 6, 5, c], [3, 3, c, 1], conv('SAME', 2));
    // mult 2–4: 4 channels at a time, then the last ones; 5: per channel (a vector and a float)
    for (const mult of [2, 3, 4, 5]) {
      for (const c of [1, 3, 4, 5, 8, 11]) check([2, 5, 6, c], [3, 3, c, mult], conv('SAME', 1, 2));
    }
  });

  test('a large case on two threads equals one thread (the split is by input rows)', () => {
    check([3, 37, 29, 21], [3, 3, 21, 1], conv('SAME'));
    check([2, 30, 33, 8], [5, 5, 8, 2], conv('VALID', 2, 1));
  });

  test('row ranges split anywhere give the same bits as one range', () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 64, shared: true });
    const heap = new Float32Array(memory.buffer);
    const fns = new WebAssembly.Instance(depthwiseModule(false).compile(), { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
    const xs: [number, number, number, number] = [2, 7, 5, 6];
    const fs = [3, 3, 6, 3];
    const attrs = conv('SAME', 2, 1);
    const g = convGeometry(attrs, xs, fs, true);
    const geo = [g.inH, g.inW, g.inC, 3, g.fH, g.fW, g.outH, g.outW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft];
    const [, f, dy] = inputsFor(xs, fs, attrs) as [NDArray, NDArray, NDArray];
    const [fAt, dyAt, dxAt] = [1 << 16, 2 << 16, 3 << 16];
    heap.set(f.data as Float32Array, fAt / 4);
    heap.set(dy.data as Float32Array, dyAt / 4);
    const n = xs.reduce((a, b) => a * b, 1);
    const rows = g.batch * g.inH;
    const run = (cuts: number[]) => {
      heap.fill(Number.NaN, dxAt / 4, dxAt / 4 + n);
      const ends = [0, ...cuts, rows];
      for (let i = 0; i + 1 < ends.length; i++) fns.depthwise_input?.(fAt, dyAt, dxAt, ends[i] as number, ends[i + 1] as number, ...geo);
      return heap.slice(dxAt / 4, dxAt / 4 + n);
    };
    const whole = run([]);
    assert.ok(whole.every(Number.isFinite), 'every cell written');
    const [want] = runKernel(cpuBackend, OP, [ints(xs), f, dy], attrs) as [NDArray];
    for (const [i, v] of (want.data as Float32Array).entries()) assert.ok(Math.abs((whole[i] as number) - v) <= 1e-5 * Math.abs(v) + 1e-6, `[${i}]`);
    for (const cuts of [[1], [3, 4], [6, 7, 8], [13]]) assert.deepEqual(run(cuts), whole, `cuts ${cuts}`);
  });
});
