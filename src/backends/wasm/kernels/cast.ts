// Cast on the wasm backend: int32 → float32 (images and labels fed as integers; f32x4.convert_i32x4_s
// rounds to nearest even, as TensorFlow's static_cast does) and float32 → int32 (truncation, x86's
// INT32_MIN for NaN and out of range) as vector loops, four vectors per iteration; the other pairs
// run the CPU kernel on heap views (hosted.ts).
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type WasmKernelFactory, runSplit } from './elementwise.js';
import { hostedKernel } from './hosted.js';

const I = ValType.i32;

/** Vectors per iteration of the main loops (independent conversions; 1M values: see the header). */
const UNROLL = 4;

interface Conversion {
  /** Converts the vector on the stack. */
  readonly vec: () => void;
  /** Converts the value on the stack (read by `load`, written by `store`). */
  readonly lane: () => void;
  readonly load: 'i32Load' | 'f32Load';
  readonly store: 'i32Store' | 'f32Store';
}

/**
 * `name(x, out, n)` over n 4-byte values: blocks of UNROLL vectors, then single vectors, then
 * single values; `conversion` makes its locals in f and returns its emitters.
 */
function convertFunction(mb: ModuleBuilder, name: string, conversion: (f: FunctionBuilder) => Conversion): void {
  const f = mb.func(name, [I, I, I]);
  const [x, out, n] = [0, 1, 2];
  const [i, blkB, vecB, allB] = [f.local(I), f.local(I), f.local(I), f.local(I)];
  const c = conversion(f);
  f.get(n).i32(-4 * UNROLL).op('i32_and').i32(2).op('i32_shl').set(blkB);
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(vecB);
  f.get(n).i32(2).op('i32_shl').set(allB);
  f.forLoop(i, () => f.i32(0), () => f.get(blkB), 16 * UNROLL, () => {
    for (let u = 0; u < UNROLL; u++) {
      f.get(out).get(i).op('i32_add').get(x).get(i).op('i32_add').v128Load(16 * u, 0);
      c.vec();
      f.v128Store(16 * u, 0);
    }
  });
  f.forLoop(i, () => f.get(blkB), () => f.get(vecB), 16, () => {
    f.get(out).get(i).op('i32_add').get(x).get(i).op('i32_add').v128Load(0, 0);
    c.vec();
    f.v128Store(0, 0);
  });
  f.forLoop(i, () => f.get(vecB), () => f.get(allB), 4, () => {
    f.get(out).get(i).op('i32_add').get(x).get(i).op('i32_add')[c.load]();
    c.lane();
    f[c.store]();
  });
}

const TWO_31 = 2147483648;
const INT32_MIN = -2147483648;

/**
 * `i2f(x, out, n)`: float32 of n int32 values. `f2i(x, out, n)`: int32 of n float32 values as
 * x86's cvttss2si (TensorFlow's static_cast there): truncation toward zero, INT32_MIN for NaN
 * and out-of-range values (the CPU kernel's rule: cpu/kernels/cast.ts).
 */
function castModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  convertFunction(mb, 'i2f', (f) => ({
    vec: () => f.simd('f32x4_convert_i32x4_s'),
    lane: () => f.op('f32_convert_i32_s'),
    load: 'i32Load',
    store: 'f32Store',
  }));
  convertFunction(mb, 'f2i', (f) => {
    const v = f.local(ValType.v128);
    const x = f.local(ValType.f32);
    const ok = f.local(I);
    return {
      // trunc_sat gives INT32_MIN below the range; NaN (0 there) and values ≥ 2^31 (INT32_MAX) take INT32_MIN
      vec: () => f.tee(v).simd('i32x4_trunc_sat_f32x4_s').i32x4(INT32_MIN).get(v).f32x4(TWO_31).simd('f32x4_lt', 'v128_bitselect'),
      // a value outside [-2^31, 2^31) or NaN is replaced by 0 before the (trapping) truncation
      lane: () => {
        f.tee(x).f32(-TWO_31).op('f32_ge').get(x).f32(TWO_31).op('f32_lt', 'i32_and').set(ok);
        f.get(x).f32(0).get(ok).op('select', 'i32_trunc_f32_s').i32(INT32_MIN).get(ok).op('select');
      },
      load: 'f32Load',
      store: 'i32Store',
    };
  });
  return mb;
}

const module = (): PoolModule => kernelModule('cast', castModule);
const ONE_ARRAY: readonly boolean[] = [false];

export const castKernel: WasmKernelFactory = (be, sig, attrs) => {
  const fn = sig.inputs[0] === 'int32' && attrs.DstT === 'float32' ? 'i2f' : sig.inputs[0] === 'float32' && attrs.DstT === 'int32' ? 'f2i' : null;
  if (fn === null) return hostedKernel('Cast')(be, sig, attrs);
  const dst = attrs.DstT as 'float32' | 'int32';
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const o = ctx.output(0, dst, x.shape) as WasmTensor;
    runSplit(be, module(), fn, [x.ptr], ONE_ARRAY, o.ptr, x.size);
    return [o];
  };
};
