/**
 * The part of the WebAssembly JS API the wasm backend uses, typed here: TypeScript declares it
 * only in its DOM lib, which this package neither loads nor may assume its users load. `WA` is
 * the host's `WebAssembly` object (undefined where there is none).
 */

export interface WasmModule {
  readonly __brand?: 'WebAssembly.Module';
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(delta: number): number;
}
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
type Bytes = ArrayBufferView | ArrayBuffer;

interface WasmApi {
  Module: (new (bytes: Bytes) => WasmModule) & { exports(m: WasmModule): { name: string; kind: string }[] };
  Instance: new (m: WasmModule, imports?: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  validate(bytes: Bytes): boolean;
}

export const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;

/** Whether the host has WebAssembly at all. */
export const hasWebAssembly = (): boolean => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object';
