// `node build/bench/training-cnn-kernels.js`: where TensorFlow.js wasm's time goes in one training
// step of the Fashion-MNIST tutorial CNN (batch 64): each kernel the step runs for the two
// convolutions and the dense 3136→1024 layer, at the CNN's shapes, as tfjs's gradients call them
// (conv2d's input gradient is Conv2DBackpropInput, its filter gradient the kernel that
// tfjs-wasm-conv2d-backprop-filter.ts registers; matMul's gradients are Aᵀ·B and A·Bᵀ products). Median ms of 5
// calls after one warm-up call, result read back.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as t from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConv2DBackpropFilter } from './tfjs-wasm-conv2d-backprop-filter.js';

const require = createRequire(import.meta.url);
t.env().set('PROD', true);
wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
await t.setBackend('wasm');
await t.ready();
registerWasmConv2DBackpropFilter(t);

const time = (name: string, f: () => t.Tensor) => {
  f().dispose();
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = f();
    r.dataSync();
    ms.push(performance.now() - t0);
    r.dispose();
  }
  ms.sort((a, b) => a - b);
  console.log(`${name.padEnd(52)} ${(ms[2] as number).toFixed(1).padStart(8)} ms`);
};

console.log(`TensorFlow.js ${t.version_core} wasm kernels of one CNN training step · ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model.trim()} · load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
const conv = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined };
for (const [xs, fs] of [
  [[64, 28, 28, 1], [5, 5, 1, 32]],
  [[64, 14, 14, 32], [5, 5, 32, 64]],
] as [number[], number[]][]) {
  const x = t.randomNormal(xs) as unknown as t.Tensor4D;
  const f = t.randomNormal(fs) as unknown as t.Tensor4D;
  const dy = t.randomNormal([xs[0] as number, xs[1] as number, xs[2] as number, fs[3] as number]);
  time(`conv2d ${xs.join('×')} * ${fs.join('×')} forward`, () => t.conv2d(x, f, 1, 'same'));
  time('  Conv2DBackpropInput (tfjs wasm)', () => t.engine().runKernel('Conv2DBackpropInput', { dy, filter: f }, { ...conv, inputShape: xs } as never) as t.Tensor);
  time('  Conv2DBackpropFilter (registered by the bench)', () => t.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...conv, filterShape: fs } as never) as t.Tensor);
  t.dispose([x, f, dy]);
}
const a = t.randomNormal([64, 3136]);
const w = t.randomNormal([3136, 1024]);
const dy = t.randomNormal([64, 1024]);
time('matMul 64×3136 · 3136×1024 forward', () => t.matMul(a, w));
time('  kernel gradient: matMul(x, dy, transposeA)', () => t.matMul(a, dy, true, false));
time('  input gradient: matMul(dy, w, transposeB)', () => t.matMul(dy, w, false, true));
t.dispose([a, w, dy]);
