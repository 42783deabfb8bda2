// Cast on the wasm backend: int32 → float32 (images and labels fed as integers) as a vector loop
// (f32x4.convert_i32x4_s rounds to nearest even, as TensorFlow's static_cast does); the other
// pairs run the CPU kernel on heap views (hosted.ts).
import { ModuleBuilder, ValType } from '../builder/index.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type WasmKernelFactory, runSplit } from './elementwise.js';
import { hostedKernel } from './hosted.js';

const I = ValType.i32;

/** `i2f(x, out, n)`: out[i] = float32(x[i]) for n int32 values, four at a time, then one. */
function castModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('i2f', [I, I, I]);
  const [x, out, n] = [0, 1, 2];
  const [i, vecB, allB] = [f.local(I), f.local(I), f.local(I)];
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(vecB);
  f.get(n).i32(2).op('i32_shl').set(allB);
  f.forLoop(i, () => f.i32(0), () => f.get(vecB), 16, () => {
    f.get(out).get(i).op('i32_add').get(x).get(i).op('i32_add').v128Load(0, 0).simd('f32x4_convert_i32x4_s').v128Store(0, 0);
  });
  f.forLoop(i, () => f.get(vecB), () => f.get(allB), 4, () => {
    f.get(out).get(i).op('i32_add').get(x).get(i).op('i32_add').i32Load().op('f32_convert_i32_s').f32Store();
  });
  return mb;
}

const module = (): PoolModule => kernelModule('cast', castModule);
const ONE_ARRAY: readonly boolean[] = [false];

export const castKernel: WasmKernelFactory = (be, sig, attrs) => {
  if (sig.inputs[0] !== 'int32' || attrs.DstT !== 'float32') return hostedKernel('Cast')(be, sig, attrs);
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
    runSplit(be, module(), 'i2f', [x.ptr], ONE_ARRAY, o.ptr, x.size);
    return [o];
  };
};
