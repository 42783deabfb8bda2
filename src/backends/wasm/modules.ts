import { WA } from './wasm-api.js';
import type { ModuleBuilder } from './builder/index.js';
import type { PoolModule } from './pool.js';

let nextId = 1;
const cache = new Map<string, PoolModule>();
let recorded: Map<string, Uint8Array> | null = null;

/**
 * From now on, keeps the bytes of every kernel module compiled, by key (a tool's hook:
 * scripts/check-spills.ts disassembles them). Returns the live map.
 */
export function recordKernelModules(): ReadonlyMap<string, Uint8Array> {
  recorded ??= new Map();
  return recorded;
}

/**
 * A kernel module compiled once per program run under `key` (modules do not depend on the memory:
 * each backend and each worker instantiates them on its own).
 */
export function kernelModule(key: string, build: () => ModuleBuilder): PoolModule {
  let m = cache.get(key);
  if (!m) {
    const bytes = build().bytes();
    const module = new WA.Module(bytes);
    recorded?.set(key, bytes);
    m = { id: nextId++, module, names: WA.Module.exports(module).map((e) => e.name) };
    cache.set(key, m);
  }
  return m;
}
