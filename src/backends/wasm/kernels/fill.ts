// ZerosLike and OnesLike of 4-byte dtypes (float32, int32) on the wasm backend: a loop storing one
// 32-bit pattern, four vectors at a time (typed-array fill on the shared heap ran 7× slower than on
// a plain buffer, and zeros of an image batch's size are megabytes). Other dtypes run the CPU
// kernels on views.
import { ModuleBuilder, ValType } from '../builder/index.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { type WasmKernelFactory, runSplit } from './elementwise.js';
import { hostedKernel } from './hosted.js';

const I = ValType.i32;

/** `fill32(bits, dst, n)`: n 32-bit words at dst set to `bits` (runSplit's argument order). */
function fillModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('fill32', [I, I, I]);
  const [bits, dst, n] = [0, 1, 2];
  const [i, blkB, allB] = [f.local(I), f.local(I), f.local(I)];
  const v = f.local(ValType.v128);
  f.get(bits).simd('i32x4_splat').set(v);
  f.get(n).i32(-16).op('i32_and').i32(2).op('i32_shl').set(blkB);
  f.get(n).i32(2).op('i32_shl').set(allB);
  f.forLoop(i, () => f.i32(0), () => f.get(blkB), 64, () => {
    for (let u = 0; u < 4; u++) f.get(dst).get(i).op('i32_add').get(v).v128Store(16 * u, 0);
  });
  f.forLoop(i, () => f.get(blkB), () => f.get(allB), 4, () => {
    f.get(dst).get(i).op('i32_add').get(bits).i32Store();
  });
  return mb;
}

const module = (): PoolModule => kernelModule('fill', fillModule);

/** runSplit's flags for fill32's arguments: `bits` is passed as it is. */
const BITS: readonly boolean[] = [true];

/** ZerosLike or OnesLike: the pattern for each 4-byte dtype (1.0f's bits, 1). */
function likeKernel(op: 'ZerosLike' | 'OnesLike'): WasmKernelFactory {
  const ones: Record<string, number> = { float32: 0x3f800000, int32: 1 };
  return (be, sig, attrs) => {
    const dtype = sig.inputs[0] as string;
    if (!(dtype in ones)) return hostedKernel(op)(be, sig, attrs);
    const bits = op === 'ZerosLike' ? 0 : (ones[dtype] as number);
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const o = ctx.output(0, x.dtype, x.shape) as WasmTensor;
      runSplit(be, module(), 'fill32', [bits], BITS, o.ptr, o.size);
      return [o];
    };
  };
}

export const zerosLikeKernel = likeKernel('ZerosLike');
export const onesLikeKernel = likeKernel('OnesLike');
