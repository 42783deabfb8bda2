// DepthwiseConv2dNative and its backprops on the wasm backend against the CPU reference: edge
// shapes (1×1 images, multipliers 1 and 3, channel counts around the 4-lane SIMD width, strides,
// dilations, SAME/VALID/EXPLICIT, empty batches and images), a case split over two threads, the
// CPU kernels' errors, the factories leaving NCHW to the CPU backend, and a Session plan with the
// three ops on wasm (no transfer step).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cpuBackend } from '../../../src/backends/cpu/backend.js';
import { depthwiseModule } from '../../../src/backends/wasm/kernels/depthwise-module.js';
import { NDArray } from '../../../src/core/ndarray.js';
import { convGeometry } from '../../../src/ops/conv-geometry.js';
import * as tf from '../../../src/v1.js';
import { Session } from '../../../src/runtime/session.js';
import { type ConvAttrs, assertClose, convAttrs, randomArray, runKernel, wasm1, wasm2 } from './helpers.js';

const conv = convAttrs;
type Conv = ConvAttrs;

const ints = (v: readonly number[]) => new NDArray('int32', [v.length], Int32Array.from(v));

/**
 * float32 within 1e-5 relative + `abs` absolute of the CPU kernel's (float64-accumulated) values;
 * `abs` 1e-6 except for long sums (below).
 */
function close(got: NDArray, want: NDArray, what: string, abs = 1e-6): void {
  assert.deepEqual([...got.shape], [...want.shape], `${what}: shape`);
  const a = got.data as Float32Array;
  const e = want.data as Float32Array;
  for (let i = 0; i < e.length; i++) {
    const x = a[i] as number;
    const y = e[i] as number;
    assert.ok(Math.abs(x - y) <= 1e-5 * Math.abs(y) + abs, `${what}[${i}]: expected ${y}, got ${x}`);
  }
}

/** The three kernels on wasm (1 and 2 threads) against the CPU kernels for x [xs] and a filter [fH, fW, C, mult]. */
function checkAll(xs: number[], fs: number[], attrs: Conv): void {
  const x = randomArray(xs);
  const f = randomArray(fs);
  const [y] = runKernel(cpuBackend, 'DepthwiseConv2dNative', [x, f], attrs) as [NDArray];
  const dy = randomArray(y.shape);
  const cases: [string, NDArray[]][] = [
    ['DepthwiseConv2dNative', [x, f]],
    ['DepthwiseConv2dNativeBackpropInput', [ints(xs), f, dy]],
    ['DepthwiseConv2dNativeBackpropFilter', [x, ints(fs), dy]],
  ];
  // A filter gradient sums one product per output pixel (batch × outH × outW of them, ~±0.3
  // each): float32 sums of that many drift from the float64 ones as √terms (a random walk of
  // roundings), so a value that cancels to near zero needs that much absolute room.
  const terms = (y.shape[0] as number) * (y.shape[1] as number) * (y.shape[2] as number);
  const absFor = (op: string) => (op.endsWith('Filter') ? 1e-6 * Math.max(1, Math.sqrt(terms) / 4) : 1e-6);
  for (const [op, inputs] of cases) {
    const [want] = runKernel(cpuBackend, op, inputs, attrs) as [NDArray];
    for (const be of [wasm1, wasm2]) {
      const [got] = runKernel(be, op, inputs, attrs) as [NDArray];
      close(got, want, `${op} x[${xs}] f[${fs}] ${attrs.padding} s${attrs.strides[1]} d${attrs.dilations[1]} on ${be.threads} thread(s)`, absFor(op));
    }
  }
}

describe('wasm DepthwiseConv2dNative and its backprops', () => {
  test('match the CPU kernels on edge shapes', () => {
    for (const c of [1, 3, 4, 5, 8, 13]) {
      for (const mult of [1, 3]) {
        checkAll([2, 5, 6, c], [3, 3, c, mult], conv('SAME'));
        checkAll([1, 7, 6, c], [3, 2, c, mult], conv('VALID', 2));
        checkAll([2, 7, 8, c], [3, 3, c, mult], conv('SAME', 1, 2));
        checkAll([1, 6, 5, c], [2, 3, c, mult], conv('EXPLICIT', 2, 1, [0, 0, 1, 2, 2, 0, 0, 0]));
      }
    }
    for (const mult of [1, 3, 4, 8]) {
      checkAll([3, 1, 1, 5], [1, 1, 5, mult], conv('VALID'));
      checkAll([1, 1, 1, 4], [3, 3, 4, mult], conv('SAME'));
      checkAll([1, 1, 1, 3], [3, 3, 3, mult], conv('SAME', 2, 2));
    }
    // stride and dilation both > 1, strides differing by axis, a window larger than the image
    checkAll([2, 9, 11, 6], [3, 3, 6, 2], conv('SAME', 3, 2));
    checkAll([1, 8, 9, 4], [2, 2, 4, 1], { ...conv('VALID'), strides: [1, 2, 3, 1], dilations: [1, 3, 1, 1] });
    checkAll([1, 2, 2, 4], [5, 5, 4, 1], conv('EXPLICIT', 1, 1, [0, 0, 2, 2, 2, 2, 0, 0]));
    // empty: batch 0, empty images, no channels, multiplier 0
    checkAll([0, 4, 4, 3], [3, 3, 3, 2], conv('SAME'));
    checkAll([2, 0, 4, 3], [3, 3, 3, 2], conv('SAME'));
    checkAll([2, 4, 0, 4], [1, 1, 4, 1], conv('VALID'));
    checkAll([1, 0, 0, 2], [1, 1, 2, 1], conv('EXPLICIT', 1, 1, [0, 0, 1, 1, 1, 1, 0, 0]));
    checkAll([2, 4, 4, 0], [3, 3, 0, 2], conv('SAME'));
    checkAll([2, 4, 4, 3], [3, 3, 3, 0], conv('SAME'));
  });

  test('a large case split over two threads matches one thread and the CPU kernels', () => {
    assert.equal(wasm2.threads, 2);
    checkAll([3, 37, 29, 21], [3, 3, 21, 1], conv('SAME'));
    checkAll([2, 30, 33, 8], [5, 5, 8, 2], conv('VALID', 2, 1));
    checkAll([1, 64, 64, 32], [3, 3, 32, 1], conv('SAME'));
  });

  test('the module with and without relaxed_madd (the kernels use the one the host validates)', () => {
    for (const fma of [false, true]) {
      const memory = new WebAssembly.Memory({ initial: 64, maximum: 64, shared: true });
      const heap = new Float32Array(memory.buffer);
      const fns = new WebAssembly.Instance(depthwiseModule(fma).compile(), { env: { memory } }).exports as Record<string, (...a: number[]) => void>;
      for (const [xs, fs, attrs] of [
        [[2, 6, 7, 5], [3, 3, 5, 1], conv('SAME', 2)],
        [[1, 5, 6, 3], [2, 3, 3, 6], conv('EXPLICIT', 1, 2, [0, 0, 2, 1, 1, 3, 0, 0])],
      ] as [number[], number[], Conv][]) {
        const g = convGeometry(attrs, xs as [number, number, number, number], fs, true);
        const x = randomArray(xs);
        const f = randomArray(fs);
        const dy = randomArray([g.batch, g.outH, g.outW, g.outC]);
        const geo = [g.inH, g.inW, g.inC, fs[3] as number, g.fH, g.fW, g.outH, g.outW, g.strideH, g.strideW, g.dilH, g.dilW, g.padTop, g.padLeft];
        // x, f, dy, out at 64 KiB steps
        const at = [1, 2, 3, 4].map((i) => i << 16);
        heap.fill(0);
        for (const [i, a] of [x, f, dy].entries()) heap.set(a.data as Float32Array, (at[i] as number) / 4);
        const read = (shape: number[]) => new NDArray('float32', shape, heap.slice((at[3] as number) / 4, (at[3] as number) / 4 + shape.reduce((a, b) => a * b, 1)));
        const want = (op: string, inputs: NDArray[]) => runKernel(cpuBackend, op, inputs, attrs)[0] as NDArray;
        const what = `fma ${fma} x[${xs}] f[${fs}]`;
        fns.depthwise?.(at[0] as number, at[1] as number, at[3] as number, 0, g.batch * g.outH, ...geo);
        close(read(dy.shape as number[]), want('DepthwiseConv2dNative', [x, f]), `forward, ${what}`);
        fns.depthwise_input?.(at[1] as number, at[2] as number, at[3] as number, 0, g.batch * g.inH, ...geo);
        close(read(xs), want('DepthwiseConv2dNativeBackpropInput', [ints(xs), f, dy]), `input gradient, ${what}`);
        heap.fill(0, (at[3] as number) / 4);
        fns.depthwise_filter?.(at[0] as number, at[2] as number, at[3] as number, 0, g.batch * g.outH, ...geo);
        close(read(fs), want('DepthwiseConv2dNativeBackpropFilter', [x, ints(fs), dy]), `filter gradient, ${what}`);
      }
    }
  });

  test("the CPU kernels' errors, class and message", () => {
    const a = conv('SAME');
    const x = randomArray([1, 4, 4, 3]);
    const f = randomArray([3, 3, 3, 2]);
    const dy = randomArray([1, 4, 4, 6]);
    const cases: [string, NDArray[], Conv][] = [
      ['DepthwiseConv2dNative', [randomArray([4, 4, 3]), f], a],
      ['DepthwiseConv2dNative', [x, randomArray([3, 3, 3])], a],
      ['DepthwiseConv2dNative', [x, randomArray([3, 3, 2, 2])], a],
      ['DepthwiseConv2dNative', [x, f], { ...a, strides: [2, 1, 1, 1] }],
      ['DepthwiseConv2dNative', [x, f], { ...a, dilations: [1, 1, 1, 2] }],
      ['DepthwiseConv2dNative', [x, randomArray([6, 6, 3, 2])], conv('VALID')],
      ['DepthwiseConv2dNativeBackpropInput', [ints([1, 4, 4, 3]), randomArray([3, 3, 2]), dy], a],
      ['DepthwiseConv2dNativeBackpropInput', [ints([1, 4, 4, 3]), f, randomArray([4, 4, 6])], a],
      ['DepthwiseConv2dNativeBackpropInput', [ints([1, 4, 4]), f, dy], a],
      ['DepthwiseConv2dNativeBackpropInput', [ints([1, 4, 5, 3]), f, dy], a],
      ['DepthwiseConv2dNativeBackpropInput', [new NDArray('int32', [1, 4], Int32Array.from([1, 4, 4, 3])), f, dy], a],
      ['DepthwiseConv2dNativeBackpropFilter', [randomArray([4, 4, 3]), ints([3, 3, 3, 2]), dy], a],
      ['DepthwiseConv2dNativeBackpropFilter', [x, ints([3, 3, 3]), dy], a],
      ['DepthwiseConv2dNativeBackpropFilter', [x, ints([3, 3, 3, 2]), randomArray([1, 4, 4, 5])], a],
      ['DepthwiseConv2dNativeBackpropFilter', [x, ints([3, 3, 4, 2]), dy], a],
    ];
    for (const [op, inputs, attrs] of cases) {
      let want: Error | undefined;
      try {
        runKernel(cpuBackend, op, inputs, attrs);
      } catch (e) {
        want = e as Error;
      }
      assert.ok(want, `${op}: the CPU kernel fails`);
      assert.throws(() => runKernel(wasm1, op, inputs, attrs), { name: want.name, message: want.message }, op);
    }
  });

  test('NCHW and other dtypes are left to the CPU backend', () => {
    const f32 = { inputs: ['float32', 'float32'], outputs: ['float32'] } as never;
    const nchw = { ...conv('SAME'), data_format: 'NCHW' } as never;
    assert.equal(wasm1.kernel('DepthwiseConv2dNative', f32, nchw), undefined);
    assert.equal(wasm1.kernel('DepthwiseConv2dNative', { inputs: ['float64', 'float64'], outputs: ['float64'] } as never, conv('SAME') as never), undefined);
    assert.equal(wasm1.kernel('DepthwiseConv2dNativeBackpropInput', { inputs: ['int32', 'float16', 'float16'], outputs: ['float16'] } as never, conv('SAME') as never), undefined);
    assert.equal(wasm1.kernel('DepthwiseConv2dNativeBackpropFilter', { inputs: ['float32', 'int32', 'float32'], outputs: ['float32'] } as never, nchw), undefined);
    assert.ok(wasm1.kernel('DepthwiseConv2dNative', f32, conv('SAME') as never));
  });

  test('a wasm Session plans the forward op and both gradients on wasm, with no transfer', () => {
    const g = new tf.Graph();
    const m = g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 9, 9, 4], 'x');
      const f = tf.constant(randomArray([3, 3, 4, 2]).data as Float32Array, 'float32', [3, 3, 4, 2]);
      const y = tf.nn.depthwiseConv2dNative(x, f, [1, 2, 2, 1], 'SAME');
      const loss = tf.reduceSum(tf.square(y));
      const [dx, df] = tf.gradients(loss, [x, f]) as [tf.Tensor, tf.Tensor];
      return { x, fetches: [y, dx, df] };
    });
    const feeds = new Map<tf.Tensor, NDArray>([[m.x, randomArray([2, 9, 9, 4])]]);
    const run = (backend: 'cpu' | 'wasm') => {
      using sess = new Session({ graph: g, backend });
      if (backend === 'wasm') {
        const plan = sess.describePlan(m.fetches, feeds);
        const steps = plan.steps.map((s) => (s.kind === 'transfer' ? 'transfer' : `${s.op.type}@${s.backend.name}`));
        assert.ok(!steps.includes('transfer'), `no transfer: ${steps.join(', ')}`);
        for (const op of ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter']) {
          assert.ok(steps.includes(`${op}@wasm`), `${op} on wasm: ${steps.join(', ')}`);
        }
      }
      return sess.run(m.fetches, feeds) as NDArray[];
    };
    const want = run('cpu');
    for (const [i, got] of run('wasm').entries()) assertClose(got, want[i] as NDArray, 1e-4, `fetch ${i}`);
  });
});
