// The peers, measured in the same process: TensorFlow.js (CPU and WASM), jax-js and ONNX Runtime
// Web. None of them has TF1-style sessions, so each gets the nearest comparable per-op cost:
// one scalar add returned to the host, and a chain of CHAIN scalar adds with one read at the end.
// A peer that fails to load or run is reported with its reason; it never stops the benchmark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type MeasureOptions, type Timing, measure, measureAsync, reason } from './harness.js';
import { addChainModel } from './onnx-model.js';
import { tfjsAddChain } from './tfjs-add-chain.js';

export type PeerResult =
  | { readonly name: string; readonly ok: true; readonly oneOp: Timing; readonly chainRun: Timing; readonly note: string }
  | { readonly name: string; readonly ok: false; readonly reason: string };

const require = createRequire(import.meta.url);

/** The installed version, read from node_modules (not every peer exports its package.json). */
function packageVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // Not in this node_modules folder.
    }
  }
  return '?';
}

function check(got: number, want: number, what: string): void {
  if (got !== want) throw new Error(`${what} computed ${got}, expected ${want}`);
}

async function tfjs(backend: 'cpu' | 'wasm', chain: number, opts: MeasureOptions): Promise<PeerResult> {
  const name = `TensorFlow.js ${backend} ${packageVersion('@tensorflow/tfjs-core')}`;
  try {
    const tf = await import('@tensorflow/tfjs-core');
    // PROD: no debug checks, and no "install tfjs-node" banner on stderr.
    tf.env().set('PROD', true);
    await import('@tensorflow/tfjs-backend-cpu');
    let detail = '';
    if (backend === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The .wasm binaries ship in the package; in Node they are read from this folder.
      const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      wasm.setWasmPaths(`${dir}${path.sep}`);
    }
    if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') returned false`);
    await tf.ready();
    if (backend === 'wasm') {
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      detail = `, simd ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
    }
    const a = tf.scalar(2);
    const b = tf.scalar(3);
    const one = tf.scalar(1);
    const x0 = tf.scalar(0);
    const oneOp = () => {
      const r = tf.add(a, b);
      const v = r.dataSync()[0] as number;
      r.dispose();
      return v;
    };
    const chainRun = () => tfjsAddChain((p, q) => tf.add(p, q), x0, one, chain);
    check(oneOp(), 5, `${name} 1-op`);
    check(chainRun(), chain, `${name} chain`);
    const before = tf.memory().numTensors;
    const result: PeerResult = {
      name,
      ok: true,
      oneOp: measure(oneOp, opts),
      chainRun: measure(chainRun, opts),
      note: `eager tf.add on resident scalars, dataSync() of the result, dispose()${detail}`,
    };
    if (tf.memory().numTensors !== before) throw new Error(`${name} leaked ${tf.memory().numTensors - before} tensors`);
    return result;
  } catch (e) {
    return { name, ok: false, reason: reason(e) };
  }
}

async function jaxjs(device: 'cpu' | 'wasm', chain: number, opts: MeasureOptions): Promise<PeerResult> {
  const name = `jax-js ${device} ${packageVersion('@jax-js/jax')}`;
  try {
    const jax = await import('@jax-js/jax');
    const np = jax.numpy;
    // Name the devices: the default probe of all of them reads `navigator.gpu`, absent in Node 20.
    const available = await jax.init(device);
    if (!available.includes(device)) throw new Error(`device '${device}' unavailable (init returned [${available.join(', ')}])`);
    jax.defaultDevice(device);
    const a = np.array(2);
    const b = np.array(3);
    // jax-js has move semantics: `.ref` keeps an array alive across a call; dataSync() consumes.
    const oneOp = () => np.add(a.ref, b.ref).dataSync()[0] as number;
    const chainRun = () => {
      let x = np.zeros([]);
      for (let i = 0; i < chain; i++) x = np.add(x, 1);
      return x.dataSync()[0] as number;
    };
    check(oneOp(), 5, `${name} 1-op`);
    check(chainRun(), chain, `${name} chain`);
    return {
      name,
      ok: true,
      oneOp: measure(oneOp, opts),
      chainRun: measure(chainRun, opts),
      note: 'eager np.add (lazy: pending ops are dispatched when dataSync() reads the result)',
    };
  } catch (e) {
    return { name, ok: false, reason: reason(e) };
  }
}

async function onnxRuntime(chain: number, opts: MeasureOptions): Promise<PeerResult> {
  const name = `ONNX Runtime Web ${packageVersion('onnxruntime-web')} wasm`;
  const sessions: { release(): Promise<void> }[] = [];
  try {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    ort.env.logLevel = 'error';
    const create = async (n: number) => {
      const s = await ort.InferenceSession.create(addChainModel(n), { executionProviders: ['wasm'] });
      sessions.push(s);
      return s;
    };
    const one = await create(1);
    const long = await create(chain);
    const feeds = { x: new ort.Tensor('float32', Float32Array.of(0), []) };
    const runOnce = async (s: Awaited<ReturnType<typeof create>>) => {
      const out = await s.run(feeds);
      const y = out.y;
      if (!y) throw new Error('no output y');
      const v = (y.data as Float32Array)[0] as number;
      y.dispose();
      return v;
    };
    check(await runOnce(one), 1, `${name} 1-node`);
    check(await runOnce(long), chain, `${name} chain`);
    const result: PeerResult = {
      name,
      ok: true,
      oneOp: await measureAsync(() => runOnce(one), opts),
      chainRun: await measureAsync(() => runOnce(long), opts),
      note: `InferenceSession.run (awaited) of an Add model built in code, input x fed, 1 thread`,
    };
    return result;
  } catch (e) {
    return { name, ok: false, reason: reason(e) };
  } finally {
    for (const s of sessions) await s.release().catch(() => undefined);
  }
}

/** Measures every peer in turn (each loads lazily, so a missing one costs nothing). */
export async function measurePeers(chain: number, opts: MeasureOptions, log: (line: string) => void): Promise<PeerResult[]> {
  const runs: [string, () => Promise<PeerResult>][] = [
    ['TensorFlow.js cpu', () => tfjs('cpu', chain, opts)],
    ['TensorFlow.js wasm', () => tfjs('wasm', chain, opts)],
    ['jax-js wasm', () => jaxjs('wasm', chain, opts)],
    ['jax-js cpu', () => jaxjs('cpu', chain, opts)],
    ['ONNX Runtime Web', () => onnxRuntime(chain, opts)],
  ];
  const out: PeerResult[] = [];
  for (const [label, run] of runs) {
    log(`  measuring ${label} …`);
    out.push(await run());
  }
  return out;
}
