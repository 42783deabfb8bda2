// The wasm module of AvgPool and AvgPoolGrad (float32, NHWC): the window loops of pool-module.ts,
// SIMD over sixteen channels per window walk (AvgPool), then four, then one channel at a time for
// the depth's last depth % 4.
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type ChannelPass, GEOMETRY, type WindowLocals, geometryParams, windows } from './pool-module.js';

const I = ValType.i32;
const V = ValType.v128;
const F = ValType.f32;

/** Pushes the window's count of real cells, (y1 − y0)·(x1 − x0), as an f32. */
function count(f: FunctionBuilder, w: WindowLocals): void {
  f.get(w.y1).get(w.y0).op('i32_sub').get(w.x1).get(w.x0).op('i32_sub', 'i32_mul', 'f32_convert_i32_s');
}

/**
 * `avgpool(x, out, …geometry)`: each window's mean over its real cells only (TensorFlow's SAME
 * average: padding cells are not counted), summed in float32.
 * `avgpool_grad(dx, dy, …geometry)`: each dy divided by its window's count and added into dx
 * (zeroed by the caller) over the window's real cells.
 */
export function avgPoolModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  {
    const f = mb.func('avgpool', new Array<ValType>(2 + GEOMETRY.length).fill(I));
    const accs = [f.local(V), f.local(V), f.local(V), f.local(V)];
    const s = f.local(F);
    /** The pass over `n` vectors of channels (sixteen channels per window walk with four). */
    const vectors = (n: number): ChannelPass => ({
      start: () => {
        for (let u = 0; u < n; u++) f.f32x4(0).set(accs[u] as number);
      },
      cell: (addr) => {
        for (let u = 0; u < n; u++) f.get(accs[u] as number).get(addr).v128Load(16 * u, 0).simd('f32x4_add').set(accs[u] as number);
      },
      end: (o, d, w) => {
        for (let u = 0; u < n; u++) {
          f.get(o).get(d).op('i32_add').get(accs[u] as number);
          count(f, w);
          f.simd('f32x4_splat', 'f32x4_div').v128Store(16 * u, 0);
        }
      },
    });
    const one = vectors(1);
    windows(
      f,
      0,
      1,
      geometryParams(2),
      one.start,
      one.cell,
      one.end,
      {
        start: () => f.f32(0).set(s),
        cell: (addr) => f.get(s).get(addr).f32Load().op('f32_add').set(s),
        end: (o, d, w) => {
          f.get(o).get(d).op('i32_add').get(s);
          count(f, w);
          f.op('f32_div').f32Store();
        },
      },
      vectors(4),
    );
  }
  {
    const f = mb.func('avgpool_grad', new Array<ValType>(2 + GEOMETRY.length).fill(I));
    const [dx, dy] = [0, 1];
    const g = f.local(V);
    const s = f.local(F);
    windows(
      f,
      dx,
      dy,
      geometryParams(2),
      (_first, d, w) => {
        f.get(w.o).get(d).op('i32_add').v128Load(0, 0);
        count(f, w);
        f.simd('f32x4_splat', 'f32x4_div').set(g);
      },
      (addr) => {
        f.get(addr).get(addr).v128Load(0, 0).get(g).simd('f32x4_add').v128Store(0, 0);
      },
      () => {},
      {
        start: (_first, d, w) => {
          f.get(w.o).get(d).op('i32_add').f32Load();
          count(f, w);
          f.op('f32_div').set(s);
        },
        cell: (addr) => f.get(addr).get(addr).f32Load().get(s).op('f32_add').f32Store(),
        end: () => {},
      },
    );
  }
  return mb;
}
