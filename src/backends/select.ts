import { ValueError } from '../core/errors.js';
import { envVar } from '../core/platform.js';
import type { Backend } from './backend.js';
import { cpuBackend } from './cpu/backend.js';
import { WasmBackend, warnOnce } from './wasm/backend.js';
import { wasmFeatures } from './wasm/features.js';

/** The backends `tf.setBackend` and the Session option name. */
export type BackendName = 'cpu' | 'wasm';

let wasm: Backend | undefined;

/** The shared wasm backend (created on first use); the CPU backend, with a warning, where WebAssembly SIMD is missing. */
function wasmBackend(): Backend {
  if (!wasm) {
    if (!wasmFeatures().simd) {
      warnOnce("the wasm backend needs WebAssembly SIMD, which this host lacks: running on 'cpu'");
      wasm = cpuBackend;
    } else {
      try {
        wasm = new WasmBackend();
      } catch (e) {
        // V8 reserves address space for a wasm memory up front; a capped address space refuses it.
        if (!(e instanceof RangeError)) throw e;
        warnOnce(`the wasm backend could not reserve its memory (${e.message}): running on 'cpu'`);
        wasm = cpuBackend;
      }
    }
  }
  return wasm;
}

/** `TG_BACKEND` when it names a backend, else wasm wherever WebAssembly SIMD exists, else cpu. */
function fromEnvironment(): BackendName {
  const v = envVar('TG_BACKEND');
  if (v === 'cpu' || v === 'wasm') return v;
  if (v) warnOnce(`TG_BACKEND=${v} is not a backend (expected cpu or wasm): using the default`);
  if (wasmFeatures().simd) return 'wasm';
  warnOnce("this host lacks WebAssembly SIMD, which the wasm backend needs: running on 'cpu'");
  return 'cpu';
}

let current: BackendName | undefined;

/** A backend by name, or a Backend as is. */
export function resolveBackend(b: BackendName | Backend): Backend {
  if (typeof b === 'object' && b !== null) return b;
  if (b === 'cpu') return cpuBackend;
  if (b === 'wasm') return wasmBackend();
  throw new ValueError(`Unknown backend ${JSON.stringify(b)}: expected 'cpu' or 'wasm'`);
}

/** The backend new sessions run on: `setBackend`'s choice, else TG_BACKEND, else wasm where SIMD exists, else 'cpu'. */
export function defaultBackend(): Backend {
  current ??= fromEnvironment();
  return resolveBackend(current);
}

/** `tf.setBackend(name)`: the backend new sessions use ('cpu' | 'wasm'). */
export function setBackend(name: BackendName): void {
  resolveBackend(name);
  current = name;
}

/** `tf.getBackend()`: the name of the backend new sessions use. */
export function getBackend(): BackendName {
  current ??= fromEnvironment();
  return current;
}
