// `node build/bench/wasm.bench.js`: the wasm backend's GEMM in GFLOP/s on 1 and 2 threads, beside
// the 128-bit FMA peak loop measured in the same run and TensorFlow.js's WASM backend (XNNPACK,
// one thread: its threaded build is off under Node) on the same sizes. Medians of 5 batches after
// a warm-up (harness.ts `measure`). The machine is shared: figures are noisy; compare only
// figures of one run. Prints only; writes nothing.
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { WasmBackend } from '../src/backends/wasm/backend.js';
import { relaxedSimdSupported } from '../src/backends/wasm/features.js';
import { matmulInto } from '../src/backends/wasm/kernels/matmul.js';
import type { WasmTensor } from '../src/backends/wasm/tensor.js';
import { type MeasureOptions, measure, reason, table } from './harness.js';
import { fmaPeak } from './suite/peak.js';

const OPTS: MeasureOptions = { warmupMs: 300, batchMs: 100, batches: 5 };
const SIZES = [256, 512, 1024];
const progress = (line: string) => process.stderr.write(`${line}\n`);

function ours(threads: number, n: number): number {
  const be = new WasmBackend({ threads });
  const [a, b, c] = [be.allocate('float32', [n, n]), be.allocate('float32', [n, n]), be.allocate('float32', [n, n])] as WasmTensor[];
  const fa = a.f32();
  const fb = b.f32();
  for (let i = 0; i < n * n; i++) {
    fa[i] = Math.random();
    fb[i] = Math.random();
  }
  const t = measure(() => matmulInto(be, a.ptr, b.ptr, c.ptr, n, n, n, false, false), OPTS);
  be.dispose();
  return (2 * n ** 3) / t.median / 1e3;
}

async function tfjsWasm(sizes: readonly number[]): Promise<(number | string)[]> {
  try {
    const tf = await import('@tensorflow/tfjs-core');
    tf.env().set('PROD', true);
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    wasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') returned false");
    await tf.ready();
    return sizes.map((n) => {
      const a = tf.randomUniform([n, n]);
      const b = tf.randomUniform([n, n]);
      const t = measure(() => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
      }, OPTS);
      a.dispose();
      b.dispose();
      return (2 * n ** 3) / t.median / 1e3;
    });
  } catch (e) {
    return sizes.map(() => reason(e));
  }
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  progress(`wasm GEMM bench on ${cpu} (${os.availableParallelism()} logical CPUs), Node ${process.version}; relaxed FMA: ${relaxedSimdSupported()}`);
  progress('FMA peak loop…');
  const peak = fmaPeak().gflops;
  const rows: string[][] = [];
  const tf = await tfjsWasm(SIZES);
  SIZES.forEach((n, i) => {
    progress(`matmul ${n}…`);
    const one = ours(1, n);
    const two = ours(2, n);
    const peer = tf[i] as number | string;
    rows.push([
      `matmul ${n}`,
      one.toFixed(1),
      `${((100 * one) / peak).toFixed(0)} %`,
      two.toFixed(1),
      `${(two / one).toFixed(2)}×`,
      typeof peer === 'number' ? peer.toFixed(1) : peer,
      typeof peer === 'number' ? `${(one / peer).toFixed(2)}×` : '-',
    ]);
  });
  console.log(`FMA peak loop (1 thread): ${peak.toFixed(1)} GFLOP/s`);
  console.log(
    table(
      ['GFLOP/s', 'ours 1T', '% peak', 'ours 2T', '2T/1T', 'tfjs-wasm 1T', 'ours/tfjs 1T'],
      rows,
      [false, true, true, true, true, true, true],
    ),
  );
}

await main();
