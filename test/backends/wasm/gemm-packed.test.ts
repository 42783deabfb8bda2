// The GEMM with A and B packed by the caller (gemm-module.ts `packed`, Winograd's products):
// its `batch` gives the same floats as the GEMM that packs them itself, around the tile, panel
// and k block edges, and reads past A's rows and B's columns without storing there.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type GemmConfig, defaultGemm, gemmModule } from '../../../src/backends/wasm/kernels/gemm-module.js';

type Exports = Record<string, (...a: number[]) => void>;

describe('wasm GEMM on pre-packed operands', () => {
  test('batch equals the self-packing GEMM bit for bit, and the padding is never stored', () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
    const f = new Float32Array(memory.buffer);
    // blocks small enough that every loop runs several times: 3 k blocks (16, 16, 12), 2 row
    // blocks; 4-row panels and 6-row ones (where rows past m of the last panel are NaN)
    for (const cfg of [
      { ...defaultGemm(false), kc: 16, mc: 8, nc: 16 },
      { ...defaultGemm(false), mr: 6, kc: 16, mc: 12, nc: 16 },
    ] as GemmConfig[]) {
      const plain = new WebAssembly.Instance(gemmModule(cfg).compile(), { env: { memory } }).exports as Exports;
      const packed = new WebAssembly.Instance(gemmModule({ ...cfg, packed: true }).compile(), { env: { memory } }).exports as Exports;
      const { mr: MR, nr: NR } = cfg;
      const count = 3;
      for (const [m, n, k] of [
        [13, 20, 44],
        [4, 8, 4],
        [17, 27, 16],
      ] as [number, number, number][]) {
        const mp = Math.ceil(m / MR) * MR;
        const np = Math.ceil(n / NR) * NR;
        // operands at 64 KB steps: row-major A, B; packed A, B (padding NaN); C of each GEMM
        const [A, B, PA, PB, C1, C2, bufs] = [1, 2, 3, 4, 5, 6, 7].map((i) => (i << 16) * count);
        const a = (x: number, i: number, p: number) => Math.sin(x * 7 + i * k + p);
        const b = (x: number, p: number, j: number) => Math.cos(x * 5 + p * n + j);
        f.fill(Number.NaN, PA / 4, (PA + count * mp * k * 4) / 4);
        f.fill(Number.NaN, PB / 4, (PB + count * k * np * 4) / 4);
        for (let x = 0; x < count; x++) {
          for (let i = 0; i < m; i++)
            for (let p = 0; p < k; p++) {
              f[(A + x * m * k * 4) / 4 + i * k + p] = a(x, i, p);
              // panel i / MR, group p / 4, row i % MR, step p % 4
              f[(PA + x * mp * k * 4) / 4 + Math.floor(i / MR) * MR * k + Math.floor(p / 4) * MR * 4 + (i % MR) * 4 + (p % 4)] = a(x, i, p);
            }
          for (let p = 0; p < k; p++)
            for (let j = 0; j < n; j++) {
              f[(B + x * k * n * 4) / 4 + p * n + j] = b(x, p, j);
              f[(PB + x * k * np * 4) / 4 + Math.floor(j / NR) * NR * k + p * NR + (j % NR)] = b(x, p, j);
            }
        }
        // C's row stride is n: a canary after each product shows nothing is stored past it
        f.fill(-7, C2 / 4, (C2 + count * (m * n + 4) * 4) / 4);
        for (let x = 0; x < count; x++) {
          plain.gemm?.(A + x * m * k * 4, k * 4, 4, B + x * k * n * 4, n * 4, 4, C1 + x * m * n * 4, m, n, k, 0, n, bufs, bufs + (1 << 15), bufs + (2 << 15), 16, 0);
        }
        packed.batch?.(PA, mp * k * 4, PB, k * np * 4, C2, (m * n + 4) * 4, count, m, n, k, bufs + (2 << 15), 16);
        for (let x = 0; x < count; x++) {
          const want = f.slice((C1 + x * m * n * 4) / 4, (C1 + (x + 1) * m * n * 4) / 4);
          const got = f.slice((C2 + x * (m * n + 4) * 4) / 4, (C2 + x * (m * n + 4) * 4) / 4 + m * n + 4);
          assert.deepEqual([...got.subarray(0, m * n)], [...want], `${MR} rows: ${m}×${n}×${k} product ${x}`);
          assert.deepEqual([...got.subarray(m * n)], [-7, -7, -7, -7], `${m}×${n}×${k} product ${x}: stored past C`);
        }
      }
    }
  });
});
