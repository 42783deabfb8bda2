// Backend selection (top-level `tf.setBackend`, `tf.getBackend`).
export { type BackendName, getBackend, setBackend } from '../backends/select.js';
export { WasmBackend, type WasmBackendOptions } from '../backends/wasm/backend.js';
