// Conv2D forward by Winograd's F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional
// Neural Networks"): a stride-1 3×3 convolution as 16 GEMMs of [tiles, inC]·[inC, outC] on
// transformed 4×4 input windows and transformed filters, 2.25× fewer multiplies than the direct
// GEMM. The transforms are wasm SIMD (winograd-module.ts); the bias and activation of a fused
// epilogue are applied by the output transform. Rounding differs from the direct GEMM by a few
// float32 ulps of the window's magnitude (the transforms add and subtract before multiplying).
import type { ConvGeometry } from '../../cpu/compute/conv.js';
import type { WasmBackend } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { Job } from '../pool.js';
import type { GemmActivation } from './gemm-module.js';
import { type GemmEpilogue, gemmConfig, packedBatchJob } from './matmul.js';
import { heapScratch } from './scratch.js';
import { winogradModule } from './winograd-module.js';

/** Whether Winograd serves this convolution: 3×3, stride and dilation 1, channels in fours, enough work. */
export function winogradFits(g: ConvGeometry): boolean {
  const tiles = g.batch * Math.ceil(g.outH / 2) * Math.ceil(g.outW / 2);
  return (
    g.fH === 3 && g.fW === 3 && g.strideH === 1 && g.strideW === 1 && g.dilH === 1 && g.dilW === 1 &&
    g.inC % 4 === 0 && g.outC % 4 === 0 && g.inC >= 8 && g.outC >= 8 && tiles >= 16 && g.outH >= 2 && g.outW >= 2
  );
}

/** The GEMM's register tile height: the transforms write A as panels of this many tiles (winograd-module.ts). */
const MR = 4;
const roundUp = (tiles: number) => Math.ceil(tiles / MR) * MR;

/** Below this many multiply-adds per product the 16 products run on one thread. */
const PARALLEL_MIN_MACS = 32 * 32 * 32;

/** Transformed floats (inputs and products) per chunk of tiles: 16 MB (tests lower it). */
export const WINOGRAD_LIMITS = { chunkFloats: 1 << 22 };

/** Jobs over tiles t0.. t0+tn, about tn/threads tiles each, with each range's first tile (b, ty, tx). */
function tileJobs(be: WasmBackend, t0: number, tn: number, tH: number, tW: number, fn: string, module: ReturnType<typeof kernelModule>, args: (t0: number, tn: number, b0: number, ty0: number, tx0: number) => number[]): Job[] {
  const threads = tn >= 64 ? Math.min(be.threads, tn) : 1;
  const per = Math.ceil(tn / threads);
  const jobs: Job[] = [];
  for (let s = t0; s < t0 + tn; s += per) {
    const tx0 = s % tW;
    const q = (s - tx0) / tW;
    const ty0 = q % tH;
    jobs.push({ module, fn, args: args(s, Math.min(per, t0 + tn - s), (q - ty0) / tH, ty0, tx0) });
  }
  return jobs;
}

/** out = conv(x, f) (+ bias, activation) for a geometry `winogradFits` accepts; pointers are bytes. */
export function winogradConv(be: WasmBackend, x: number, f: number, out: number, g: ConvGeometry, epilogue?: GemmEpilogue): void {
  const { batch, inH, inW, inC: C, outC: K, outH, outW } = g;
  if (gemmConfig().mr !== MR) throw new Error(`Winograd's packed inputs are for a GEMM tile of ${MR} rows, not ${gemmConfig().mr}`);
  const tH = Math.ceil(outH / 2);
  const tW = Math.ceil(outW / 2);
  const T = batch * tH * tW;
  const Hp = 2 * tH + 2;
  const Wp = 2 * tW + 2;
  // Scratch: the padded input, the filters, and per chunk of tiles (bounding the scratch whatever
  // the batch) the 16 transformed inputs and products.
  // (chunks start at multiples of 4 tiles: the transformed inputs are the GEMM's 4-row panels)
  const chunk = Math.min(T, Math.max(16, Math.floor(WINOGRAD_LIMITS.chunkFloats / (16 * (C + K)) / MR) * MR));
  const xpBytes = batch * Hp * Wp * C * 4;
  const uBytes = 16 * C * K * 4;
  const vBytes = 16 * roundUp(chunk) * C * 4;
  const mBytes = 16 * chunk * K * 4;
  const base = heapScratch(be, 'winograd', xpBytes + uBytes + vBytes + mBytes);
  const [xp, u, v, m] = [base, base + xpBytes, base + xpBytes + uBytes, base + xpBytes + uBytes + vBytes];
  const heap = be.heap.f32;
  // The input inside a zero border: the windows need no bounds checks. Hp ≥ padTop + inH and
  // Wp ≥ padLeft + inW for every padding (the tiles cover the output rounded up to even sizes).
  heap.fill(0, xp / 4, (xp + xpBytes) / 4);
  const rowFloats = inW * C;
  for (let b = 0; b < batch; b++) {
    for (let iy = 0; iy < inH; iy++) {
      const py = iy + g.padTop;
      if (py >= Hp) break;
      const src = x / 4 + (b * inH + iy) * rowFloats;
      const dst = xp / 4 + ((b * Hp + py) * Wp + g.padLeft) * C;
      const n = Math.min(rowFloats, (Wp - g.padLeft) * C);
      heap.copyWithin(dst, src, src + n);
    }
  }
  const act = (epilogue?.act ?? null) as GemmActivation | null;
  const bias = epilogue?.bias ?? null;
  const mod = kernelModule(`winograd ${bias !== null} ${act}`, () => winogradModule({ bias: bias !== null, act }));
  be.parallel([{ module: mod, fn: 'filter', args: [f, u, C, K] }]);
  for (let t0 = 0; t0 < T; t0 += chunk) {
    const tn = Math.min(chunk, T - t0);
    const vStride = roundUp(tn) * C * 4;
    // v and m addressed from tile 0 (i32 addresses wrap): the kernels index them by absolute tile
    const vAt = (v - t0 * C * 4) >>> 0;
    const mAt = (m - t0 * K * 4) >>> 0;
    be.parallel(tileJobs(be, t0, tn, tH, tW, 'input', mod, (s0, sn, b0, ty0, tx0) => [xp, vAt, s0, sn, b0, ty0, tx0, tH, tW, Hp, Wp, C, roundUp(tn)]));
    // The 16 products [tn, C]·[C, K], their rows (whole panels) split over the threads: one job per
    // thread runs its rows of all 16 (A is packed already, so a split costs only B's packing).
    const parts = tn * K * C < PARALLEL_MIN_MACS ? 1 : Math.min(be.threads, Math.ceil(tn / MR));
    const jobs: Job[] = [];
    for (let j = 0, r0 = 0; j < parts; j++) {
      const r1 = j === parts - 1 ? tn : Math.round((roundUp(tn) * (j + 1)) / parts / MR) * MR;
      if (r1 <= r0) continue;
      jobs.push(packedBatchJob(be, [v + r0 * C * 4, vStride], [u, C * K * 4], [m + r0 * K * 4, tn * K * 4], 16, r1 - r0, K, C, j, parts));
      r0 = r1;
    }
    be.parallel(jobs);
    be.parallel(tileJobs(be, t0, tn, tH, tW, 'output', mod, (s0, sn, b0, ty0, tx0) => [mAt, out, bias ?? 0, s0, sn, b0, ty0, tx0, tH, tW, outH, outW, K, tn]));
  }
}
