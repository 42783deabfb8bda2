import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { GEMM_ACTIVATIONS, type GemmActivation, type GemmConfig, gemmFunctions } from './gemm-module.js';
import { type Temps, temps } from './ops.js';

const I = ValType.i32;
const V = ValType.v128;

/**
 * The tile loop shared by both transforms: tiles t0.. t0+tn of a [batch, tH, tW] grid, starting
 * at tile (b0, ty0, tx0), `body()` once per tile with the locals b, ty, tx and t set.
 */
function tileLoop(f: FunctionBuilder, p: { t0: number; tn: number; b0: number; ty0: number; tx0: number; tH: number; tW: number }, body: (l: { b: number; ty: number; tx: number; t: number }) => void): void {
  const [b, ty, tx, t, end] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
  f.get(p.b0).set(b);
  f.get(p.ty0).set(ty);
  f.get(p.tx0).set(tx);
  f.get(p.t0).get(p.tn).op('i32_add').set(end);
  f.forLoop(t, () => f.get(p.t0), () => f.get(end), 1, () => {
    body({ b, ty, tx, t });
    f.get(tx).i32(1).op('i32_add').tee(tx).get(p.tW).op('i32_eq').if(() => {
      f.i32(0).set(tx);
      f.get(ty).i32(1).op('i32_add').tee(ty).get(p.tH).op('i32_eq').if(() => {
        f.i32(0).set(ty);
        f.get(b).i32(1).op('i32_add').set(b);
      });
    });
  });
}

/**
 * The Winograd F(2×2, 3×3) transforms of a stride-1, 3×3 convolution (Lavin & Gray), four
 * channels per vector, and the packed GEMM (gemm-module.ts `packed`, config `gemm`) they feed:
 * - `filter(f, u, C, K)`: the HWIO filter → G·g·Gᵀ, 16 matrices C×K (the B operands) in the
 *   GEMM's packed-B layout: NR-column panels of C steps, Kp = K rounded up to NR columns each.
 * - `input(xp, v, t0, tn, b0, ty0, tx0, tH, tW, Hp, Wp, C, T)`: for each tile, the 4×4 window of
 *   the zero-padded input xp [batch, Hp, Wp, C] at (2·ty, 2·tx) → Bᵀ·d·B, its 16 values stored as
 *   16 matrices T×C (T a multiple of MR), the GEMMs' A operands, each already in the GEMM's
 *   packed-A layout: MR-tile panels of MR×4 (tile × channel) groups.
 * - `output(m, out, bias, t0, tn, b0, ty0, tx0, tH, tW, outH, outW, K, T)`: m[i][t][k] (the 16
 *   products) → Aᵀ·m·A, the tile's 2×2 outputs (those inside outH × outW), plus the bias and the
 *   activation of the epilogue when the module has them.
 */
export function winogradModule(epilogue: { bias: boolean; act: GemmActivation | null }, gemm: GemmConfig): ModuleBuilder {
  if ((gemm.mr !== 4 && gemm.mr !== 6) || !gemm.packed) throw new Error(`Winograd's transforms write panels of 4 or 6 tiles for a packed GEMM, not ${JSON.stringify(gemm)}`);
  const MR = gemm.mr;
  const NR = gemm.nr;
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  {
    // filter(f, u, C, K): u[i][c][k] = (G·g·Gᵀ)[i] of the HWIO 3×3 filter f, four k at a time
    const f = mb.func('filter', [I, I, I, I]);
    const [fp, up, C, K] = [0, 1, 2, 3];
    const g = Array.from({ length: 9 }, () => f.local(V));
    const row = Array.from({ length: 3 }, () => f.local(V));
    const [c, kb, ck4, kB, src, dst, tap] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
    f.get(K).i32(2).op('i32_shl').set(kB);
    f.get(C).get(kB).op('i32_mul').set(tap);
    // ck4: one matrix's bytes, C·Kp·4
    f.get(C).get(K).i32(NR - 1).op('i32_add').i32(-NR).op('i32_and', 'i32_mul').i32(2).op('i32_shl').set(ck4);
    f.forLoop(c, () => f.i32(0), () => f.get(C), 1, () => {
      f.forLoop(kb, () => f.i32(0), () => f.get(kB), 16, () => {
        f.get(fp).get(c).get(kB).op('i32_mul', 'i32_add').get(kb).op('i32_add').set(src);
        // k = kb/4 in panel k / NR at column k % NR: u + ((k / NR)·C + c)·NR·4 + (k % NR)·4
        f.get(up).get(kb).i32(Math.log2(NR * 4)).op('i32_shr_u').get(C).op('i32_mul').get(c).op('i32_add').i32(NR * 4).op('i32_mul', 'i32_add');
        f.get(kb).i32(NR * 4 - 1).op('i32_and', 'i32_add').set(dst);
        for (let j = 0; j < 9; j++) {
          f.get(src);
          if (j > 0) f.get(tap).i32(j).op('i32_mul', 'i32_add');
          f.v128Load(0, 0).set(g[j] as number);
        }
        // (a + b + d)·½ and (a - b + d)·½ of three vectors, pushed
        const half = (a: number, b: number, d: number, minus: boolean) =>
          f.get(a).get(b).simd(minus ? 'f32x4_sub' : 'f32x4_add').get(d).simd('f32x4_add').f32x4(0.5).simd('f32x4_mul');
        for (let r = 0; r < 4; r++) {
          // row r of G·g (over the filter's rows y), three columns x
          for (let x = 0; x < 3; x++) {
            const [g0, g1, g2] = [g[x] as number, g[3 + x] as number, g[6 + x] as number];
            if (r === 0) f.get(g0);
            else if (r === 3) f.get(g2);
            else half(g0, g1, g2, r === 2);
            f.set(row[x] as number);
          }
          const [a, b, d] = row as [number, number, number];
          const put = (s: number, value: () => void) => {
            f.get(dst);
            if (r * 4 + s > 0) f.get(ck4).i32(r * 4 + s).op('i32_mul', 'i32_add');
            value();
            f.v128Store(0, 0);
          };
          put(0, () => f.get(a));
          put(1, () => half(a, b, d, false));
          put(2, () => half(a, b, d, true));
          put(3, () => f.get(d));
        }
      });
    });
  }
  {
    // pad(x, xp, r0, r1, inH, rowB, C, Hp, Wp, padTop, padLeft): rows r0.. r1 of the zero-padded
    // input xp [batch, Hp, Wp, C] (rows over the whole batch), copied from x [batch, inH, inW, C]
    // (rowB = inW·C·4 bytes; padLeft + inW ≤ Wp), four floats at a time
    const f = mb.func('pad', new Array<ValType>(11).fill(I));
    const [x, xp, r0, r1, inH, rowB, C, Hp, Wp, padTop, padLeft] = Array.from({ length: 11 }, (_, i) => i) as number[];
    const [row, iy, dst, end, o, src, left, xpRowB] = Array.from({ length: 8 }, () => f.local(I));
    const P = (v: number | undefined) => v as number;
    f.get(P(Wp)).get(P(C)).op('i32_mul').i32(2).op('i32_shl').set(xpRowB);
    f.get(P(padLeft)).get(P(C)).op('i32_mul').i32(2).op('i32_shl').set(left);
    const zero = (to: () => void) =>
      f.forLoop(o, () => f.get(dst), to, 16, () => {
        f.get(o).f32x4(0).v128Store(0, 0);
      });
    f.forLoop(row, () => f.get(P(r0)), () => f.get(P(r1)), 1, () => {
      f.get(P(xp)).get(row).get(xpRowB).op('i32_mul', 'i32_add').tee(dst).get(xpRowB).op('i32_add').set(end);
      // iy = row mod Hp - padTop, unsigned: the padding rows above wrap past inH
      f.get(row).get(P(Hp)).op('i32_rem_u').get(P(padTop)).op('i32_sub').tee(iy).get(P(inH)).op('i32_lt_u');
      f.if(
        () => {
          zero(() => f.get(dst).get(left).op('i32_add'));
          // &x[b, iy, 0, 0] with b = row / Hp
          f.get(P(x)).get(row).get(P(Hp)).op('i32_div_u').get(P(inH)).op('i32_mul').get(iy).op('i32_add').get(P(rowB)).op('i32_mul', 'i32_add').set(src);
          f.get(dst).get(left).op('i32_add').set(dst);
          f.forLoop(o, () => f.i32(0), () => f.get(P(rowB)), 16, () => {
            f.get(dst).get(o).op('i32_add').get(src).get(o).op('i32_add').v128Load(0, 0).v128Store(0, 0);
          });
          f.get(dst).get(P(rowB)).op('i32_add').set(dst);
          zero(() => f.get(end));
        },
        () => zero(() => f.get(end)),
      );
    });
  }
  const inputFn = mb.func('input', new Array<ValType>(13).fill(I));
  {
    const f = inputFn;
    const [xp, v, t0, tn, b0, ty0, tx0, tH, tW, Hp, Wp, C, T] = Array.from({ length: 13 }, (_, i) => i) as number[];
    const e = Array.from({ length: 16 }, () => f.local(V));
    const a = Array.from({ length: 4 }, () => f.local(V));
    const [c, rowB, cellB, base, dst, iStride] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
    f.get(C as number).i32(2).op('i32_shl').set(cellB);
    f.get(Wp as number).get(cellB).op('i32_mul').set(rowB);
    f.get(T as number).get(cellB).op('i32_mul').set(iStride);
    const tp = { t0: t0 as number, tn: tn as number, b0: b0 as number, ty0: ty0 as number, tx0: tx0 as number, tH: tH as number, tW: tW as number };
    tileLoop(f, tp, ({ b, ty, tx, t }) => {
      f.forLoop(c, () => f.i32(0), () => f.get(cellB), 16, () => {
        // &xp[b, 2ty, 2tx, c]
        f.get(xp as number).get(b).get(Hp as number).op('i32_mul').get(ty).i32(1).op('i32_shl', 'i32_add').get(rowB).op('i32_mul', 'i32_add');
        f.get(tx).i32(1).op('i32_shl').get(cellB).op('i32_mul', 'i32_add').get(c).op('i32_add').set(base);
        // V = Bᵀ·d·B stored in the GEMM's packed-A panels (gemm-module.ts `packed`): tile t's
        // four channels of V[i] at v + i·T·C·4 + (t - t % MR)·C·4 + (t % MR)·16 + c·MR
        if (MR === 4) {
          f.get(v as number).get(t).i32(-4).op('i32_and').get(cellB).op('i32_mul', 'i32_add');
          f.get(t).i32(3).op('i32_and').i32(4).op('i32_shl', 'i32_add').get(c).i32(2).op('i32_shl', 'i32_add').set(dst);
        } else {
          f.get(t).i32(MR).op('i32_rem_u').set(dst);
          f.get(v as number).get(t).get(dst).op('i32_sub').get(cellB).op('i32_mul', 'i32_add');
          f.get(dst).i32(4).op('i32_shl', 'i32_add').get(c).i32(MR).op('i32_mul', 'i32_add').set(dst);
        }
        // row r of e = d·B: d[r]·B (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
        const row = (r: number) => {
          for (let s = 0; s < 4; s++) {
            f.get(base);
            if (r > 0) f.get(rowB).i32(r).op('i32_mul', 'i32_add');
            if (s > 0) f.get(cellB).i32(s).op('i32_mul', 'i32_add');
            f.v128Load(0, 0).set(a[s] as number);
          }
          const [d0, d1, d2, d3] = a as [number, number, number, number];
          f.get(d0).get(d2).simd('f32x4_sub').set(e[r * 4] as number);
          f.get(d1).get(d2).simd('f32x4_add').set(e[r * 4 + 1] as number);
          f.get(d2).get(d1).simd('f32x4_sub').set(e[r * 4 + 2] as number);
          f.get(d1).get(d3).simd('f32x4_sub').set(e[r * 4 + 3] as number);
        };
        // row q of V = Bᵀ·e: e[x] op e[y] per column s (V0 = e0 - e2, V1 = e1 + e2, V2 = e2 - e1, V3 = e1 - e3)
        const put = (q: number, x: number, y: number, op: 'f32x4_sub' | 'f32x4_add') => {
          for (let s = 0; s < 4; s++) {
            f.get(dst);
            if (q * 4 + s > 0) f.get(iStride).i32(q * 4 + s).op('i32_mul', 'i32_add');
            f.get(e[x * 4 + s] as number).get(e[y * 4 + s] as number).simd(op).v128Store(0, 0);
          }
        };
        // in an order that keeps at most three rows of e live (16 in flight spill)
        row(1);
        row(2);
        put(1, 1, 2, 'f32x4_add');
        put(2, 2, 1, 'f32x4_sub');
        row(0);
        put(0, 0, 2, 'f32x4_sub');
        row(3);
        put(3, 1, 3, 'f32x4_sub');
      });
    });
  }
  const outputFn = mb.func('output', new Array<ValType>(14).fill(I));
  {
    const f = outputFn;
    const [m, out, bias, t0, tn, b0, ty0, tx0, tH, tW, outH, outW, K, T] = Array.from({ length: 14 }, (_, i) => i) as number[];
    const rowv = Array.from({ length: 4 }, () => f.local(V));
    const [k, chanB, iStride, src, o, outRowB, bv] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(V)];
    const [right, below] = [f.local(I), f.local(I)];
    const tmp: Temps | null = epilogue.act ? temps(f) : null;
    const act = epilogue.act ? GEMM_ACTIVATIONS[epilogue.act] : null;
    f.get(K as number).i32(2).op('i32_shl').set(chanB);
    f.get(T as number).get(chanB).op('i32_mul').set(iStride);
    f.get(outW as number).get(chanB).op('i32_mul').set(outRowB);
    const tp = { t0: t0 as number, tn: tn as number, b0: b0 as number, ty0: ty0 as number, tx0: tx0 as number, tH: tH as number, tW: tW as number };
    tileLoop(f, tp, ({ b, ty, tx, t }) => {
      // o = &out[b, 2ty, 2tx, 0]; whether the tile has a second output column and row (odd sizes)
      f.get(out as number).get(b).get(outH as number).op('i32_mul').get(ty).i32(1).op('i32_shl', 'i32_add');
      f.get(outW as number).op('i32_mul').get(tx).i32(1).op('i32_shl', 'i32_add').get(chanB).op('i32_mul', 'i32_add').set(o);
      f.get(tx).i32(1).op('i32_shl').i32(1).op('i32_add').get(outW as number).op('i32_lt_u').set(right);
      f.get(ty).i32(1).op('i32_shl').i32(1).op('i32_add').get(outH as number).op('i32_lt_u').set(below);
      f.forLoop(k, () => f.i32(0), () => f.get(chanB), 16, () => {
        if (epilogue.bias) f.get(bias as number).get(k).op('i32_add').v128Load(0, 0).set(bv);
        // one output row at a time (all 16 products in flight spill); the second only where the
        // output grid has it (then its loads are not all made ahead)
        const outputRow = (r: number) => {
          // row r of Aᵀ·m: row0 = m0 + m1 + m2, row1 = m1 - m2 - m3 (over the 4×4 grid's rows
          // r..r+2), its 12 products read in order from m + t·K·4 + k + i·iStride
          f.get(m as number).get(t).get(chanB).op('i32_mul', 'i32_add').get(k).op('i32_add');
          if (r) f.get(iStride).i32(2).op('i32_shl', 'i32_add');
          f.set(src);
          for (let j = 0; j < 3; j++) {
            for (let s = 0; s < 4; s++) {
              const x = rowv[s] as number;
              if (j === 0) f.get(src).v128Load(0, 0).set(x);
              else f.get(x).get(src).v128Load(0, 0).simd(r === 0 ? 'f32x4_add' : 'f32x4_sub').set(x);
              if (j < 2 || s < 3) f.get(src).get(iStride).op('i32_add').set(src);
            }
          }
          const [q0, q1, q2, q3] = rowv as [number, number, number, number];
          for (let s = 0; s < 2; s++) {
            const store = () => {
              // &out[b, 2ty + r, 2tx + s, k]
              f.get(o).get(k).op('i32_add');
              if (r) f.get(outRowB).op('i32_add');
              if (s) f.get(chanB).op('i32_add');
              if (s === 0) f.get(q0).get(q1).simd('f32x4_add').get(q2).simd('f32x4_add');
              else f.get(q1).get(q2).simd('f32x4_sub').get(q3).simd('f32x4_sub');
              if (epilogue.bias) f.get(bv).simd('f32x4_add');
              if (act) act.simd(f, tmp as Temps);
              f.v128Store(0, 0);
            };
            if (s) f.get(right).if(store);
            else store();
          }
        };
        outputRow(0);
        f.get(below).if(() => outputRow(1));
      });
    });
  }
  const batchFn = gemmFunctions(mb, gemm).batch as FunctionBuilder;
  {
    // fused(xp, u, out, bias, v, m, scratch, t0, tn, sub, tH, tW, Hp, Wp, C, K, outH, outW, kb):
    // tiles t0.. t0+tn (t0 and sub multiples of MR) in runs of `sub` tiles, each transformed into
    // v, multiplied into m (16 products) and transformed out, while v and m are in cache.
    const f = mb.func('fused', new Array<ValType>(19).fill(I));
    const [xp, u, out, bias, v, m, scratch, t0, tn, sub, tH, tW, Hp, Wp, C, K, outH, outW, kb] = Array.from({ length: 19 }, (_, i) => i) as number[];
    const [s, sn, snP, end, q, b0, ty0, tx0] = Array.from({ length: 8 }, () => f.local(I));
    const P = (x: number | undefined) => x as number;
    f.get(P(t0)).get(P(tn)).op('i32_add').set(end);
    f.forLoop(s, () => f.get(P(t0)), () => f.get(end), () => f.get(P(sub)), () => {
      f.get(end).get(s).op('i32_sub').set(sn);
      f.get(sn).get(P(sub)).get(sn).get(P(sub)).op('i32_lt_u', 'select').set(sn);
      // snP: sn rounded up to whole panels
      if (MR === 4) f.get(sn).i32(3).op('i32_add').i32(-4).op('i32_and').set(snP);
      else f.get(sn).i32(MR - 1).op('i32_add').i32(MR).op('i32_div_u').i32(MR).op('i32_mul').set(snP);
      // the run's first tile (b0, ty0, tx0)
      f.get(s).get(P(tW)).op('i32_rem_u').set(tx0);
      f.get(s).get(P(tW)).op('i32_div_u').tee(q).get(P(tH)).op('i32_rem_u').set(ty0);
      f.get(q).get(P(tH)).op('i32_div_u').set(b0);
      // input(xp, v addressed from tile 0 (i32 wraps), s, sn, b0, ty0, tx0, tH, tW, Hp, Wp, C, snP)
      f.get(P(xp)).get(P(v)).get(s).get(P(C)).op('i32_mul').i32(2).op('i32_shl', 'i32_sub');
      f.get(s).get(sn).get(b0).get(ty0).get(tx0).get(P(tH)).get(P(tW)).get(P(Hp)).get(P(Wp)).get(P(C)).get(snP).call(inputFn);
      // batch(v, snP·C·4, u, C·Kp·4, m, sn·K·4, 16, sn, K, C, scratch, kb)
      f.get(P(v)).get(snP).get(P(C)).op('i32_mul').i32(2).op('i32_shl');
      f.get(P(u)).get(P(C)).get(P(K)).i32(NR - 1).op('i32_add').i32(-NR).op('i32_and', 'i32_mul').i32(2).op('i32_shl');
      f.get(P(m)).get(sn).get(P(K)).op('i32_mul').i32(2).op('i32_shl');
      f.i32(16).get(sn).get(P(K)).get(P(C)).get(P(scratch)).get(P(kb)).call(batchFn);
      // output(m addressed from tile 0, out, bias, s, sn, b0, ty0, tx0, tH, tW, outH, outW, K, sn)
      f.get(P(m)).get(s).get(P(K)).op('i32_mul').i32(2).op('i32_shl', 'i32_sub').get(P(out)).get(P(bias));
      f.get(s).get(sn).get(b0).get(ty0).get(tx0).get(P(tH)).get(P(tW)).get(P(outH)).get(P(outW)).get(P(K)).get(sn).call(outputFn);
    });
  }
  return mb;
}
