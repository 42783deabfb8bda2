/**
 * Internal counters for tensorgraph's own benchmarks, not part of the API (package.json's
 * `exports` does not list it). The build bundles it beside `v1.js` (dist/internals.js), sharing the
 * sessions' module instance, so bench/ loads it from there.
 */
export { cpuBackend } from './backends/cpu/backend.js';
export { planCount } from './compile/plan-cache.js';
