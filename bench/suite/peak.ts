// Machine references measured in the same run as the suite: the 128-bit FMA peak loop
// (wasm-notes: 8–12 independent f32x4 multiply-add chains; relaxed FMA where the engine validates
// it, else mul + add) and the time to stream 1M float32 once (a copy: 4 MB read, 4 MB written).
import { ModuleBuilder, ValType } from '../../src/backends/wasm/builder/index.js';
import { relaxedSimdSupported } from '../../src/backends/wasm/features.js';
import { measure } from '../harness.js';

/** GFLOP/s of `chains` independent f32x4 multiply-add chains on the calling thread. */
export function peakLoop(chains: number): number {
  const fma = relaxedSimdSupported();
  const mb = new ModuleBuilder(null);
  const f = mb.func('peak', [ValType.i32], [ValType.f32]);
  const acc = Array.from({ length: chains }, () => f.local(ValType.v128));
  const x = f.local(ValType.v128);
  const y = f.local(ValType.v128);
  const i = f.local(ValType.i32);
  f.f32x4(1.0000001).set(x).f32x4(0.9999999).set(y);
  f.forLoop(i, () => f.i32(0), () => f.get(0), 1, () => {
    for (const a of acc) {
      if (fma) f.get(x).get(y).get(a).simd('f32x4_relaxed_madd').set(a);
      else f.get(a).get(x).get(y).simd('f32x4_mul', 'f32x4_add').set(a);
    }
  });
  f.get(acc[0] as number);
  for (const a of acc.slice(1)) f.get(a).simd('f32x4_add');
  f.extractLane(0);
  const peak = new WebAssembly.Instance(mb.compile()).exports.peak as (n: number) => number;
  const n = 1_000_000;
  const t = measure(() => peak(n), { warmupMs: 300, batchMs: 100, batches: 5 });
  return (n * chains * 8) / t.median / 1e3;
}

/**
 * The best of 8, 10 and 12 chains (12 accumulators and the two operands fit V8's 15 XMM
 * registers), and whether FMA was used. 12 read ~3 % above 10 on this VM's EPYC (52.5–52.7
 * against 50.3–51.5 GFLOP/s, 2026-12-02): fewer chains leave the FMA units idle part of the time.
 */
export function fmaPeak(): { gflops: number; relaxedFma: boolean } {
  return { gflops: Math.max(peakLoop(8), peakLoop(10), peakLoop(12)), relaxedFma: relaxedSimdSupported() };
}

/** ms to copy `n` float32 (`TypedArray.set`, a memcpy): the floor for a pass that reads and writes them once. */
export function streamMs(n: number): number {
  const src = new Float32Array(n).fill(1);
  const dst = new Float32Array(n);
  return measure(() => dst.set(src), { warmupMs: 200, batchMs: 40, batches: 7 }).median / 1000;
}
