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
import { type GemmActivation, type GemmConfig, gemmBufferBytes, kBlock, packedGemm } from './gemm-module.js';
import { type GemmEpilogue, gemmConfig } from './matmul.js';
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

/** Below this many multiply-adds (over the 16 products) one thread runs the convolution. */
const PARALLEL_MIN_MACS = 16 * 32 * 32 * 32;

/**
 * Transformed floats (inputs and products) per run of tiles on one thread: each run's are
 * multiplied and transformed out while in cache (256 KB; tests lower it).
 */
export const WINOGRAD_LIMITS = { chunkFloats: 1 << 16 };

/** The GEMM for Winograd's products: the matmul blocking, A and B packed by the transforms. */
const winogradGemm = (): GemmConfig => packedGemm(gemmConfig().fma);

/** out = conv(x, f) (+ bias, activation) for a geometry `winogradFits` accepts; pointers are bytes. */
export function winogradConv(be: WasmBackend, x: number, f: number, out: number, g: ConvGeometry, epilogue?: GemmEpilogue): void {
  const { batch, inH, inW, inC: C, outC: K, outH, outW } = g;
  const gemm = winogradGemm();
  const tH = Math.ceil(outH / 2);
  const tW = Math.ceil(outW / 2);
  const T = batch * tH * tW;
  const Hp = 2 * tH + 2;
  const Wp = 2 * tW + 2;
  // tiles in runs of a multiple of MR (the transformed inputs are the GEMM's MR-row panels)
  const MR = gemm.mr;
  const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;
  const run = Math.max(MR, Math.floor(WINOGRAD_LIMITS.chunkFloats / (16 * (C + K)) / MR) * MR);
  // Scratch: the padded input and the transformed filters (K rounded up to the GEMM's panels);
  // per thread, a run's transformed inputs and products.
  const xpBytes = batch * Hp * Wp * C * 4;
  const uFloats = 16 * C * roundUp(K, gemm.nr);
  const base = heapScratch(be, 'winograd', xpBytes + uFloats * 4);
  const [xp, u] = [base, base + xpBytes];
  const heap = be.heap.f32;
  // the padding columns of the last filter panel: read by the GEMM, never stored (zeros: no denormals)
  if (K % gemm.nr !== 0) heap.fill(0, u / 4, u / 4 + uFloats);
  const act = (epilogue?.act ?? null) as GemmActivation | null;
  const bias = epilogue?.bias ?? null;
  const mod = kernelModule(`winograd ${JSON.stringify({ bias: bias !== null, act, gemm })}`, () => winogradModule({ bias: bias !== null, act }, gemm));
  const parts = T * K * C * 16 < PARALLEL_MIN_MACS ? 1 : Math.min(be.threads, Math.ceil(T / MR));
  // The input inside a zero border: the windows need no bounds checks. Hp ≥ padTop + inH and
  // Wp ≥ padLeft + inW for every padding (the tiles cover the output rounded up to even sizes).
  // Its rows split over the threads; the filters transformed beside them.
  const rows = batch * Hp;
  const padJobs: Job[] = [{ module: mod, fn: 'filter', args: [f, u, C, K] }];
  for (let j = 0; j < parts; j++) {
    const [r0, r1] = [Math.round((rows * j) / parts), Math.round((rows * (j + 1)) / parts)];
    padJobs.push({ module: mod, fn: 'pad', args: [x, xp, r0, r1, inH, inW * C * 4, C, Hp, Wp, g.padTop, g.padLeft] });
  }
  be.parallel(padJobs);
  // The tiles split over the threads in whole panels, each thread's range in runs (fused, one job).
  const vs = be.threadScratch('winograd v', 16 * run * C * 4, parts);
  const ms = be.threadScratch('winograd m', 16 * run * K * 4, parts);
  const tiles = be.threadScratch('gemm tile', gemmBufferBytes(gemm).scratch, parts);
  const kb = roundUp(kBlock(gemm, C), 4);
  const jobs: Job[] = [];
  for (let j = 0, t0 = 0; j < parts; j++) {
    const t1 = j === parts - 1 ? T : Math.round((roundUp(T, MR) * (j + 1)) / parts / MR) * MR;
    if (t1 <= t0) continue;
    const args = [xp, u, out, bias ?? 0, vs[j] as number, ms[j] as number, tiles[j] as number, t0, t1 - t0, run, tH, tW, Hp, Wp, C, K, outH, outW, kb];
    jobs.push({ module: mod, fn: 'fused', args });
    t0 = t1;
  }
  be.parallel(jobs);
}

/**
 * The input gradient of the forward convolution `g` as a Winograd convolution of dy, or null where
 * it is not one. For a 3×3 filter at stride and dilation 1, dx[y, x] = Σ dy[y + padTop - ky,
 * x + padLeft - kx]·f[ky, kx]ᵀ: a convolution of dy with the filter rotated by 180° and its channels
 * swapped, padded by 2 - padTop above and 2 - padLeft on the left, producing inH × inW. Pads over 2
 * (EXPLICIT) would crop dy, and dy must fit inside winogradConv's padded block (Hp × Wp): both fall
 * back to the direct path.
 */
export function winogradInputGradGeometry(g: ConvGeometry): ConvGeometry | null {
  if (g.fH !== 3 || g.fW !== 3 || g.strideH !== 1 || g.strideW !== 1 || g.dilH !== 1 || g.dilW !== 1) return null;
  const t: ConvGeometry = {
    ...g,
    inH: g.outH,
    inW: g.outW,
    inC: g.outC,
    outH: g.inH,
    outW: g.inW,
    outC: g.inC,
    padTop: 2 - g.padTop,
    padLeft: 2 - g.padLeft,
  };
  if (t.padTop < 0 || t.padLeft < 0 || !winogradFits(t)) return null;
  const [Hp, Wp] = [2 * Math.ceil(t.outH / 2) + 2, 2 * Math.ceil(t.outW / 2) + 2];
  return t.padTop + t.inH <= Hp && t.padLeft + t.inW <= Wp ? t : null;
}

/**
 * dx = the input gradient of the forward convolution `g` (HWIO filter f [3, 3, inC, outC], dy
 * [batch, outH, outW, outC]) by winogradConv on the geometry `t` from winogradInputGradGeometry;
 * pointers are bytes. The rotated, channel-swapped filter is written to heap scratch first (9·inC·outC
 * floats: small beside the convolution).
 */
export function winogradInputGrad(be: WasmBackend, f: number, dy: number, dx: number, g: ConvGeometry, t: ConvGeometry): void {
  const [Ci, Co] = [g.inC, g.outC];
  const taps = Ci * Co;
  const rot = heapScratch(be, 'winograd rotated filter', 9 * taps * 4);
  const heap = be.heap.f32;
  // rot[tap][o][i] = f[8 - tap][i][o] (tap = ky·3 + kx: 8 - tap is (2 - ky)·3 + 2 - kx)
  for (let tap = 0; tap < 9; tap++) {
    const src = f / 4 + (8 - tap) * taps;
    const dst = rot / 4 + tap * taps;
    for (let i = 0; i < Ci; i++) {
      for (let o = 0, s = src + i * Co, d = dst + i; o < Co; o++, s++, d += Ci) heap[d] = heap[s] as number;
    }
  }
  winogradConv(be, dy, rot, dx, t);
}
