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

/** D[d + o] += A[a + o]·B[b + o] for o over `n` bytes: 16 at a time, then 4. */
function sameLanes(c: Ctx, d: number, a: number, b: number, n: number): void {
  const { f, l } = c;
  const at = (base: number) => f.get(base).get(l.o as number).op('i32_add');
  f.get(n).i32(-16).op('i32_and').set(l.nVec as number);
  f.forLoop(l.o as number, () => f.i32(0), () => f.get(l.nVec as number), 16, () => {
    at(d);
    madd(
      c,
      () => at(a).v128Load(0, 0),
      () => at(b).v128Load(0, 0),
      () => at(d).v128Load(0, 0),
    );
    f.v128Store(0, 0);
  });
  f.forLoop(l.o as number, () => f.get(l.nVec as number), () => f.get(n), 4, () => {
    at(d);
    at(a).f32Load();
    at(b).f32Load().op('f32_mul');
    at(d).f32Load().op('f32_add').f32Store();
  });
}

/**
 * One tap of the input gradient: D, A, B hold base addresses (dx cell, dy pixel, filter tap).
 * mult 1: D[c] += A[c]·B[c]; else D[c] += Σⱼ A[c·m + j]·B[c·m + j].
 */
function inputChannels(c: Ctx, d: number, a: number, b: number): void {
  const { f, p, l } = c;
  const [ci, ob, j, jVec, vacc, s] = ['ci', 'ob', 'j', 'jVec', 'vacc', 's'].map((k) => l[k] as number) as number[];
  f.get(p.mult).i32(1).op('i32_eq').if(
    () => sameLanes(c, d, a, b, l.outCB as number),
    () => {
      f.get(l.multB as number).i32(-16).op('i32_and').set(jVec as number);
      f.i32(0).set(ob as number);
      f.forLoop(ci as number, () => f.i32(0), () => f.get(l.cellB as number), 4, () => {
        const at = (ptr: number) => f.get(ptr).get(ob as number).op('i32_add').get(j as number).op('i32_add');
        f.f32x4(0).set(vacc as number);
        f.forLoop(j as number, () => f.i32(0), () => f.get(jVec as number), 16, () => {
          madd(
            c,
            () => at(a).v128Load(0, 0),
            () => at(b).v128Load(0, 0),
            () => f.get(vacc as number),
          );
          f.set(vacc as number);
        });
        for (let lane = 0; lane < 4; lane++) {
          f.get(vacc as number).extractLane(lane);
          if (lane > 0) f.op('f32_add');
        }
        f.set(s as number);
        f.forLoop(j as number, () => f.get(jVec as number), () => f.get(l.multB as number), 4, () => {
          f.get(s as number);
          at(a).f32Load();
          at(b).f32Load().op('f32_mul', 'f32_add').set(s as number);
        });
        f.get(d).get(ci as number).op('i32_add');
        f.get(d).get(ci as number).op('i32_add').f32Load().get(s as number).op('f32_add').f32Store();
        f.get(ob as number).get(l.multB as number).op('i32_add').set(ob as number);
      });
    },
  );
}

/** Zeros `n` bytes (a multiple of 4) at `d`. */
function zero(c: Ctx, d: number, n: number): void {
  const { f, l } = c;
  const at = () => f.get(d).get(l.o as number).op('i32_add');
  f.get(n).i32(-16).op('i32_and').set(l.nVec as number);
  f.forLoop(l.o as number, () => f.i32(0), () => f.get(l.nVec as number), 16, () => at().f32x4(0).v128Store(0, 0));
  f.forLoop(l.o as number, () => f.get(l.nVec as number), () => f.get(n), 4, () => at().f32(0).f32Store());
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
  const names = ['cellB', 'multB', 'outCB', 'rowB', 'imgB', 'r', 'b', 'y', 'x', 'ky', 'kx', 'ky0', 'ky1', 'kx0', 'kx1', 'ya', 'xa', 'img', 'row', 'px', 'o', 'nVec', 'ci', 'ob', 'j', 'jVec', 't'];
  const l: Record<string, number> = Object.fromEntries(names.map((n) => [n, f.local(I)]));
  l.vacc = f.local(V);
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

type XLoad = 'vector' | 'splat' | 'scalar';

/**
 * Over the output channels in vectors then floats: `body(kind, xo, fo)` with fo the byte offset
 * of the output channel(s) and xo that of x's: the same vector (mult 1), or the input channel to
 * splat (mult > 1); `kind` says how x is loaded. Uses the locals ci, ob, j, jVec.
 */
function eachOutput(c: Ctx, xo: number, fo: number, body: (kind: XLoad) => void): void {
  const { f, p, l } = c;
  const [ci, ob, j, jVec] = ['ci', 'ob', 'j', 'jVec'].map((k) => l[k] as number) as number[];
  f.get(p.mult).i32(1).op('i32_eq').if(
    () => {
      f.get(l.outCB as number).i32(-16).op('i32_and').set(jVec as number);
      f.forLoop(fo, () => f.i32(0), () => f.get(jVec as number), 16, () => {
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
  madd(
    c,
    () => (kind === 'vector' ? f.get(qa).v128Load(0, 0) : f.get(qa).load32Splat()),
    () => f.get(ta).v128Load(0, 0),
    () => f.get(acc),
  );
  f.set(acc);
}

const clearAcc = (c: Ctx, kind: XLoad) => (kind === 'scalar' ? c.f.f32(0).set(c.l.s as number) : c.f.f32x4(0).set(c.l.vacc as number));

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
        f.get(D).get(fo).op('i32_add');
        if (kind === 'scalar') f.get(l.s as number).f32Store();
        else f.get(l.vacc as number).v128Store(0, 0);
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
              f.get(T as number).get(fo as number).op('i32_add');
              if (kind === 'scalar') f.get(T as number).get(fo as number).op('i32_add').f32Load().get(l.s as number).op('f32_add').f32Store();
              else f.get(T as number).get(fo as number).op('i32_add').v128Load(0, 0).get(l.vacc as number).simd('f32x4_add').v128Store(0, 0);
            });
          });
        });
      });
    });
  }
  {
    const c = newCtx(mb, 'depthwise_input', fma);
    const { f, p, l } = c;
    const [r, b, y, xo, ky, kx, img, px, t] = ['r', 'b', 'y', 'x', 'ky', 'kx', 'img', 'px', 't'].map((k) => l[k] as number) as number[];
    const [oy, ox, D, A, B] = [f.local(I), f.local(I), f.local(I), f.local(I), f.local(I)];
    // out = pos + pad − k·dil when ≥ 0, a multiple of the stride, and out / stride < lim: on the stack
    const lands = (pos: number, pad: number, k: number, dil: number, stride: number, lim: number, out: number) => {
      f.get(pos).get(pad).op('i32_add').get(k).get(dil).op('i32_mul', 'i32_sub').set(t as number);
      f.get(t as number).get(stride).op('i32_div_u').set(out);
      f.get(t as number).i32(0).op('i32_ge_s');
      f.get(t as number).get(stride).op('i32_rem_u', 'i32_eqz', 'i32_and');
      f.get(out).get(lim).op('i32_lt_u', 'i32_and');
    };
    f.forLoop(r as number, () => f.get(p.r0), () => f.get(p.r1), 1, () => {
      f.get(r as number).get(p.inH).op('i32_div_u').set(b as number);
      f.get(r as number).get(b as number).get(p.inH).op('i32_mul', 'i32_sub').set(y as number);
      // dy's image b
      f.get(1).get(b as number).get(p.outH).op('i32_mul').get(p.outW).op('i32_mul').get(l.outCB as number).op('i32_mul', 'i32_add').set(img as number);
      f.forLoop(xo as number, () => f.i32(0), () => f.get(p.inW), 1, () => {
        f.get(r as number).get(p.inW).op('i32_mul').get(xo as number).op('i32_add').get(l.cellB as number).op('i32_mul').set(px as number);
        f.get(2).get(px as number).op('i32_add').set(D);
        zero(c, D, l.cellB as number);
        f.forLoop(ky as number, () => f.i32(0), () => f.get(p.fH), 1, () => {
          lands(y as number, p.padTop, ky as number, p.dH, p.sH, p.outH, oy);
          f.if(() => {
            f.forLoop(kx as number, () => f.i32(0), () => f.get(p.fW), 1, () => {
              lands(xo as number, p.padLeft, kx as number, p.dW, p.sW, p.outW, ox);
              f.if(() => {
                f.get(img as number).get(oy).get(p.outW).op('i32_mul').get(ox).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').set(A);
                f.get(0).get(ky as number).get(p.fW).op('i32_mul').get(kx as number).op('i32_add').get(l.outCB as number).op('i32_mul', 'i32_add').set(B);
                inputChannels(c, D, A, B);
              });
            });
          });
        });
      });
    });
  }
  return mb;
}
