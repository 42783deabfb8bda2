// ResizeBilinear of float32 NHWC images on the wasm backend: four lanes of channels at a time,
// each output value `t + (b − t)·yLerp` from `t = tl + (tr − tl)·xLerp` (and b likewise), every
// step rounded to float32 (no fused multiply-add): the CPU kernel's values bit for bit. The
// source rows, columns and weights are the CPU kernel's (bilinearWeights), tabled once per
// geometry; output rows split over the threads. Other dtypes run the CPU kernel on heap views.
import { bilinearWeights, resizeScale } from '../../cpu/compute/resize.js';
import type { ResizeGeometry } from '../../cpu/compute/resize.js';
import { resizeGeometry } from '../../cpu/kernels/resize.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import type { WasmKernelFactory } from './elementwise.js';
import { hostedKernel } from './hosted.js';
import { splitRows } from './rows.js';
import { heapScratch } from './scratch.js';

const I = ValType.i32;

/**
 * `bilinear(x, out, r0, r1, outH, inH, rowB, depthB, outW, xTab, yTab)`: output rows r0 ≤ r <
 * r1 (r = b·outH + y) of `outW` pixels of `depthB` bytes; xTab holds per output column the left
 * and right source byte offsets within a row and the x weight, yTab per output row the lower and
 * upper source rows and the y weight (12 bytes each); rowB is a source row's bytes.
 */
function resizeModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('bilinear', new Array<ValType>(11).fill(I));
  const [x, out, r0, r1, outH, inH, rowB, depthB, outW, xTab, yTab] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [r, b, y, top, bot, o, xo, xe, l, rt, d, vecB] = Array.from({ length: 12 }, () => f.local(I));
  const [xl, yl] = [f.local(ValType.v128), f.local(ValType.v128)];
  const [xs, ys] = [f.local(ValType.f32), f.local(ValType.f32)];
  f.get(depthB).i32(-16).op('i32_and').set(vecB);
  f.get(out).get(r0).get(outW).op('i32_mul').get(depthB).op('i32_mul', 'i32_add').set(o);
  /** a + (c − a)·w on two values pushed by `a` and `c` (four lanes or one), w a local. */
  const lerp = (g: FunctionBuilder, lanes: boolean, a: () => void, c: () => void, w: number, t: number) => {
    a();
    g.tee(t);
    c();
    g.get(t);
    if (lanes) g.simd('f32x4_sub').get(w).simd('f32x4_mul', 'f32x4_add');
    else g.op('f32_sub').get(w).op('f32_mul', 'f32_add');
  };
  const tv = [f.local(ValType.v128), f.local(ValType.v128)];
  const tf = [f.local(ValType.f32), f.local(ValType.f32)];
  f.forLoop(r, () => f.get(r0), () => f.get(r1), 1, () => {
    f.get(r).get(outH).op('i32_div_u').set(b);
    f.get(r).get(b).get(outH).op('i32_mul', 'i32_sub').set(y);
    // yTab[y]: lower row, upper row, weight
    f.get(yTab).get(y).i32(12).op('i32_mul', 'i32_add').set(xe);
    f.get(x).get(b).get(inH).op('i32_mul').get(xe).i32Load().op('i32_add').get(rowB).op('i32_mul', 'i32_add').set(top);
    f.get(x).get(b).get(inH).op('i32_mul').get(xe).i32Load(4).op('i32_add').get(rowB).op('i32_mul', 'i32_add').set(bot);
    f.get(xe).f32Load(8).tee(ys).simd('f32x4_splat').set(yl);
    f.forLoop(xo, () => f.i32(0), () => f.get(outW), 1, () => {
      f.get(xTab).get(xo).i32(12).op('i32_mul', 'i32_add').set(xe);
      f.get(xe).i32Load().set(l);
      f.get(xe).i32Load(4).set(rt);
      f.get(xe).f32Load(8).tee(xs).simd('f32x4_splat').set(xl);
      const pass = (lanes: boolean) => {
        const ld = (row: number, col: number) => () => {
          f.get(row).get(col).op('i32_add').get(d).op('i32_add');
          if (lanes) f.v128Load(0, 0);
          else f.f32Load();
        };
        const [w, wy, t0, t1] = lanes ? [xl, yl, tv[0], tv[1]] : [xs, ys, tf[0], tf[1]];
        f.get(o).get(d).op('i32_add');
        lerp(f, lanes, () => lerp(f, lanes, ld(top, l), ld(top, rt), w as number, t0 as number), () => lerp(f, lanes, ld(bot, l), ld(bot, rt), w as number, t1 as number), wy as number, t0 as number);
        if (lanes) f.v128Store(0, 0);
        else f.f32Store();
      };
      f.forLoop(d, () => f.i32(0), () => f.get(vecB), 16, () => pass(true));
      f.forLoop(d, () => f.get(vecB), () => f.get(depthB), 4, () => pass(false));
      f.get(o).get(depthB).op('i32_add').set(o);
    });
  });
  return mb;
}

const bilinearModule = (): PoolModule => kernelModule('resize bilinear', resizeModule);

/** The x and y tables of a geometry (heap scratch, rebuilt when the geometry changes). */
function tables(be: WasmBackend, g: ResizeGeometry, last: { key: string; at: number }): { xTab: number; yTab: number } {
  const bytes = 12 * (g.outW + g.outH);
  const at = heapScratch(be, 'resize bilinear tables', bytes);
  const key = `${g.inH},${g.inW},${g.outH},${g.outW},${g.depth},${g.alignCorners},${g.halfPixelCenters}`;
  if (last.key !== key || last.at !== at) {
    const i32 = new Int32Array(be.heap.buffer(), at, bytes / 4);
    const f32 = new Float32Array(be.heap.buffer(), at, bytes / 4);
    const xs = bilinearWeights(g.outW, g.inW, resizeScale(g.inW, g.outW, g.alignCorners), g.halfPixelCenters);
    for (let i = 0; i < g.outW; i++) {
      i32[3 * i] = (xs.lower[i] as number) * g.depth * 4;
      i32[3 * i + 1] = (xs.upper[i] as number) * g.depth * 4;
      f32[3 * i + 2] = xs.lerp[i] as number;
    }
    const ys = bilinearWeights(g.outH, g.inH, resizeScale(g.inH, g.outH, g.alignCorners), g.halfPixelCenters);
    for (let i = 0, k = 3 * g.outW; i < g.outH; i++, k += 3) {
      i32[k] = ys.lower[i] as number;
      i32[k + 1] = ys.upper[i] as number;
      f32[k + 2] = ys.lerp[i] as number;
    }
    last.key = key;
    last.at = at;
  }
  return { xTab: at, yTab: at + 12 * g.outW };
}

export const resizeBilinearKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'float32') return hostedKernel('ResizeBilinear')(be, sig, attrs);
  const last = { key: '', at: -1 };
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const s = input(inputs, 1);
    const g = resizeGeometry(x.shape, s.shape, Array.from(s.data() as ArrayLike<number | bigint>, Number), ctx.env.attrs);
    const o = ctx.output(0, 'float32', [g.batch, g.outH, g.outW, g.depth]) as WasmTensor;
    if (o.size === 0) return [o];
    const { xTab, yTab } = tables(be, g, last);
    splitRows(be, bilinearModule(), 'bilinear', g.batch * g.outH, g.outW * g.depth, (r0, n) => [x.ptr, o.ptr, r0, r0 + n, g.outH, g.inH, g.inW * g.depth * 4, g.depth * 4, g.outW, xTab, yTab]);
    return [o];
  };
};
