import { WA, hasWebAssembly } from './wasm-api.js';
import { enableRelaxedSimd } from '../../core/platform.js';
import { ModuleBuilder, ValType } from './builder/index.js';

/** What the engine offers the wasm backend (detected once). */
export interface WasmFeatures {
  /** WebAssembly with 128-bit SIMD. */
  readonly simd: boolean;
  /** `f32x4.relaxed_madd` (V8 flag turned on where the host allows). */
  readonly relaxedSimd: boolean;
  /** A shared `WebAssembly.Memory` (SharedArrayBuffer). */
  readonly sharedMemory: boolean;
}

function validates(build: (mb: ModuleBuilder) => void): boolean {
  if (!hasWebAssembly()) return false;
  const mb = new ModuleBuilder(null);
  build(mb);
  try {
    return WA.validate(mb.bytes());
  } catch {
    return false;
  }
}

const simdProbe = (mb: ModuleBuilder) => {
  mb.func('f', [ValType.f32], [ValType.f32]).get(0).simd('f32x4_splat').extractLane(0);
};
const relaxedProbe = (mb: ModuleBuilder) => {
  const f = mb.func('f', [ValType.f32], [ValType.f32]);
  f.get(0).simd('f32x4_splat').get(0).simd('f32x4_splat').get(0).simd('f32x4_splat').simd('f32x4_relaxed_madd').extractLane(0);
};

let relaxed: boolean | undefined;
/** Whether `f32x4.relaxed_madd` validates (turning V8's flag on first where allowed). */
export function relaxedSimdSupported(): boolean {
  if (relaxed === undefined) {
    relaxed = validates(relaxedProbe);
    if (!relaxed && enableRelaxedSimd()) relaxed = validates(relaxedProbe);
  }
  return relaxed;
}

let features: WasmFeatures | undefined;
export function wasmFeatures(): WasmFeatures {
  if (!features) {
    let sharedMemory = false;
    try {
      sharedMemory = typeof SharedArrayBuffer === 'function' && new WA.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
    } catch {
      sharedMemory = false;
    }
    const simd = validates(simdProbe);
    features = { simd, relaxedSimd: simd && relaxedSimdSupported(), sharedMemory };
  }
  return features;
}
