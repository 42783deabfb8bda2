import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

const I = ValType.i32;
const V = ValType.v128;

/** TensorFlow's max starts from the lowest float: an all-NaN window gives it. */
export const LOWEST = -3.4028234663852886e38;

/** Params shared by the pooling functions, after their pointers: the NHWC geometry of `nb` images. */
export const GEOMETRY = ['nb', 'inH', 'inW', 'depth', 'kH', 'kW', 'sH', 'sW', 'outH', 'outW', 'padTop', 'padLeft'] as const;

export type GeometryParams = Record<(typeof GEOMETRY)[number], number>;

/** The geometry params' local indices when they follow `pointers` pointer params. */
export const geometryParams = (pointers: number): GeometryParams => Object.fromEntries(GEOMETRY.map((n, i) => [n, i + pointers])) as GeometryParams;

/** The current window's i32 locals: its real cells are rows [y0, y1) and columns [x0, x1). */
export interface WindowLocals {
  readonly o: number;
  readonly y0: number;
  readonly y1: number;
  readonly x0: number;
  readonly x1: number;
}

/** One pass of the channel loop: its callbacks, as `windows` takes them. */
export interface ChannelPass {
  readonly start: (first: number, d: number, w: WindowLocals) => void;
  readonly cell: (addr: number) => void;
  readonly end: (o: number, d: number, w: WindowLocals) => void;
}

/**
 * The window loops: for each output pixel (`o` its byte address in the output, from `out`) and
 * each 4-channel group `d` (bytes), `cell(addr)` for every real cell of the window in row-major
 * order (`addr` its x address), between `start(first)` and `end()`. Without `tail` the channels
 * must be a multiple of 4; with it, the channels past the last whole group run one at a time
 * (`d` then steps by 4 bytes) through `tail`'s callbacks. With `wide`, the channels first run
 * sixteen at a time (`d` steps by 64 bytes) through its callbacks, as far as whole groups of
 * sixteen go: a window's cell addresses are then computed once per four vectors.
 */
export function windows(
  f: FunctionBuilder,
  x: number,
  out: number,
  p: GeometryParams,
  start: ChannelPass['start'],
  cell: ChannelPass['cell'],
  end: ChannelPass['end'],
  tail?: ChannelPass,
  wide?: ChannelPass,
): void {
  const L = () => f.local(I);
  const [b, oy, ox, d, iy, ix, t, y0, y1, x0, x1, depthB, rowB, planeB, xb, o, addr, first] = Array.from({ length: 18 }, L) as number[];
  const max0 = (v: number) => f.get(v).i32(0).get(v).i32(0).op('i32_gt_s', 'select');
  const min = (u: number, lim: number) => f.get(u).get(lim).get(u).get(lim).op('i32_lt_s', 'select');
  /** The window's real cells along one axis: [lo, hi) = [max(0, s), min(s + k, lim)) with s = pos·stride − pad. */
  const span = (pos: number, stride: number, pad: number, k: number, lim: number, lo: number, hi: number) => {
    f.get(pos).get(stride).op('i32_mul').get(pad).op('i32_sub').set(t as number);
    max0(t as number);
    f.set(lo);
    f.get(t as number).get(k).op('i32_add').set(t as number);
    min(t as number, lim);
    f.set(hi);
  };
  const w: WindowLocals = { o: o as number, y0: y0 as number, y1: y1 as number, x0: x0 as number, x1: x1 as number };
  /** The channel loop over [from, to) bytes by `step`, the window's cells inside. */
  const channels = (from: () => void, to: () => void, step: number, pass: ChannelPass) => {
    f.forLoop(d as number, from, to, step, () => {
      f.get(xb as number).get(y0 as number).get(rowB as number).op('i32_mul', 'i32_add');
      f.get(x0 as number).get(depthB as number).op('i32_mul', 'i32_add').get(d as number).op('i32_add').set(first as number);
      pass.start(first as number, d as number, w);
      f.forLoop(iy as number, () => f.get(y0 as number), () => f.get(y1 as number), 1, () => {
        f.forLoop(ix as number, () => f.get(x0 as number), () => f.get(x1 as number), 1, () => {
          f.get(xb as number).get(iy as number).get(rowB as number).op('i32_mul', 'i32_add');
          f.get(ix as number).get(depthB as number).op('i32_mul', 'i32_add').get(d as number).op('i32_add').set(addr as number);
          pass.cell(addr as number);
        });
      });
      pass.end(o as number, d as number, w);
    });
  };
  f.get(p.depth).i32(2).op('i32_shl').set(depthB as number);
  // the whole 4-channel groups' bytes, where a tail follows them
  const vecB = tail ? f.local(I) : undefined;
  if (vecB !== undefined) f.get(depthB as number).i32(-16).op('i32_and').set(vecB);
  // the whole 16-channel groups' bytes, where a wide pass runs them
  const wideB = wide ? f.local(I) : undefined;
  if (wideB !== undefined) f.get(depthB as number).i32(-64).op('i32_and').set(wideB);
  f.get(p.inW).get(depthB as number).op('i32_mul').set(rowB as number);
  f.get(p.inH).get(rowB as number).op('i32_mul').set(planeB as number);
  f.get(out).set(o as number);
  f.forLoop(b as number, () => f.i32(0), () => f.get(p.nb), 1, () => {
    f.get(x).get(b as number).get(planeB as number).op('i32_mul', 'i32_add').set(xb as number);
    f.forLoop(oy as number, () => f.i32(0), () => f.get(p.outH), 1, () => {
      span(oy as number, p.sH, p.padTop, p.kH, p.inH, y0 as number, y1 as number);
      f.forLoop(ox as number, () => f.i32(0), () => f.get(p.outW), 1, () => {
        span(ox as number, p.sW, p.padLeft, p.kW, p.inW, x0 as number, x1 as number);
        if (wide && wideB !== undefined) channels(() => f.i32(0), () => f.get(wideB), 64, wide);
        channels(wideB === undefined ? () => f.i32(0) : () => f.get(wideB), vecB === undefined ? () => f.get(depthB as number) : () => f.get(vecB), 16, { start, cell, end });
        if (tail && vecB !== undefined) channels(() => f.get(vecB), () => f.get(depthB as number), 4, tail);
        f.get(o as number).get(depthB as number).op('i32_add').set(o as number);
      });
    });
  });
}

/**
 * `maxpool(x, out, …geometry)`: the max of each window's real cells as TensorFlow takes it: from
 * the lowest float, a cell replacing the max only where larger (pmax), so NaN never wins and a
 * window of NaN and -inf gives the lowest float. Sixteen channels at a time, then four, then one.
 * `maxpool_grad(x, dy, dx, …geometry, scratch)`: dy added into dx (zeroed by the caller) at each
 * window's maximum: the first in row-major order; a leading NaN keeps the first cell.
 */
export function poolModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  {
    const f = mb.func('maxpool', new Array<ValType>(2 + GEOMETRY.length).fill(I));
    const p = geometryParams(2);
    const acc = [f.local(V), f.local(V), f.local(V), f.local(V)];
    const one = f.local(ValType.f32);
    const v = f.local(ValType.f32);
    /** The pass over `n` vectors of channels: acc[u] = pmax(acc[u], x) (acc < x ? x : acc). */
    const vectors = (n: number): ChannelPass => ({
      start: () => {
        for (let u = 0; u < n; u++) f.f32x4(LOWEST).set(acc[u] as number);
      },
      cell: (addr) => {
        for (let u = 0; u < n; u++) f.get(acc[u] as number).get(addr).v128Load(16 * u, 0).simd('f32x4_pmax').set(acc[u] as number);
      },
      end: (o, d) => {
        for (let u = 0; u < n; u++) f.get(o).get(d).op('i32_add').get(acc[u] as number).v128Store(16 * u, 0);
      },
    });
    const lanes = vectors(1);
    windows(f, 0, 1, p, lanes.start, lanes.cell, lanes.end, {
      start: () => f.f32(LOWEST).set(one),
      cell: (addr) => {
        f.get(addr).f32Load().set(v);
        f.get(v).get(one).get(one).get(v).op('f32_lt', 'select').set(one);
      },
      end: (o, d) => f.get(o).get(d).op('i32_add').get(one).f32Store(),
    }, vectors(4));
  }
  {
    const f = mb.func('maxpool_grad', new Array<ValType>(4 + GEOMETRY.length).fill(I));
    const [x, dy, dx] = [0, 1, 2];
    const p = geometryParams(3);
    const scratch = 3 + GEOMETRY.length;
    const bestV = f.local(V);
    const best = f.local(V);
    const v = f.local(V);
    const m = f.local(V);
    const lanes = () => f.i32x4(0, 4, 8, 12).simd('i32x4_add');
    windows(
      f,
      x,
      dy,
      p,
      (first) => {
        f.get(first).v128Load(0, 0).set(bestV);
        f.get(first).simd('i32x4_splat');
        lanes();
        f.set(best);
      },
      (addr) => {
        f.get(addr).v128Load(0, 0).tee(v).get(bestV).simd('f32x4_gt').set(m);
        f.get(v).get(bestV).get(m).simd('v128_bitselect').set(bestV);
        f.get(addr).simd('i32x4_splat');
        lanes();
        f.get(best).get(m).simd('v128_bitselect').set(best);
      },
      (o, d) => {
        // SAME and VALID windows always hold a real cell, so `best` names one.
        f.get(scratch).get(best).v128Store(0, 0);
        for (let l = 0; l < 4; l++) {
          const target = () => f.get(scratch).i32Load(l * 4).get(x).op('i32_sub').get(dx).op('i32_add');
          target();
          target();
          f.f32Load();
          f.get(o).get(d).op('i32_add').f32Load(l * 4).op('f32_add').f32Store();
        }
      },
    );
  }
  return mb;
}
