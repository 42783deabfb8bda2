import { WA } from './wasm-api.js';
import type { ModuleBuilder } from './builder/index.js';
import type { PoolModule } from './pool.js';

let nextId = 1;
const cache = new Map<string, PoolModule>();

/**
 * A kernel module compiled once per program run under `key` (modules do not depend on the memory:
 * each backend and each worker instantiates them on its own).
 */
export function kernelModule(key: string, build: () => ModuleBuilder): PoolModule {
  let m = cache.get(key);
  if (!m) {
    const mb = build();
    const module = mb.compile();
    m = { id: nextId++, module, names: WA.Module.exports(module).map((e) => e.name) };
    cache.set(key, m);
  }
  return m;
}
