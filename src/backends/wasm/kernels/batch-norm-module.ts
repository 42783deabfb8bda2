// The wasm module of FusedBatchNormV3 and its gradient on float32 with channels last: per-channel
// float64 arithmetic in the CPU reference's order (compute/nn.ts, the channels-last forms), so
// both backends give the same float32 results; two channels per f64x2 operation.
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

const I = ValType.i32;
const D = ValType.f64;

/** The channel loops' operands: the element (two channels) and a per-channel float64 array. */
interface Loop {
  readonly f: FunctionBuilder;
  /** Pushes the address of element (row, c) of a [rows, C] float32 array at param `p`. */
  readonly at: (p: number) => FunctionBuilder;
  /** Pushes the address of channel c of a float64 array at param `p`. */
  readonly ch: (p: number) => FunctionBuilder;
}

/**
 * For every row of a [rows, C] array, the channels c0 ≤ c < c1 in row order: `pair(L)` for two
 * channels at a time (f64x2), `one(L)` for the last when the range is odd.
 */
function channels(f: FunctionBuilder, rows: number, C: number, c0: number, c1: number, pair: (l: Loop) => void, one: (l: Loop) => void): void {
  const [r, c, row, cPairs] = [f.local(I), f.local(I), f.local(I), f.local(I)];
  f.get(c1).get(c0).op('i32_sub').i32(-2).op('i32_and').get(c0).op('i32_add').set(cPairs);
  const l: Loop = {
    f,
    at: (p) => f.get(p).get(row).op('i32_add').get(c).i32(2).op('i32_shl', 'i32_add'),
    ch: (p) => f.get(p).get(c).i32(3).op('i32_shl', 'i32_add'),
  };
  f.i32(0).set(row);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.forLoop(c, () => f.get(c0), () => f.get(cPairs), 2, () => pair(l));
    f.get(cPairs).get(c1).op('i32_lt_s').if(() => {
      f.get(cPairs).set(c);
      one(l);
    });
    f.get(row).get(C).i32(2).op('i32_shl', 'i32_add').set(row);
  });
}

/** Pushes the two float32 elements (row, c), (row, c + 1) of the array at param `p` as an f64x2. */
const load2 = (l: Loop, p: number) => {
  l.at(p);
  l.f.load64Zero().simd('f64x2_promote_low_f32x4');
};
/** Pushes element (row, c) of the float32 array at param `p` as an f64. */
const load1 = (l: Loop, p: number) => {
  l.at(p);
  l.f.f32Load().op('f64_promote_f32');
};
/** acc[c] (+)= the value pushed by `v` (f64x2 or f64). */
const accumulate2 = (l: Loop, acc: number, v: () => void) => {
  l.ch(acc);
  l.ch(acc);
  l.f.v128Load(0, 0);
  v();
  l.f.simd('f64x2_add').v128Store(0, 0);
};
const accumulate1 = (l: Loop, acc: number, v: () => void) => {
  l.ch(acc);
  l.ch(acc);
  l.f.f64Load();
  v();
  l.f.op('f64_add').f64Store();
};

/**
 * `name(x, y, rows, C, c0, c1, p, q)`: y = (x·p[c]) ∘ q[c], ∘ an add (`affine`: x·mul + add) or a
 * product (`gradxfixed`: g·scale·rstd), in float64, rounded to float32.
 */
function twoFactors(mb: ModuleBuilder, name: string, second: 'add' | 'mul'): void {
  const f = mb.func(name, [I, I, I, I, I, I, I, I]);
  const [x, y, rows, C, c0, c1, p, q] = [0, 1, 2, 3, 4, 5, 6, 7];
  channels(
    f,
    rows,
    C,
    c0,
    c1,
    (l) => {
      l.at(y);
      load2(l, x);
      l.ch(p).v128Load(0, 0).simd('f64x2_mul');
      l.ch(q).v128Load(0, 0).simd(second === 'add' ? 'f64x2_add' : 'f64x2_mul', 'f32x4_demote_f64x2_zero');
      f.store64Lane(0);
    },
    (l) => {
      l.at(y);
      load1(l, x);
      l.ch(p).f64Load().op('f64_mul');
      l.ch(q).f64Load().op(second === 'add' ? 'f64_add' : 'f64_mul', 'f32_demote_f64').f32Store();
    },
  );
}

/**
 * Over rows × channels [c0, c1) (params 0…: as named in each function's comment):
 * - `sum(x, rows, C, c0, c1, acc)`: acc[c] += x.
 * - `sumsq(x, rows, C, c0, c1, mean, acc)`: acc[c] += (x − mean[c])².
 * - `affine(x, y, rows, C, c0, c1, mul, add)`: y = x·mul[c] + add[c], rounded to float32.
 * - `gradsums(dy, x, rows, C, c0, c1, mean, rstd, sumDy, sumDyXhat)`: sumDy[c] += g,
 *   sumDyXhat[c] += g·(x − mean[c])·rstd[c].
 * - `gradx(dy, x, dx, rows, C, c0, c1, mean, rstd, a, b, s, count)`: dx = a[c]·((g − b[c]) −
 *   ((x − mean[c])·rstd[c]·s[c])/count) (a = scale·rstd, b = Σg/count, s = Σg·x̂).
 * - `gradxfixed(dy, dx, rows, C, c0, c1, scale, rstd)`: dx = g·scale[c]·rstd[c].
 * Per-channel arrays are float64; the accumulators are zeroed by the caller.
 */
export function batchNormModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  {
    const f = mb.func('sum', [I, I, I, I, I, I]);
    const [x, rows, C, c0, c1, acc] = [0, 1, 2, 3, 4, 5];
    channels(
      f,
      rows,
      C,
      c0,
      c1,
      (l) => accumulate2(l, acc, () => load2(l, x)),
      (l) => accumulate1(l, acc, () => load1(l, x)),
    );
  }
  {
    const f = mb.func('sumsq', [I, I, I, I, I, I, I]);
    const [x, rows, C, c0, c1, mean, acc] = [0, 1, 2, 3, 4, 5, 6];
    const d2 = f.local(ValType.v128);
    const d1 = f.local(D);
    channels(
      f,
      rows,
      C,
      c0,
      c1,
      (l) =>
        accumulate2(l, acc, () => {
          load2(l, x);
          l.ch(mean).v128Load(0, 0).simd('f64x2_sub').tee(d2).get(d2).simd('f64x2_mul');
        }),
      (l) =>
        accumulate1(l, acc, () => {
          load1(l, x);
          l.ch(mean).f64Load().op('f64_sub').tee(d1).get(d1).op('f64_mul');
        }),
    );
  }
  twoFactors(mb, 'affine', 'add');
  {
    const f = mb.func('gradsums', [I, I, I, I, I, I, I, I, I, I]);
    const [dy, x, rows, C, c0, c1, mean, rstd, sumDy, sumDyXhat] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const g2 = f.local(ValType.v128);
    const g1 = f.local(D);
    channels(
      f,
      rows,
      C,
      c0,
      c1,
      (l) => {
        load2(l, dy);
        f.set(g2);
        accumulate2(l, sumDy, () => f.get(g2));
        // (g·(x − mean))·rstd
        accumulate2(l, sumDyXhat, () => {
          f.get(g2);
          load2(l, x);
          l.ch(mean).v128Load(0, 0).simd('f64x2_sub', 'f64x2_mul');
          l.ch(rstd).v128Load(0, 0).simd('f64x2_mul');
        });
      },
      (l) => {
        load1(l, dy);
        f.set(g1);
        accumulate1(l, sumDy, () => f.get(g1));
        accumulate1(l, sumDyXhat, () => {
          f.get(g1);
          load1(l, x);
          l.ch(mean).f64Load().op('f64_sub', 'f64_mul');
          l.ch(rstd).f64Load().op('f64_mul');
        });
      },
    );
  }
  {
    const f = mb.func('gradx', [I, I, I, I, I, I, I, I, I, I, I, I, D]);
    const [dy, x, dx, rows, C, c0, c1, mean, rstd, a, b, s, count] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const n2 = f.local(ValType.v128);
    f.get(count).simd('f64x2_splat').set(n2);
    channels(
      f,
      rows,
      C,
      c0,
      c1,
      (l) => {
        l.at(dx);
        l.ch(a).v128Load(0, 0);
        // (g − b) − (((x − mean)·rstd)·s)/count
        load2(l, dy);
        l.ch(b).v128Load(0, 0).simd('f64x2_sub');
        load2(l, x);
        l.ch(mean).v128Load(0, 0).simd('f64x2_sub');
        l.ch(rstd).v128Load(0, 0).simd('f64x2_mul');
        l.ch(s).v128Load(0, 0).simd('f64x2_mul');
        f.get(n2).simd('f64x2_div', 'f64x2_sub', 'f64x2_mul', 'f32x4_demote_f64x2_zero');
        f.store64Lane(0);
      },
      (l) => {
        l.at(dx);
        l.ch(a).f64Load();
        load1(l, dy);
        l.ch(b).f64Load().op('f64_sub');
        load1(l, x);
        l.ch(mean).f64Load().op('f64_sub');
        l.ch(rstd).f64Load().op('f64_mul');
        l.ch(s).f64Load().op('f64_mul');
        f.get(count).op('f64_div', 'f64_sub', 'f64_mul', 'f32_demote_f64').f32Store();
      },
    );
  }
  twoFactors(mb, 'gradxfixed', 'mul');
  return mb;
}
