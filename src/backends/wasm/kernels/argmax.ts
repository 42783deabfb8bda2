// ArgMax of float32 along the last axis on the wasm backend, as the CPU kernel (Eigen's reducer):
// from index 0 holding the lowest float, a value replaces the best only where strictly greater,
// so NaN and -inf are never chosen and ties keep the first index. Four lanes keep the best of
// their columns (indices r ≡ lane mod 4); the lanes are then merged (the greatest value, the
// smallest index among equals) and the row's tail scanned. Other axes, dtypes and the error
// cases run the CPU kernel on heap views.
import type { KernelContext } from '../../backend.js';
import { input } from '../backend.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import type { WasmKernelFactory } from './elementwise.js';
import { hostedKernel } from './hosted.js';
import { LOWEST } from './pool-module.js';
import { splitRows } from './rows.js';
import { heapScratch } from './scratch.js';

const I = ValType.i32;
const F = ValType.f32;
const V = ValType.v128;

/**
 * `argmax(x, out, rows, cols)`: out[r] (int32) = the first index of row r's maximum. The lanes'
 * indices are kept as floats (exact below 2^24, which the kernel checks), so the four lanes are
 * read back by lane extraction.
 */
function argmaxModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('argmax', [I, I, I, I]);
  const [x, out, rows, cols] = [0, 1, 2, 3];
  const [r, j, n4, nAll] = Array.from({ length: 4 }, () => f.local(I));
  const [bv, bi, v, li] = Array.from({ length: 4 }, () => f.local(F));
  const [bestV, bestI, idx, vv, m] = Array.from({ length: 5 }, () => f.local(V));
  f.get(cols).i32(-4).op('i32_and').i32(2).op('i32_shl').set(n4);
  f.get(cols).i32(2).op('i32_shl').set(nAll);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.f32x4(LOWEST).set(bestV);
    f.f32x4(0).set(bestI);
    f.f32x4(0, 1, 2, 3).set(idx);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(x).get(j).op('i32_add').v128Load(0, 0).tee(vv).get(bestV).simd('f32x4_gt').set(m);
      f.get(vv).get(bestV).get(m).simd('v128_bitselect').set(bestV);
      f.get(idx).get(bestI).get(m).simd('v128_bitselect').set(bestI);
      f.get(idx).f32x4(4).simd('f32x4_add').set(idx);
    });
    f.get(bestV).extractLane(0).set(bv);
    f.get(bestI).extractLane(0).set(bi);
    for (let lane = 1; lane < 4; lane++) {
      f.get(bestV).extractLane(lane).set(v);
      f.get(bestI).extractLane(lane).set(li);
      // v > bv, or v == bv with a smaller index
      f.get(v).get(bv).op('f32_gt');
      f.get(v).get(bv).op('f32_eq').get(li).get(bi).op('f32_lt', 'i32_and', 'i32_or');
      f.if(() => {
        f.get(v).set(bv);
        f.get(li).set(bi);
      });
    }
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(x).get(j).op('i32_add').f32Load().tee(v).get(bv).op('f32_gt');
      f.if(() => {
        f.get(v).set(bv);
        f.get(j).i32(2).op('i32_shr_u', 'f32_convert_i32_s').set(bi);
      });
    });
    f.get(out).get(r).i32(2).op('i32_shl', 'i32_add').get(bi).op('i32_trunc_f32_s').i32Store();
    f.get(x).get(nAll).op('i32_add').set(x);
  });
  return mb;
}

const module = (): PoolModule => kernelModule('argmax', argmaxModule);

export const argMaxKernel: WasmKernelFactory = (be, sig, attrs) => {
  const hosted = hostedKernel('ArgMax')(be, sig, attrs);
  const outType = sig.outputs[0];
  if (sig.inputs[0] !== 'float32' || (outType !== 'int32' && outType !== 'int64') || !hosted) return hosted;
  return (inputs, ctx: KernelContext) => {
    const x = input(inputs, 0);
    const dim = input(inputs, 1);
    const rank = x.shape.length;
    const d = dim.size === 1 ? Number((dim.data() as ArrayLike<number | bigint>)[0]) : Number.NaN;
    const cols = rank > 0 ? (x.shape[rank - 1] as number) : 0;
    // the last axis of a non-empty row set (indices below 2^24); the rest, and every error, as the CPU kernel
    if (rank === 0 || (d !== rank - 1 && d !== -1) || cols === 0 || cols >= 2 ** 24 || x.size === 0) return hosted(inputs, ctx);
    const rows = x.size / cols;
    const o = ctx.output(0, outType, x.shape.slice(0, -1)) as WasmTensor;
    // int32 indices straight into the output, or into scratch then widened (int64)
    const dst = outType === 'int32' ? o.ptr : heapScratch(be, 'argmax indices', rows * 4);
    splitRows(be, module(), 'argmax', rows, cols, (r0, n) => [x.ptr + r0 * cols * 4, dst + r0 * 4, n, cols]);
    if (outType === 'int64') {
      const idx = new Int32Array(be.heap.buffer(), dst, rows);
      const wide = new BigInt64Array(be.heap.buffer(), o.ptr, rows);
      for (let i = 0; i < rows; i++) wide[i] = BigInt(idx[i] as number);
    }
    return [o];
  };
};
