import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

const I = ValType.i32;
const V = ValType.v128;
const F = ValType.f32;

/**
 * The params after the three pointers: the rows to do ([r0, r1) of batch × output rows, or of
 * batch × input rows for the input gradient), then the NHWC geometry (mult = channel multiplier).
 */
export const DEPTHWISE_PARAMS = ['r0', 'r1', 'inH', 'inW', 'inC', 'mult', 'fH', 'fW', 'outH', 'outW', 'sH', 'sW', 'dH', 'dW', 'padTop', 'padLeft'] as const;
type P = Record<(typeof DEPTHWISE_PARAMS)[number], number>;

interface Ctx {
  readonly f: FunctionBuilder;
  readonly p: P;
  readonly fma: boolean;
  /** Locals: byte counts, loop counters and scratch. */
  readonly l: Record<string, number>;
}

/** D += A·B on v128s: pushes A and B then `acc` (D's value). */
function madd(c: Ctx, a: () => void, b: () => void, acc: () => void): void {
  a();
  b();
  if (c.fma) {
    acc();
    c.f.simd('f32x4_relaxed_madd');
  } else {
    c.f.simd('f32x4_mul');
    acc();
    c.f.simd('f32x4_add');
  }
}

/** The taps along one axis that reach an input position: k = kF + i·dk from output oF − i·dO, i < n. */
interface Taps {
  readonly kF: number;
  readonly n: number;
  readonly dk: number;
  readonly oF: number;
  readonly dO: number;
}

const newTaps = (f: FunctionBuilder): Taps => ({ kF: f.local(I), n: f.local(I), dk: f.local(I), oF: f.local(I), dO: f.local(I) });

/**
 * Sets `T` to the taps k < kSize whose output o = (pos + pad − k·dil) / stride is a whole
 * number in [0, lim). The k meeting the stride's congruence are a residue class and the bounds
 * an interval, so the taps are an arithmetic progression: its step is read off its first two.
 */
function tapsAlong(c: Ctx, T: Taps, pos: number, pad: number, dil: number, stride: number, lim: number, kSize: number): void {
  const { f, l } = c;
  const [t, k, o] = [l.t, l.kk, l.oo] as number[];
  f.i32(0).set(T.n);
  f.i32(0).set(T.dk);
  f.i32(0).set(T.dO);
  f.forLoop(k as number, () => f.i32(0), () => f.get(kSize), 1, () => {
    f.get(pos).get(pad).op('i32_add').get(k as number).get(dil).op('i32_mul', 'i32_sub').set(t as number);
    f.get(t as number).get(stride).op('i32_div_u').set(o as number);
    // t ≥ 0 (a negative t divides, unsigned, to past lim), t a multiple of the stride, o < lim
    f.get(t as number).i32(0).op('i32_ge_s');
    f.get(t as number).get(stride).op('i32_rem_u', 'i32_eqz', 'i32_and');
    f.get(o as number).get(lim).op('i32_lt_u', 'i32_and');
    f.if(() => {
      f.get(T.n).i32(1).op('i32_eq').if(() => {
        f.get(k as number).get(T.kF).op('i32_sub').set(T.dk);
        f.get(T.oF).get(o as number).op('i32_sub').set(T.dO);
      });
      f.get(T.n).i32(0).op('i32_eq').if(() => {
        f.get(k as number).set(T.kF);
        f.get(o as number).set(T.oF);
      });
      f.get(T.n).i32(1).op('i32_add').set(T.n);
    });
  });
}

/**
 * The taps of a window along one axis that land inside the input: k in [lo, hi) with
 * 0 ≤ base + k·dil < lim, k < kSize (base = pos·stride − pad, maybe negative).
 */
function span(c: Ctx, base: number, dil: number, kSize: number, lim: number, lo: number, hi: number): void {
  const { f, l } = c;
  const t = l.t as number;
  // lo = base < 0 ? ceil(−base / dil) : 0
  f.get(dil).i32(1).op('i32_sub').get(base).op('i32_sub').get(dil).op('i32_div_u');
  f.i32(0);
  f.get(base).i32(0).op('i32_lt_s', 'select').set(lo);
  // hi = lim − base > 0 ? min(kSize, ceil((lim − base) / dil)) : 0
  f.get(lim).get(base).op('i32_sub').set(t);
  f.get(t).get(dil).op('i32_add').i32(1).op('i32_sub').get(dil).op('i32_div_u').set(hi);
  f.get(hi).get(kSize).get(hi).get(kSize).op('i32_lt_u', 'select').set(hi);
  f.get(hi).i32(0).get(t).i32(0).op('i32_gt_s', 'select').set(hi);
}

function newCtx(mb: ModuleBuilder, name: string, fma: boolean, pointers = 3): Ctx {
  const f = mb.func(name, new Array<ValType>(pointers + DEPTHWISE_PARAMS.length).fill(I));
  const p = Object.fromEntries(DEPTHWISE_PARAMS.map((n, i) => [n, i + pointers])) as P;
  const names = ['cellB', 'multB', 'outCB', 'rowB', 'imgB', 'r', 'b', 'y', 'x', 'ky', 'kx', 'ky0', 'ky1', 'kx0', 'kx1', 'ya', 'xa', 'img', 'row', 'px', 'o', 'nVec', 'ci', 'ob', 'j', 'jVec', 't', 'kk', 'oo'];
  const l: Record<string, number> = Object.fromEntries(names.map((n) => [n, f.local(I)]));
  l.vacc = f.local(V);
  // three more accumulators: with mult 1, four channel vectors share a window walk (see eachOutput)
  l.vacc1 = f.local(V);
  l.vacc2 = f.local(V);
  l.vacc3 = f.local(V);
  l.jWide = f.local(I);
  l.s = f.local(F);
  f.get(p.inC).i32(2).op('i32_shl').set(l.cellB as number);
  f.get(p.mult).i32(2).op('i32_shl').set(l.multB as number);
  f.get(p.inC).get(p.mult).op('i32_mul').i32(2).op('i32_shl').set(l.outCB as number);
  f.get(p.inW).get(l.cellB as number).op('i32_mul').set(l.rowB as number);
  f.get(p.inH).get(l.rowB as number).op('i32_mul').set(l.imgB as number);
  return { f, p, fma, l };
}

/**
 * Over output pixels of rows [r0, r1) (r = b·outH + oy): `pixel(px)` with px the pixel's byte
 * offset in the output; the window's taps inside x are ky0..ky1 × kx0..kx1 from the cell
 * (ya, xa) of the image at img.
 */
function outputPixels(c: Ctx, x: number, pixel: (px: number) => void): void {
  const { f, p, l } = c;
  const [r, b, y, xo, ky0, ky1, kx0, kx1, ya, xa, img, px] = ['r', 'b', 'y', 'x', 'ky0', 'ky1', 'kx0', 'kx1', 'ya', 'xa', 'img', 'px'].map((k) => l[k] as number) as number[];
  f.forLoop(r as number, () => f.get(p.r0), () => f.get(p.r1), 1, () => {
    f.get(r as number).get(p.outH).op('i32_div_u').set(b as number);
    f.get(r as number).get(b as number).get(p.outH).op('i32_mul', 'i32_sub').set(y as number);
    f.get(x).get(b as number).get(l.imgB as number).op('i32_mul', 'i32_add').set(img as number);
    f.get(y as number).get(p.sH).op('i32_mul').get(p.padTop).op('i32_sub').set(ya as number);
    span(c, ya as number, p.dH, p.fH, p.inH, ky0 as number, ky1 as number);
    f.forLoop(xo as number, () => f.i32(0), () => f.get(p.outW), 1, () => {
      f.get(r as number).get(p.outW).op('i32_mul').get(xo as number).op('i32_add').get(l.outCB as number).op('i32_mul').set(px as number);
      f.get(xo as number).get(p.sW).op('i32_mul').get(p.padLeft).op('i32_sub').set(xa as number);
      span(c, xa as number, p.dW, p.fW, p.inW, kx0 as number, kx1 as number);
      pixel(px as number);
    });
  });
}

/** How x is loaded: four vectors (sixteen channels), one vector, a splat channel or one float. */
type XLoad = 'vectors' | 'vector' | 'splat' | 'scalar';

/** The accumulators of a 'vectors' pass (one vector: the first). */
const accumulators = (c: Ctx): number[] => [c.l.vacc, c.l.vacc1, c.l.vacc2, c.l.vacc3] as number[];

/**
 * Over the output channels in vectors then floats: `body(kind, xo, fo)` with fo the byte offset
 * of the output channel(s) and xo that of x's: the same vector (mult 1), or the input channel to
 * splat (mult > 1); `kind` says how x is loaded. Uses the locals ci, ob, j, jVec, jWide. With
 * mult 1 the channels go sixteen at a time first: four independent sums per window walk, not
 * one chain of dependent multiply-adds (3×3 over 1×64×64×32, one thread: 555 → 360 µs; its
 * gradients over 8×32×32×64: 4.89 → 3.59 ms; 2026-12-02, a loaded machine).
 */
function eachOutput(c: Ctx, xo: number, fo: number, body: (kind: XLoad) => void): void {
  const { f, p, l } = c;
  const [ci, ob, j, jVec] = ['ci', 'ob', 'j', 'jVec'].map((k) => l[k] as number) as number[];
  f.get(p.mult).i32(1).op('i32_eq').if(
    () => {
      f.get(l.outCB as number).i32(-16).op('i32_and').set(jVec as number);
      f.get(l.outCB as number).i32(-64).op('i32_and').set(l.jWide as number);
      f.forLoop(fo, () => f.i32(0), () => f.get(l.jWide as number), 64, () => {
        f.get(fo).set(xo);
        body('vectors');
      });
      f.forLoop(fo, () => f.get(l.jWide as number), () => f.get(jVec as number), 16, () => {
        f.get(fo).set(xo);
        body('vector');
      });
      f.forLoop(fo, () => f.get(jVec as number), () => f.get(l.outCB as number), 4, () => {
        f.get(fo).set(xo);
        body('scalar');
      });
    },
    () => {
      f.get(l.multB as number).i32(-16).op('i32_and').set(jVec as number);
      f.i32(0).set(ob as number);
      f.forLoop(ci as number, () => f.i32(0), () => f.get(l.cellB as number), 4, () => {
        f.get(ci as number).set(xo);
        f.forLoop(j as number, () => f.i32(0), () => f.get(jVec as number), 16, () => {
          f.get(ob as number).get(j as number).op('i32_add').set(fo);
          body('splat');
        });
        f.forLoop(j as number, () => f.get(jVec as number), () => f.get(l.multB as number), 4, () => {
          f.get(ob as number).get(j as number).op('i32_add').set(fo);
          body('scalar');
        });
        f.get(ob as number).get(l.multB as number).op('i32_add').set(ob as number);
      });
    },
  );
}

/** acc (or s) += x at `qa` (loaded as `kind`) · the vector (or float) at `ta`. */
function step(c: Ctx, kind: XLoad, qa: number, ta: number): void {
  const { f, l } = c;
  const [acc, s] = [l.vacc as number, l.s as number];
  if (kind === 'scalar') {
    f.get(s).get(qa).f32Load().get(ta).f32Load().op('f32_mul', 'f32_add').set(s);
    return;
  }
  if (kind === 'vectors') {
    accumulators(c).forEach((acc, u) => {
      madd(c, () => f.get(qa).v128Load(16 * u, 0), () => f.get(ta).v128Load(16 * u, 0), () => f.get(acc));
      f.set(acc);
    });
    return;
  }
  madd(
    c,
    () => (kind === 'vector' ? f.get(qa).v128Load(0, 0) : f.get(qa).load32Splat()),
    () => f.get(ta).v128Load(0, 0),
    () => f.get(acc),
  );
  f.set(acc);
}

function clearAcc(c: Ctx, kind: XLoad): void {
  if (kind === 'scalar') c.f.f32(0).set(c.l.s as number);
  else for (const acc of kind === 'vectors' ? accumulators(c) : [c.l.vacc as number]) c.f.f32x4(0).set(acc);
}

/**
 * `depthwise(x, f, out, …)`: out[b, y, x, c·m + j] = Σ taps x[b, iy, ix, c]·f[ky, kx, c, j] for rows [r0, r1).
 * `depthwise_filter(x, dy, part, …)`: part[ky, kx, c·m + j] += Σ x[b, iy, ix, c]·dy[b, y, x, c·m + j]
 * over output rows [r0, r1) (part zeroed by the caller: one per thread, summed after).
 * `depthwise_input(f, dy, dx, …)`: dx over input rows [r0, r1) (r = b·inH + iy), gathered from
 * the output pixels whose windows hold it (no two rows write the same cell).
 * `fma`: f32x4.relaxed_madd instead of mul + add.
 */
export function depthwiseModule(fma: boolean): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  {
    // each output vector (or float) summed over its taps in a register, stored once
    const c = newCtx(mb, 'depthwise', fma);
    const { f, p, l } = c;
    const [D, xo, fo, qa, ta, dWB] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
    const [ky, kx, ky0, ky1, kx0, kx1, ya, xa, img] = ['ky', 'kx', 'ky0', 'ky1', 'kx0', 'kx1', 'ya', 'xa', 'img'].map((k) => l[k] as number) as number[];
    f.get(p.dW).get(l.cellB as number).op('i32_mul').set(dWB);
    outputPixels(c, 0, (px) => {
      f.get(2).get(px).op('i32_add').set(D);
      eachOutput(c, xo, fo, (kind) => {
        clearAcc(c, kind);
        f.forLoop(ky as number, () => f.get(ky0 as number), () => f.get(ky1 as number), 1, () => {
          // the row's first tap: x at (ya + ky·dH, xa + kx0·dW), f at (ky, kx0)
          f.get(img as number).get(ya as number).get(ky as number).get(p.dH).op('i32_mul', 'i32_add').get(l.rowB as number).op('i32_mul', 'i32_add');
          f.get(xa as number).get(kx0 as number).get(p.dW).op('i32_mul', 'i32_add').get(l.cellB as number).op('i32_mul', 'i32_add').get(xo).op('i32_add').set(qa);
          f.get(1).get(ky as number).get(p.fW).op('i32_mul').get(kx0 as number).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').get(fo).op('i32_add').set(ta);
          f.forLoop(kx as number, () => f.get(kx0 as number), () => f.get(kx1 as number), 1, () => {
            step(c, kind, qa, ta);
            f.get(qa).get(dWB).op('i32_add').set(qa);
            f.get(ta).get(l.outCB as number).op('i32_add').set(ta);
          });
        });
        if (kind === 'scalar') f.get(D).get(fo).op('i32_add').get(l.s as number).f32Store();
        else {
          accumulators(c).slice(0, kind === 'vectors' ? 4 : 1).forEach((acc, u) => {
            f.get(D).get(fo).op('i32_add').get(acc).v128Store(16 * u, 0);
          });
        }
      });
    });
  }
  {
    // per output row, tap and channel vector: the sum over the row's pixels in a register, then
    // added to part (float32 sums of a row, then of rows: closer to the CPU kernel's float64 ones)
    const c = newCtx(mb, 'depthwise_filter', fma);
    const { f, p, l } = c;
    const [xo, fo, q0, d0, T, qa, da, sWB, ox0, ox1, ox, dyRow] = Array.from({ length: 12 }, () => f.local(I));
    const [ky, kx, ky0, ky1, ya, xa, img, row] = ['ky', 'kx', 'ky0', 'ky1', 'ya', 'xa', 'img', 'row'].map((k) => l[k] as number) as number[];
    f.get(p.sW).get(l.cellB as number).op('i32_mul').set(sWB as number);
    const [r, b, y] = ['r', 'b', 'y'].map((k) => l[k] as number) as number[];
    f.forLoop(r as number, () => f.get(p.r0), () => f.get(p.r1), 1, () => {
      f.get(r as number).get(p.outH).op('i32_div_u').set(b as number);
      f.get(r as number).get(b as number).get(p.outH).op('i32_mul', 'i32_sub').set(y as number);
      f.get(0).get(b as number).get(l.imgB as number).op('i32_mul', 'i32_add').set(img as number);
      f.get(1).get(r as number).get(p.outW).op('i32_mul').get(l.outCB as number).op('i32_mul', 'i32_add').set(dyRow as number);
      f.get(y as number).get(p.sH).op('i32_mul').get(p.padTop).op('i32_sub').set(ya as number);
      span(c, ya as number, p.dH, p.fH, p.inH, ky0 as number, ky1 as number);
      f.forLoop(ky as number, () => f.get(ky0 as number), () => f.get(ky1 as number), 1, () => {
        f.get(img as number).get(ya as number).get(ky as number).get(p.dH).op('i32_mul', 'i32_add').get(l.rowB as number).op('i32_mul', 'i32_add').set(row as number);
        f.forLoop(kx as number, () => f.i32(0), () => f.get(p.fW), 1, () => {
          // the row's pixels whose tap (ky, kx) is inside x: 0 ≤ ox·sW + xa < inW, xa = kx·dW − padLeft
          f.get(kx as number).get(p.dW).op('i32_mul').get(p.padLeft).op('i32_sub').set(xa as number);
          span(c, xa as number, p.sW, p.outW, p.inW, ox0 as number, ox1 as number);
          f.get(ox0 as number).get(ox1 as number).op('i32_lt_u').if(() => {
            f.get(row as number).get(ox0 as number).get(p.sW).op('i32_mul').get(xa as number).op('i32_add').get(l.cellB as number).op('i32_mul', 'i32_add').set(q0 as number);
            f.get(dyRow as number).get(ox0 as number).get(l.outCB as number).op('i32_mul', 'i32_add').set(d0 as number);
            f.get(2).get(ky as number).get(p.fW).op('i32_mul').get(kx as number).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').set(T as number);
            eachOutput(c, xo as number, fo as number, (kind) => {
              clearAcc(c, kind);
              f.get(q0 as number).get(xo as number).op('i32_add').set(qa as number);
              f.get(d0 as number).get(fo as number).op('i32_add').set(da as number);
              f.forLoop(ox as number, () => f.get(ox0 as number), () => f.get(ox1 as number), 1, () => {
                step(c, kind, qa as number, da as number);
                f.get(qa as number).get(sWB as number).op('i32_add').set(qa as number);
                f.get(da as number).get(l.outCB as number).op('i32_add').set(da as number);
              });
              if (kind === 'scalar') {
                f.get(T as number).get(fo as number).op('i32_add');
                f.get(T as number).get(fo as number).op('i32_add').f32Load().get(l.s as number).op('f32_add').f32Store();
              } else {
                accumulators(c).slice(0, kind === 'vectors' ? 4 : 1).forEach((acc, u) => {
                  f.get(T as number).get(fo as number).op('i32_add');
                  f.get(T as number).get(fo as number).op('i32_add').v128Load(16 * u, 0).get(acc).simd('f32x4_add').v128Store(16 * u, 0);
                });
              }
            });
          });
        });
      });
    });
  }
  {
    // gather form: each dx vector (or float) summed over the taps that reach it in registers,
    // stored once; the taps along each axis an arithmetic progression (tapsAlong), found once
    // per row (y) and per pixel (x), walked with pointer steps
    const c = newCtx(mb, 'depthwise_input', fma);
    const { f, p, l } = c;
    const [r, b, y, xi, img, co, ci, ob, j, jVec, s] = ['r', 'b', 'y', 'x', 'img', 'o', 'ci', 'ob', 'j', 'jVec', 's'].map((k) => l[k] as number) as number[];
    const Y = newTaps(f);
    const X = newTaps(f);
    const [D, A0, B0, stAy, stBy, stAx, stBx, aY, bY, a, bb, iy, ix, end4, end1, cs] = Array.from({ length: 16 }, () => f.local(I)) as number[];
    const accs = [l.vacc as number, f.local(V), f.local(V), f.local(V)];
    const acc0 = accs[0] as number;
    /** Over the taps reaching the pixel, `body` with a and bb the dy and filter addresses + `off`. */
    const overTaps = (off: number, body: () => void) => {
      f.get(A0 as number).get(off).op('i32_add').set(aY as number);
      f.get(B0 as number).get(off).op('i32_add').set(bY as number);
      f.forLoop(iy as number, () => f.i32(0), () => f.get(Y.n), 1, () => {
        f.get(aY as number).set(a as number);
        f.get(bY as number).set(bb as number);
        f.forLoop(ix as number, () => f.i32(0), () => f.get(X.n), 1, () => {
          body();
          f.get(a as number).get(stAx as number).op('i32_add').set(a as number);
          f.get(bb as number).get(stBx as number).op('i32_add').set(bb as number);
        });
        f.get(aY as number).get(stAy as number).op('i32_add').set(aY as number);
        f.get(bY as number).get(stBy as number).op('i32_add').set(bY as number);
      });
    };
    /** accs[q] = Σ taps dy·f for the `nv` vectors at byte `off` of dy's pixel and f's tap. */
    const gather = (nv: number, off: number) => {
      for (let q = 0; q < nv; q++) f.f32x4(0).set(accs[q] as number);
      overTaps(off, () => {
        for (let q = 0; q < nv; q++) {
          madd(
            c,
            () => f.get(a as number).v128Load(16 * q, 0),
            () => f.get(bb as number).v128Load(16 * q, 0),
            () => f.get(accs[q] as number),
          );
          f.set(accs[q] as number);
        }
      });
    };
    /** mult 1: `nv` vectors at byte `co` of dx, dy and f (0 vectors: one float). */
    const block = (nv: number) => {
      if (nv === 0) {
        f.f32(0).set(s as number);
        overTaps(co as number, () => f.get(s as number).get(a as number).f32Load().get(bb as number).f32Load().op('f32_mul', 'f32_add').set(s as number));
        f.get(D as number).get(co as number).op('i32_add').get(s as number).f32Store();
        return;
      }
      gather(nv, co as number);
      for (let q = 0; q < nv; q++) f.get(D as number).get(co as number).op('i32_add').get(accs[q] as number).v128Store(16 * q, 0);
    };
    /**
     * mult m ≤ 4: 4 channels at once, their 4m outputs in m vectors; dx[ci + k] sums the lanes
     * k·m … k·m + m − 1 of those.
     */
    const channels4 = (m: number) => {
      gather(m, ob as number);
      for (let k = 0; k < 4; k++) {
        f.get(D as number).get(ci as number).op('i32_add');
        for (let L = k * m; L < k * m + m; L++) {
          f.get(accs[L >> 2] as number).extractLane(L & 3);
          if (L > k * m) f.op('f32_add');
        }
        f.f32Store(4 * k);
      }
      f.get(ob as number).i32(16 * m).op('i32_add').set(ob as number);
    };
    f.get(l.outCB as number).i32(-64).op('i32_and').set(end4 as number);
    f.get(l.outCB as number).i32(-16).op('i32_and').set(end1 as number);
    f.get(l.multB as number).i32(-16).op('i32_and').set(jVec as number);
    f.forLoop(r as number, () => f.get(p.r0), () => f.get(p.r1), 1, () => {
      f.get(r as number).get(p.inH).op('i32_div_u').set(b as number);
      f.get(r as number).get(b as number).get(p.inH).op('i32_mul', 'i32_sub').set(y as number);
      // dy's image b
      f.get(1).get(b as number).get(p.outH).op('i32_mul').get(p.outW).op('i32_mul').get(l.outCB as number).op('i32_mul', 'i32_add').set(img as number);
      tapsAlong(c, Y, y as number, p.padTop, p.dH, p.sH, p.outH, p.fH);
      // the next tap down the filter is dO output rows up
      f.i32(0).get(Y.dO).get(p.outW).op('i32_mul').get(l.outCB as number).op('i32_mul', 'i32_sub').set(stAy as number);
      f.get(Y.dk).get(p.fW).op('i32_mul').get(l.outCB as number).op('i32_mul').set(stBy as number);
      f.forLoop(xi as number, () => f.i32(0), () => f.get(p.inW), 1, () => {
        f.get(2).get(r as number).get(p.inW).op('i32_mul').get(xi as number).op('i32_add').get(l.cellB as number).op('i32_mul', 'i32_add').set(D as number);
        tapsAlong(c, X, xi as number, p.padLeft, p.dW, p.sW, p.outW, p.fW);
        f.i32(0).get(X.dO).get(l.outCB as number).op('i32_mul', 'i32_sub').set(stAx as number);
        f.get(X.dk).get(l.outCB as number).op('i32_mul').set(stBx as number);
        f.get(img as number).get(Y.oF).get(p.outW).op('i32_mul').get(X.oF).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').set(A0 as number);
        f.get(0).get(Y.kF).get(p.fW).op('i32_mul').get(X.kF).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').set(B0 as number);
        f.get(p.mult).i32(1).op('i32_eq').if(
          () => {
            f.forLoop(co as number, () => f.i32(0), () => f.get(end4 as number), 64, () => block(4));
            f.forLoop(co as number, () => f.get(end4 as number), () => f.get(end1 as number), 16, () => block(1));
            f.forLoop(co as number, () => f.get(end1 as number), () => f.get(l.outCB as number), 4, () => block(0));
          },
          () => {
            // dx[c] = Σ taps Σⱼ dy[c·m + j]·f[c·m + j]: j in vectors into acc0, the rest into s
            f.i32(0).set(ob as number);
            f.i32(0).set(cs as number);
            for (const m of [2, 3, 4]) {
              f.get(p.mult).i32(m).op('i32_eq').if(() => {
                f.get(l.cellB as number).i32(-16).op('i32_and').set(cs as number);
                f.forLoop(ci as number, () => f.i32(0), () => f.get(cs as number), 16, () => channels4(m));
              });
            }
            // the other multipliers, and the last channels (below 4) of those
            f.forLoop(ci as number, () => f.get(cs as number), () => f.get(l.cellB as number), 4, () => {
              f.f32x4(0).set(acc0);
              f.f32(0).set(s as number);
              overTaps(ob as number, () => {
                const at = (ptr: number) => f.get(ptr).get(j as number).op('i32_add');
                f.forLoop(j as number, () => f.i32(0), () => f.get(jVec as number), 16, () => {
                  madd(
                    c,
                    () => at(a as number).v128Load(0, 0),
                    () => at(bb as number).v128Load(0, 0),
                    () => f.get(acc0),
                  );
                  f.set(acc0);
                });
                f.forLoop(j as number, () => f.get(jVec as number), () => f.get(l.multB as number), 4, () => {
                  f.get(s as number);
                  at(a as number).f32Load();
                  at(bb as number).f32Load().op('f32_mul', 'f32_add').set(s as number);
                });
              });
              f.get(D as number).get(ci as number).op('i32_add').get(s as number);
              for (let lane = 0; lane < 4; lane++) f.get(acc0).extractLane(lane).op('f32_add');
              f.f32Store();
              f.get(ob as number).get(l.multB as number).op('i32_add').set(ob as number);
            });
          },
        );
      });
    });
  }
  return mb;
}
