import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { packPatches } from './conv-module.js';
import { type OpCode, type Temps, UNARY, temps } from './ops.js';

/** The activations a GEMM epilogue applies in wasm, as the unfused wasm kernels compute them (ops.ts). */
export type GemmActivation = 'Relu' | 'Relu6' | 'Sigmoid' | 'Elu' | 'Tanh';

export const GEMM_ACTIVATIONS: Record<GemmActivation, OpCode> = {
  Relu: UNARY.Relu as OpCode,
  Relu6: UNARY.Relu6 as OpCode,
  Sigmoid: UNARY.Sigmoid as OpCode,
  Elu: UNARY.Elu as OpCode,
  Tanh: UNARY.Tanh as OpCode,
};

/** The `gemm` function's arguments (see gemmModule). */
export const GEMM_ARGS = 23;

/** The GEMM's blocking: an MR×NR register tile, KC×NC panels of B, MC×KC blocks of A. */
export interface GemmConfig {
  readonly mr: number;
  readonly nr: number;
  readonly kc: number;
  readonly mc: number;
  readonly nc: number;
  /** `f32x4.relaxed_madd` (one fused instruction) instead of mul + add. */
  readonly fma: boolean;
  /**
   * The epilogue, applied to each tile as it is stored after the last k block: C + bias (a
   * float per column) and/or an activation. Absent: a plain GEMM (no epilogue code at all).
   */
  readonly bias?: boolean;
  readonly act?: GemmActivation;
  /**
   * A convolution: A is the patch matrix of an NHWC input, packed straight from it (conv-module.ts
   * packPatches); `a` is then the address of its geometry block, rsA and csA unused.
   */
  readonly conv?: boolean;
  /**
   * A and B arrive packed by the caller (Winograd's transforms write them so), no epilogue:
   * - A as MR-row panels one after the other, each its k steps in groups of four as MR×4
   *   row-major floats (row i's steps 4g..4g+3 side by side); rows past m are read, never stored;
   * - B as NR-column panels one after the other, each its k steps of NR floats (packB's layout
   *   over all of k); columns past n are read, never stored.
   * rsA, csA, rsB, csB and the pack buffers are unused; k and the k blocks are multiples of 4.
   * Comes with `batch` (several such products in one call).
   */
  readonly packed?: boolean;
}

/**
 * The GEMM's blocking for the FMA form or mul + add. V8 gives wasm 15 XMM registers on x64. The
 * k step broadcasts A's MR floats one after the other into one register, each used by that
 * row's FMAs at once, so MR·NR/4 accumulators + NR/4 B vectors + 1 must fit:
 * - with relaxed FMA, 6×8 (15) uses them all, with twelve independent FMA chains (the eight of
 *   4×8 barely cover the FMA latency) and 2.8 instructions per FMA, not 3.25. A·B 1024 on one
 *   thread: 53 GFLOP/s against 48 for 4×8 (2026-12-01, AMD EPYC Zen 5, FMA peak loop 55);
 * - mul + add needs a register for the product, so 6×8 spills there: 4×8 (14).
 * Unrolling k spills either way: TurboFan then loads the second step's operands ahead.
 */
export function defaultGemm(fma: boolean): GemmConfig {
  return fma ? { mr: 6, nr: 8, kc: 320, mc: 132, nc: 1024, fma } : { mr: 4, nr: 8, kc: 320, mc: 128, nc: 1024, fma };
}

/** The blocking of a GEMM on operands packed by the caller (Winograd's products): the matmul's. */
export const packedGemm = (fma: boolean): GemmConfig => ({ ...defaultGemm(fma), packed: true });

/**
 * The k block of a product with inner size k: k split into equal blocks of at most `kc` (a k of
 * 288 runs as one block, not 256 + a 32-step block that rereads all of C).
 */
export const kBlock = (cfg: Pick<GemmConfig, 'kc'>, k: number): number => Math.ceil(k / Math.ceil(k / cfg.kc));

const I = ValType.i32;

/** `min(x, y)` of two i32 locals (signed), pushed. */
function min(f: FunctionBuilder, x: number, y: number): void {
  f.get(x).get(y).get(x).get(y).op('i32_lt_s', 'select');
}

/**
 * micro(ap, bp, kc, c, ldc, mr, nr, accum, scratch[, last, bias], bStep): C[0:mr, 0:nr] (=|+=)
 * Ap·Bp over kc steps, Ap a packed MR-row panel, Bp NR columns, each k step's NR floats side by
 * side and the next step's bStep bytes on (a packed panel: NR·4; B itself: its row stride); the
 * accumulators stay in locals. A tile narrower than NR goes through `scratch` (MR·NR floats).
 * Strides and addresses in bytes. With an epilogue, `last` (the last k block) adds the bias (at
 * `bias`: the tile's first column) and applies the activation to the accumulators before they
 * are stored.
 */
function micro(mb: ModuleBuilder, cfg: GemmConfig, name = 'micro'): FunctionBuilder {
  const { mr: MR, nr: NR } = cfg;
  const NV = NR / 4;
  const epi = cfg.bias === true || cfg.act !== undefined;
  const f = mb.func(name, new Array<ValType>(epi ? 12 : 10).fill(I));
  const [ap, bp, kc, c, ldc, mr, nr, accum, scratch, last, bias] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const bStep = epi ? 11 : 9;
  const act = cfg.act ? GEMM_ACTIVATIONS[cfg.act] : null;
  const acc: number[][] = [];
  for (let i = 0; i < MR; i++) acc.push(Array.from({ length: NV }, () => f.local(ValType.v128)));
  const b = Array.from({ length: NV }, () => f.local(ValType.v128));
  const a = Array.from({ length: MR }, () => f.local(ValType.v128));
  const p = f.local(I);
  const row = f.local(I);
  const ii = f.local(I);
  const jj = f.local(I);
  const t: Temps | null = epi ? temps(f) : null;
  // One k step: B's row at bp, row i of A at ap + i·aRow; then ap and bp on by aStep (0: the
  // caller moves ap) and NR·4.
  const step = (aRow: number, aStep: number) => {
    for (let j = 0; j < NV; j++) f.get(bp).v128Load(j * 16).set(b[j] as number);
    for (let i = 0; i < MR; i++) {
      f.get(ap).load32Splat(i * aRow).set(a[i] as number);
      for (let j = 0; j < NV; j++) {
        const x = (acc[i] as number[])[j] as number;
        if (cfg.fma) f.get(a[i] as number).get(b[j] as number).get(x).simd('f32x4_relaxed_madd').set(x);
        else f.get(x).get(a[i] as number).get(b[j] as number).simd('f32x4_mul', 'f32x4_add').set(x);
      }
    }
    if (aStep !== 0) f.get(ap).i32(aStep).op('i32_add').set(ap);
    f.get(bp).get(bStep).op('i32_add').set(bp);
  };
  if (cfg.packed) {
    // A packed by the caller in MR×4 groups: one loop over k as below, ap on by a float within a
    // group and to the next group after its fourth step. (An inner loop over a group's four steps
    // made TurboFan load a step's MR broadcasts ahead of their FMAs, which spilled at six rows.)
    f.forLoop(p, () => f.i32(0), () => f.get(kc), 1, () => {
      step(16, 0);
      f.get(ap).i32(MR * 16 - 12).i32(4).get(p).i32(3).op('i32_and').i32(3).op('i32_eq', 'select', 'i32_add').set(ap);
    });
  } else f.forLoop(p, () => f.i32(0), () => f.get(kc), 1, () => step(4, MR * 4));
  // A tile NR columns wide: straight into C, row by row up to mr (rows past m are computed on
  // the packing's zeros, never stored), the epilogue on the accumulators while in registers.
  f.get(nr).i32(NR).op('i32_eq');
  f.if(
    () => {
      const store = (add: boolean, epilogue: boolean) => {
        if (epilogue && cfg.bias) for (let j = 0; j < NV; j++) f.get(bias).v128Load(j * 16, 0).set(b[j] as number);
        f.get(c).set(row);
        for (let i = 0; i < MR; i++) {
          const storeRow = () => {
            for (let j = 0; j < NV; j++) {
              f.get(row);
              if (add) f.get(row).v128Load(j * 16, 0).get((acc[i] as number[])[j] as number).simd('f32x4_add');
              else f.get((acc[i] as number[])[j] as number);
              if (epilogue && cfg.bias) f.get(b[j] as number).simd('f32x4_add');
              if (epilogue && act) act.simd(f, t as Temps);
              f.v128Store(j * 16, 0);
            }
            if (i < MR - 1) f.get(row).get(ldc).op('i32_add').set(row);
          };
          if (i === 0) storeRow();
          else f.get(mr).i32(i).op('i32_gt_s').if(storeRow);
        }
      };
      const stores = (epilogue: boolean) =>
        f.get(accum).if(
          () => store(true, epilogue),
          () => store(false, epilogue),
        );
      if (epi) f.get(last).if(() => stores(true), () => stores(false));
      else stores(false);
    },
    () => {
      for (let i = 0; i < MR; i++) for (let j = 0; j < NV; j++) f.get(scratch).get((acc[i] as number[])[j] as number).v128Store((i * NV + j) * 16);
      /** Each element of the partial tile: `dst` ← (scratch value `from`) per (ii, jj). */
      const elements = (dst: () => void, from: () => void) =>
        f.forLoop(ii, () => f.i32(0), () => f.get(mr), 1, () => {
          f.get(c).get(ii).get(ldc).op('i32_mul', 'i32_add').set(row);
          f.forLoop(jj, () => f.i32(0), () => f.get(nr), 1, () => {
            dst();
            from();
            f.f32Store();
          });
        });
      const cAt = () => f.get(row).get(jj).i32(2).op('i32_shl', 'i32_add'); // &C[ii][jj]
      const scratchAt = () => f.get(scratch).get(ii).i32(NR).op('i32_mul').get(jj).op('i32_add').i32(2).op('i32_shl', 'i32_add');
      /** scratch[ii][jj] + (accum ? C[ii][jj] : 0) (+ bias[jj] in the epilogue), pushed. */
      const sum = (epilogue: boolean) => {
        scratchAt();
        f.f32Load();
        cAt();
        f.f32Load().f32(0).get(accum).op('select', 'f32_add');
        if (epilogue && cfg.bias) f.get(bias).get(jj).i32(2).op('i32_shl', 'i32_add').f32Load().op('f32_add');
      };
      const edge = (epilogue: boolean) => {
        if (!(epilogue && act)) {
          elements(cAt, () => sum(epilogue));
          return;
        }
        // The activation on the whole scratch tile as vectors, one per iteration (its constants
        // in registers: no spill), then the tile's part copied out.
        elements(scratchAt, () => sum(true));
        f.forLoop(ii, () => f.i32(0), () => f.i32(MR * NR * 4), 16, () => {
          f.get(scratch).get(ii).op('i32_add').get(scratch).get(ii).op('i32_add').v128Load(0, 0);
          act.simd(f, t as Temps);
          f.v128Store(0, 0);
        });
        elements(cAt, () => {
          scratchAt();
          f.f32Load();
        });
      };
      if (epi) f.get(last).if(() => edge(true), () => edge(false));
      else edge(false);
    },
  );
  return f;
}

/**
 * Stores four k steps of `rows` (2 or 4) rows, `v[r]` holding row r's four steps, transposed:
 * step s's `rows` floats at dst + s·stepBytes + off (a 4×4 transpose in shuffles, or two rows
 * interleaved and stored 64 bits at a time). `t`: four v128 temporaries.
 */
function storeTransposed(f: FunctionBuilder, dst: number, v: readonly number[], t: readonly number[], stepBytes: number, off: number): void {
  const [t0, t1, t2, t3] = t as [number, number, number, number];
  const [r0, r1, r2, r3] = v as [number, number, number?, number?];
  f.get(r0).get(r1).shuffle32([0, 4, 1, 5]).set(t0); // a0 b0 a1 b1
  f.get(r0).get(r1).shuffle32([2, 6, 3, 7]).set(t1); // a2 b2 a3 b3
  if (v.length === 2) {
    for (let s = 0; s < 4; s++) f.get(dst).get(s < 2 ? t0 : t1).store64Lane(s % 2, s * stepBytes + off);
    return;
  }
  f.get(r2 as number).get(r3 as number).shuffle32([0, 4, 1, 5]).set(t2); // c0 d0 c1 d1
  f.get(r2 as number).get(r3 as number).shuffle32([2, 6, 3, 7]).set(t3); // c2 d2 c3 d3
  for (let s = 0; s < 4; s++) f.get(dst).get(s < 2 ? t0 : t1).get(s < 2 ? t2 : t3).shuffle32(s % 2 === 0 ? [0, 1, 4, 5] : [2, 3, 6, 7]).v128Store(s * stepBytes + off, 0);
}

/**
 * Steps 0…kc & ~3 of a panel, four at a time, from lines (A's rows or B's columns) whose four
 * consecutive steps lie side by side at base + off[i]: each line's four floats loaded into v[i]
 * and stored transposed, step s's floats of every line together; dst and base move on.
 */
function packFourSteps(
  f: FunctionBuilder,
  l: { p: number; kc: number; base: number; dst: number },
  off: readonly number[],
  v: readonly number[],
  t: readonly number[],
  groups: readonly number[],
): void {
  const width = off.length;
  f.forLoop(l.p, () => f.i32(0), () => f.get(l.kc).i32(-4).op('i32_and'), 4, () => {
    for (let i = 0; i < width; i++) f.get(l.base).get(off[i] as number).op('i32_add').v128Load(0, 0).set(v[i] as number);
    let i0 = 0;
    for (const g of groups) {
      storeTransposed(f, l.dst, v.slice(i0, i0 + g), t, width * 4, i0 * 4);
      i0 += g;
    }
    f.get(l.dst).i32(4 * width * 4).op('i32_add').set(l.dst);
    f.get(l.base).i32(16).op('i32_add').set(l.base);
  });
}

/** The row groups a panel of `width` rows (or columns) is transposed in: fours, then a two. */
function transposeGroups(width: number): number[] | null {
  if (width % 2 !== 0) return null;
  const groups: number[] = [];
  for (let g = 0; g < width; g += 4) groups.push(Math.min(4, width - g));
  return groups;
}

/**
 * packA(src, rs, cs, dst, mc, kc): the mc×kc block at src (element (i, p) at src + i·rs + p·cs)
 * as MR-row panels, each kc steps of MR floats, rows past mc zero. A row-major A (cs = 4) is
 * read four steps of a row at a time and transposed in registers; a column-major one (rs = 4,
 * a transposed operand) has each step's MR floats side by side and is copied as vectors.
 */
function packA(mb: ModuleBuilder, cfg: GemmConfig, name = 'packA'): FunctionBuilder {
  const MR = cfg.mr;
  const groups = transposeGroups(MR);
  const f = mb.func(name, [I, I, I, I, I, I]);
  const [src, rs, cs, dst, mc, kc] = [0, 1, 2, 3, 4, 5];
  const ir = f.local(I);
  const p = f.local(I);
  const base = f.local(I);
  const rowOff = Array.from({ length: MR }, () => f.local(I));
  const v = groups ? Array.from({ length: MR }, () => f.local(ValType.v128)) : [];
  const t = groups ? Array.from({ length: 4 }, () => f.local(ValType.v128)) : [];
  for (let r = 0; r < MR; r++) f.get(rs).i32(r).op('i32_mul').set(rowOff[r] as number);
  /** Steps p0…kc one at a time, element by element (rows past mc zero unless `full`). */
  const scalarSteps = (full: boolean, p0: () => void) =>
    f.forLoop(p, p0, () => f.get(kc), 1, () => {
      for (let r = 0; r < MR; r++) {
        f.get(dst);
        const load = () => f.get(base).get(rowOff[r] as number).op('i32_add').f32Load();
        if (full) load();
        else f.get(ir).i32(r).op('i32_add').get(mc).op('i32_lt_s').if(load, () => f.f32(0), ValType.f32);
        f.f32Store(r * 4);
      }
      f.get(dst).i32(MR * 4).op('i32_add').set(dst);
      f.get(base).get(cs).op('i32_add').set(base);
    });
  const fullPanel = () => {
    if (!groups) {
      scalarSteps(true, () => f.i32(0));
      return;
    }
    f.get(cs).i32(4).op('i32_eq').if(
      () => {
        packFourSteps(f, { p, kc, base, dst }, rowOff, v, t, groups);
        scalarSteps(true, () => f.get(kc).i32(-4).op('i32_and'));
      },
      () =>
        f.get(rs).i32(4).op('i32_eq').if(
          () =>
            // each step's MR rows side by side: copied as vectors (and a 64-bit pair)
            f.forLoop(p, () => f.i32(0), () => f.get(kc), 1, () => {
              let r0 = 0;
              for (const g of groups) {
                if (g === 4) f.get(dst).get(base).v128Load(r0 * 4, 0).v128Store(r0 * 4, 0);
                else f.get(dst).get(base).load64Zero(r0 * 4).store64Lane(0, r0 * 4);
                r0 += g;
              }
              f.get(dst).i32(MR * 4).op('i32_add').set(dst);
              f.get(base).get(cs).op('i32_add').set(base);
            }),
          () => scalarSteps(true, () => f.i32(0)),
        ),
    );
  };
  f.forLoop(ir, () => f.i32(0), () => f.get(mc), MR, () => {
    f.get(src).get(ir).get(rs).op('i32_mul', 'i32_add').set(base);
    f.get(ir).i32(MR).op('i32_add').get(mc).op('i32_le_s').if(fullPanel, () => scalarSteps(false, () => f.i32(0)));
  });
  return f;
}

/**
 * packB(src, rs, cs, dst, kc, nc): the kc×nc block at src (element (p, j) at src + p·rs + j·cs)
 * as NR-column panels, each kc steps of NR floats, columns past nc zero; rows copied as vectors
 * when B's columns are contiguous, and a column-contiguous B (rs = 4: a transposed operand) read
 * four steps of a column at a time and transposed in registers.
 */
function packB(mb: ModuleBuilder, cfg: GemmConfig): FunctionBuilder {
  const NR = cfg.nr;
  const groups = transposeGroups(NR);
  const f = mb.func('packB', [I, I, I, I, I, I]);
  const [src, rs, cs, dst, kc, nc] = [0, 1, 2, 3, 4, 5];
  const jr = f.local(I);
  const p = f.local(I);
  const base = f.local(I);
  const colOff = Array.from({ length: NR }, () => f.local(I));
  const v = groups ? Array.from({ length: NR }, () => f.local(ValType.v128)) : [];
  const t = groups ? Array.from({ length: 4 }, () => f.local(ValType.v128)) : [];
  for (let q = 0; q < NR; q++) f.get(cs).i32(q).op('i32_mul').set(colOff[q] as number);
  // Contiguous rows (cs = 4) fill two panels at a time, each row's 2·NR floats (a 64-byte line
  // at NR = 8) read once: panel by panel, a row's line would be read once per panel, at a stride
  // of B's row (a power of two in a layer's weights, so a few L1 sets), gone before the second.
  // An odd last panel and a partial one are packed below, from column `full` on.
  const full = f.local(I);
  const d = f.local(I);
  const panelBytes = f.local(I);
  f.i32(0).set(full);
  f.get(cs).i32(4).op('i32_eq').if(() => {
    f.get(nc).i32(-2 * NR).op('i32_and').set(full);
    f.get(kc).i32(NR * 4).op('i32_mul').set(panelBytes);
    f.forLoop(jr, () => f.i32(0), () => f.get(full), 2 * NR, () => {
      f.get(src).get(jr).i32(2).op('i32_shl', 'i32_add').set(base);
      f.forLoop(p, () => f.i32(0), () => f.get(kc), 1, () => {
        for (let q = 0; q < NR / 4; q++) f.get(dst).get(base).v128Load(q * 16, 0).v128Store(q * 16);
        f.get(dst).get(panelBytes).op('i32_add');
        f.set(d);
        for (let q = 0; q < NR / 4; q++) f.get(d).get(base).v128Load(NR * 4 + q * 16, 0).v128Store(q * 16);
        f.get(dst).i32(NR * 4).op('i32_add').set(dst);
        f.get(base).get(rs).op('i32_add').set(base);
      });
      // past the second panel of the pair
      f.get(dst).get(panelBytes).op('i32_add').set(dst);
    });
  });
  f.forLoop(jr, () => f.get(full), () => f.get(nc), NR, () => {
    f.get(src).get(jr).get(cs).op('i32_mul', 'i32_add').set(base);
    const panel = (mode: 'vector' | 'full' | 'edge', p0: () => void = () => f.i32(0)) =>
      f.forLoop(p, p0, () => f.get(kc), 1, () => {
        if (mode === 'vector') {
          for (let q = 0; q < NR / 4; q++) f.get(dst).get(base).v128Load(q * 16, 0).v128Store(q * 16);
        } else {
          for (let q = 0; q < NR; q++) {
            f.get(dst);
            const load = () => f.get(base).get(colOff[q] as number).op('i32_add').f32Load();
            if (mode === 'full') load();
            else f.get(jr).i32(q).op('i32_add').get(nc).op('i32_lt_s').if(load, () => f.f32(0), ValType.f32);
            f.f32Store(q * 4);
          }
        }
        f.get(dst).i32(NR * 4).op('i32_add').set(dst);
        f.get(base).get(rs).op('i32_add').set(base);
      });
    const transposed = () => {
      if (!groups) {
        panel('full');
        return;
      }
      packFourSteps(f, { p, kc, base, dst }, colOff, v, t, groups);
      panel('full', () => f.get(kc).i32(-4).op('i32_and'));
    };
    f.get(jr).i32(NR).op('i32_add').get(nc).op('i32_le_s').if(
      () =>
        f.get(cs).i32(4).op('i32_eq').if(
          () => panel('vector'),
          () => f.get(rs).i32(4).op('i32_eq').if(transposed, () => panel('full')),
        ),
      () => panel('edge'),
    );
  });
  return f;
}

/**
 * Rows of a row block in 4-row panels after its 6-row ones, by the block's rows mod 6 (at most
 * all of them): a 6-row panel costs 6 cycles a k step, a 4-row one about 4.5, so 2 rows past a
 * multiple of 6 take two 4-row panels of the last 8 (9 against 12, the cost of two 6-row
 * panels), 4 rows one 4-row panel. Batch sizes 32, 64, 128 leave 2 or 4 rows.
 */
const TAIL_ROWS = [0, 7, 8, 3, 4, 0];

/**
 * The GEMM module. `gemm(a, rsA, csA, b, rsB, csB, c, m, n, k, n0, n1, packA, packB, scratch,
 * kb, bias, stamps, wholeA, wholeStride, thread, run)`: C[:, n0:n1] = A·B for an m×k A and k×n
 * B given by byte strides (a transpose is a stride swap), C row-major m×n; BLIS loop order jc →
 * pc → ic → jr → ir with A and B packed per block, k in blocks of kb (≤ KC, see kBlock; 0: KC).
 * With an epilogue, bias (n floats, when the config has one) and the activation are applied to
 * each tile as the last k block stores it. The caller zeroes C when k = 0. Threads call it on
 * disjoint column ranges with their own buffers.
 *
 * wholeA ≠ 0: the jobs of one product (`run`, a number no earlier product of these buffers had)
 * share each thread's packing of all of A: thread `thread` packs it once (packWholeA) at the start
 * of its region, wholeA + thread·wholeStride, and its stamp (i32 at stamps + 64·thread) says for
 * which run; a later job of the same run on that thread packs no A. packA is then unused, and
 * packB and scratch are offsets in the thread's region (a job's buffers are its thread's).
 *
 * bDirect ≠ 0: the micro-kernel reads B where it is (csB = 4 and every column tile whole: n0, n1
 * multiples of NR), packB unused: a small product's B (a few KiB, in L1) is then not copied.
 */
export function gemmModule(cfg: GemmConfig): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  gemmFunctions(mb, cfg);
  return mb;
}

/**
 * The GEMM module's functions, added to `mb` (a module of its own, or one that calls them:
 * Winograd's): `gemm`, and `batch` for a packed config.
 */
export function gemmFunctions(mb: ModuleBuilder, cfg: GemmConfig): { gemm: FunctionBuilder; batch: FunctionBuilder | null } {
  const mk = micro(mb, cfg);
  const pa = cfg.packed ? null : cfg.conv ? packPatches(mb, cfg.mr) : packA(mb, cfg);
  // 6-row panels end in 4-row ones (see TAIL_ROWS); a convolution's many rows leave no visible waste
  const tail = cfg.mr === 6 && !cfg.packed && !cfg.conv ? { micro: micro(mb, { ...cfg, mr: 4 }, 'micro4'), pack: packA(mb, { ...cfg, mr: 4 }, 'packA4') } : null;
  const pb = cfg.packed ? null : packB(mb, cfg);
  const epi = cfg.bias === true || cfg.act !== undefined;
  const { mr: MR, nr: NR, mc: MC, nc: NC } = cfg;
  // a row block that ends inside a panel would start the next one off the panels
  if (MC % MR !== 0 || NC % NR !== 0) throw new Error(`internal: GEMM blocks ${MC}×${NC} are not whole ${MR}×${NR} tiles`);
  /** m6 ← the rows of a block of mc rows in MR-row panels: mc - min(mc, TAIL_ROWS[mc % 6]) (the rest, the tail, in 4-row ones after them). */
  const panelRows = (g: FunctionBuilder, mc: number, lim: number, m6: number) => {
    if (!tail) {
      g.get(mc).set(m6);
      return;
    }
    g.i32(0);
    for (let r = 1; r < 6; r++) g.i32(TAIL_ROWS[r] as number).i32(0).get(mc).i32(6).op('i32_rem_u').i32(r).op('i32_eq', 'select', 'i32_or');
    g.set(lim);
    g.get(mc);
    min(g, lim, mc);
    g.op('i32_sub').set(m6);
  };
  const packBlock = pa ? packBlockA(mb, cfg, pa, tail?.pack ?? null, panelRows) : null;
  const packAll = packBlock && !cfg.conv ? packWholeA(mb, cfg, packBlock) : null;
  const f = mb.func('gemm', new Array<ValType>(GEMM_ARGS).fill(I));
  const [a, rsA, csA, b, rsB, csB, c, m, n, k, n0, n1, bufA, bufB, scratch, kb, bias, stamps, wholeA, wholeStride, thread, run, bDirect] = Array.from({ length: GEMM_ARGS }, (_, i) => i) as number[];
  const L = () => f.local(I);
  const [jc, nc, pc, kc, ic, mc, jr, nr, ir, mr, lim, m6, blockA, nextA, aPacked] = [L(), L(), L(), L(), L(), L(), L(), L(), L(), L(), L(), L(), L(), L(), L()];
  const clamp = (dst: number, block: number | (() => void), from: number, to: number) => {
    if (typeof block === 'number') f.i32(block);
    else block();
    f.set(lim);
    f.get(to).get(from).op('i32_sub').set(dst);
    min(f, dst, lim);
    f.set(dst);
  };
  // kb = 0 (a caller without it): blocks of KC
  f.get(kb as number).op('i32_eqz').if(() => f.i32(cfg.kc).set(kb as number));
  if (packAll) {
    // this thread's region: its packing of all of A (made by its first job of the run), then
    // its B buffer and edge tile at the offsets bufB and scratch
    f.get(wholeA as number).if(() => {
      f.get(wholeA as number).get(thread as number).get(wholeStride as number).op('i32_mul', 'i32_add').set(aPacked);
      f.get(aPacked).get(bufB as number).op('i32_add').set(bufB as number);
      f.get(aPacked).get(scratch as number).op('i32_add').set(scratch as number);
      f.get(stamps as number).get(thread as number).i32(6).op('i32_shl', 'i32_add').set(lim);
      f.get(lim).i32Load().get(run as number).op('i32_ne').if(() => {
        f.get(a as number).get(rsA as number).get(csA as number).get(m as number).get(k as number).get(kb as number).get(aPacked).call(packAll);
        f.get(lim).get(run as number).i32Store();
      });
    });
  }
  f.forLoop(jc, () => f.get(n0 as number), () => f.get(n1 as number), NC, () => {
    clamp(nc, NC, jc, n1 as number);
    // A packed by packWholeA: its blocks in the order they are used, for every column block
    if (packAll) f.get(aPacked as number).set(nextA);
    f.forLoop(pc, () => f.i32(0), () => f.get(k as number), () => f.get(kb as number), () => {
      clamp(kc, () => f.get(kb as number), pc, k as number);
      if (pb) {
        // (B read in place: see bDirect)
        f.get(bDirect as number).op('i32_eqz').if(() => {
          f.get(b as number).get(pc).get(rsB as number).op('i32_mul', 'i32_add').get(jc).get(csB as number).op('i32_mul', 'i32_add');
          f.get(rsB as number).get(csB as number).get(bufB as number).get(kc).get(nc).call(pb);
        });
      }
      f.forLoop(ic, () => f.i32(0), () => f.get(m as number), MC, () => {
        clamp(mc, MC, ic, m as number);
        panelRows(f, mc, lim, m6);
        if (packBlock) {
          const packHere = () => {
            f.get(a as number).get(rsA as number).get(csA as number).get(ic).get(pc).get(mc).get(kc).get(bufA as number).call(packBlock);
            f.get(bufA as number).set(blockA);
          };
          if (packAll)
            f.get(aPacked as number).if(() => {
              f.get(nextA).set(blockA);
              f.get(nextA).get(kb as number).i32(MC * 4).op('i32_mul', 'i32_add').set(nextA);
            }, packHere);
          else packHere();
        }
        f.forLoop(jr, () => f.i32(0), () => f.get(nc), NR, () => {
          clamp(nr, NR, jr, nc);
          const tiles = (from: () => void, to: number, rows: number, fn: FunctionBuilder) =>
            f.forLoop(ir, from, () => f.get(to), rows, () => {
              clamp(mr, rows, ir, to);
              // the panel of rows ic + ir: packed here (kc steps of MR floats), or by the caller (&A[ic + ir][pc] in its panels)
              if (pa) f.get(blockA).get(ir).get(kc).op('i32_mul').i32(2).op('i32_shl', 'i32_add');
              else f.get(a as number).get(ic).get(ir).op('i32_add').get(k as number).op('i32_mul').get(pc).i32(MR).op('i32_mul', 'i32_add').i32(2).op('i32_shl', 'i32_add');
              // the panel of columns jc + jr: packed here, or by the caller (&B[pc][jc + jr] in its panels)
              if (pb) {
                f.get(bDirect as number).if(
                  () => f.get(b as number).get(pc).get(rsB as number).op('i32_mul', 'i32_add').get(jc).get(jr).op('i32_add').i32(2).op('i32_shl', 'i32_add'),
                  () => f.get(bufB as number).get(jr).get(kc).op('i32_mul').i32(2).op('i32_shl', 'i32_add'),
                  I,
                );
              } else f.get(b as number).get(jc).get(jr).op('i32_add').get(k as number).op('i32_mul').get(pc).i32(NR).op('i32_mul', 'i32_add').i32(2).op('i32_shl', 'i32_add');
              f.get(kc);
              // &C[ic + ir][jc + jr]
              f.get(c as number).get(ic).get(ir).op('i32_add').get(n as number).op('i32_mul').get(jc).op('i32_add').get(jr).op('i32_add').i32(2).op('i32_shl', 'i32_add');
              f.get(n as number).i32(2).op('i32_shl');
              f.get(mr).get(nr).get(pc).i32(0).op('i32_ne').get(scratch as number);
              if (epi) {
                // last = pc + kc == k; the bias of column jc + jr
                f.get(pc).get(kc).op('i32_add').get(k as number).op('i32_eq');
                f.get(bias as number).get(jc).get(jr).op('i32_add').i32(2).op('i32_shl', 'i32_add');
              }
              // the next k step of B's panel: B's next row where read in place
              if (pb) f.get(bDirect as number).if(() => f.get(rsB as number), () => f.i32(NR * 4), I);
              else f.i32(NR * 4);
              f.call(fn);
            });
          tiles(() => f.i32(0), m6, MR, mk);
          if (tail) tiles(() => f.get(m6), mc, 4, tail.micro);
        });
      });
    });
  });
  return { gemm: f, batch: cfg.packed ? batch(mb, f) : null };
}

/**
 * packBlockA(a, rsA, csA, ic, pc, mc, kc, dst): the block of A that `gemm` multiplies at rows
 * ic… (mc of them) and k steps pc… (kc), packed at dst as `gemm` reads it: MR-row panels, then
 * the tail's 4-row ones (`panelRows`), each kc steps long. A convolution's A is its patch matrix
 * (a is its geometry block, rsA and csA unused).
 */
function packBlockA(
  mb: ModuleBuilder,
  cfg: GemmConfig,
  pa: FunctionBuilder,
  tailPack: FunctionBuilder | null,
  panelRows: (g: FunctionBuilder, mc: number, lim: number, m6: number) => void,
): FunctionBuilder {
  const f = mb.func('packBlockA', new Array<ValType>(8).fill(I));
  const [a, rsA, csA, ic, pc, mc, kc, dst] = [0, 1, 2, 3, 4, 5, 6, 7];
  const lim = f.local(I);
  const m6 = f.local(I);
  panelRows(f, mc, lim, m6);
  // the address of (row, pc) and the strides (a convolution's packer: the geometry, row and step)
  const at = (row: () => void) => {
    f.get(a);
    row();
    if (cfg.conv) f.get(pc);
    else f.get(rsA).op('i32_mul', 'i32_add').get(pc).get(csA).op('i32_mul', 'i32_add').get(rsA).get(csA);
  };
  at(() => f.get(ic));
  f.get(dst).get(m6).get(kc).call(pa);
  if (tailPack) {
    // the tail's panels after the MR-row ones (same bytes per row: kc floats)
    f.get(mc).get(m6).op('i32_gt_s').if(() => {
      at(() => f.get(ic).get(m6).op('i32_add'));
      f.get(dst).get(m6).get(kc).op('i32_mul').i32(2).op('i32_shl', 'i32_add').get(mc).get(m6).op('i32_sub').get(kc).call(tailPack);
    });
  }
  return f;
}

/**
 * packWholeA(a, rsA, csA, m, k, kb, dst): all of A packed once, block after block in the order
 * `gemm` uses them (k blocks of kb, each its row blocks of MC), each block MC·kb floats after the
 * last (wholeABytes: the bytes at dst). A thread's jobs of one product then share one packing.
 */
function packWholeA(mb: ModuleBuilder, cfg: GemmConfig, packBlock: FunctionBuilder): FunctionBuilder {
  const f = mb.func('packWholeA', new Array<ValType>(7).fill(I));
  const [a, rsA, csA, m, k, kb, dst] = [0, 1, 2, 3, 4, 5, 6];
  const [pc, ic, kc, mc, lim] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
  const clampTo = (dst2: number, block: () => void, from: number, to: number) => {
    block();
    f.set(lim);
    f.get(to).get(from).op('i32_sub').set(dst2);
    min(f, dst2, lim);
    f.set(dst2);
  };
  f.forLoop(pc, () => f.i32(0), () => f.get(k), () => f.get(kb), () => {
    clampTo(kc, () => f.get(kb), pc, k);
    f.forLoop(ic, () => f.i32(0), () => f.get(m), cfg.mc, () => {
      clampTo(mc, () => f.i32(cfg.mc), ic, m);
      f.get(a).get(rsA).get(csA).get(ic).get(pc).get(mc).get(kc).get(dst).call(packBlock);
      f.get(dst).get(kb).i32(cfg.mc * 4).op('i32_mul', 'i32_add').set(dst);
    });
  });
  return f;
}

/** Bytes packWholeA writes for an m×k A in k blocks of kb. */
export function wholeABytes(cfg: Pick<GemmConfig, 'mc'>, m: number, k: number, kb: number): number {
  return Math.ceil(k / kb) * Math.ceil(m / cfg.mc) * cfg.mc * kb * 4;
}

/**
 * batch(a, aStep, b, bStep, c, cStep, count, m, n, k, scratch, kb): `count` products C = A·B of
 * a packed module one after the other (C row-major; each operand's next one `step` bytes on),
 * in one call.
 */
function batch(mb: ModuleBuilder, gemm: FunctionBuilder): FunctionBuilder {
  const f = mb.func('batch', new Array<ValType>(12).fill(I));
  const [a, aStep, b, bStep, c, cStep, count, m, n, k, scratch, kb] = Array.from({ length: 12 }, (_, i) => i) as number[];
  const i = f.local(I);
  f.forLoop(i, () => f.i32(0), () => f.get(count as number), 1, () => {
    f.get(a as number).i32(0).i32(0).get(b as number).i32(0).i32(0);
    f.get(c as number).get(m as number).get(n as number).get(k as number).i32(0).get(n as number);
    f.i32(0).i32(0).get(scratch as number).get(kb as number);
    for (let i = 16; i < GEMM_ARGS; i++) f.i32(0);
    f.call(gemm);
    for (const [x, step] of [[a, aStep], [b, bStep], [c, cStep]] as [number, number][]) f.get(x).get(step).op('i32_add').set(x);
  });
  return f;
}

/** Bytes of the per-thread buffers `gemm` needs: packed A, packed B, the edge tile. */
export function gemmBufferBytes(cfg: Omit<GemmConfig, 'fma'>): { a: number; b: number; scratch: number } {
  return { a: cfg.mc * cfg.kc * 4 + 64, b: cfg.kc * (cfg.nc + cfg.nr) * 4 + 64, scratch: cfg.mr * cfg.nr * 4 };
}
