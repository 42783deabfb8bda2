/** The wasm backend's one shared memory: a bump allocator with size-class free lists. */
import { WA, type WasmMemory } from './wasm-api.js';

export const PAGE = 65536;
/** The largest memory a wasm32 module can address: 4 GiB (65536 pages). */
export const MAX_PAGES = 65536;
/** Bytes at the bottom that are never allocated: address 0 is the empty tensor's pointer. */
const RESERVED = 1024;
/** Every block starts on a cache line (and so on a 16-byte v128 boundary). */
const ALIGN = 64;

/**
 * The size class of a request: multiples of 64 bytes up to 1 KiB, then four classes per power
 * of two (so a block wastes at most a fifth of itself).
 */
export function sizeClass(bytes: number): number {
  const b = Math.max(ALIGN, bytes);
  if (b <= 1024) return Math.ceil(b / ALIGN) * ALIGN;
  const step = 2 ** (Math.floor(Math.log2(b)) - 2);
  return Math.ceil(b / step) * step;
}

export interface HeapOptions {
  /** The memory's declared maximum in pages (default MAX_PAGES): growth beyond it fails. */
  readonly maximumPages?: number;
  readonly initialPages?: number;
}

/**
 * One shared `WebAssembly.Memory` and its allocator. Blocks are size-classed; a freed block goes
 * on its class's free list and is reused by the next request of that class, else the bump
 * pointer advances, growing the memory when it must. `grow()` gives the memory a new buffer (old
 * views keep the old length), so views are re-created through `buffer()` after it.
 */
export class WasmHeap {
  readonly memory: WasmMemory;
  readonly maximumPages: number;
  private top = RESERVED;
  private readonly free = new Map<number, number[]>();
  private buf: ArrayBuffer | SharedArrayBuffer;
  private u8View: Uint8Array;
  private f32View: Float32Array;
  /** Bytes handed out and not yet freed (block sizes). */
  inUse = 0;

  constructor(options: HeapOptions = {}) {
    this.maximumPages = Math.min(options.maximumPages ?? MAX_PAGES, MAX_PAGES);
    const initial = Math.min(options.initialPages ?? 16, this.maximumPages);
    this.memory = new WA.Memory({ initial, maximum: this.maximumPages, shared: true });
    this.buf = this.memory.buffer;
    this.u8View = new Uint8Array(this.buf);
    this.f32View = new Float32Array(this.buf);
  }

  /** The memory's current buffer (views re-created when it grew). */
  buffer(): ArrayBuffer | SharedArrayBuffer {
    if (this.memory.buffer !== this.buf) this.refresh();
    return this.buf;
  }
  get u8(): Uint8Array {
    if (this.memory.buffer !== this.buf) this.refresh();
    return this.u8View;
  }
  get f32(): Float32Array {
    if (this.memory.buffer !== this.buf) this.refresh();
    return this.f32View;
  }
  private refresh(): void {
    this.buf = this.memory.buffer;
    this.u8View = new Uint8Array(this.buf);
    this.f32View = new Float32Array(this.buf);
  }

  /**
   * A block of at least `bytes` bytes: its address and size class, or null when the memory
   * cannot grow enough (the caller raises ResourceExhaustedError; nothing else is touched).
   */
  alloc(bytes: number): { ptr: number; size: number } | null {
    const size = sizeClass(bytes);
    const list = this.free.get(size);
    if (list && list.length > 0) {
      this.inUse += size;
      return { ptr: list.pop() as number, size };
    }
    const end = this.top + size;
    if (end > this.memory.buffer.byteLength && !this.growTo(end)) return null;
    const ptr = this.top;
    this.top = end;
    this.inUse += size;
    return { ptr, size };
  }

  /** Returns a block to its size class's free list. */
  release(ptr: number, size: number): void {
    const list = this.free.get(size);
    if (list) list.push(ptr);
    else this.free.set(size, [ptr]);
    this.inUse -= size;
  }

  /** Grows the memory to hold `end` bytes: by half again when it may, else exactly. */
  private growTo(end: number): boolean {
    if (end > this.maximumPages * PAGE) return false;
    const cur = this.memory.buffer.byteLength / PAGE;
    const need = Math.ceil(end / PAGE) - cur;
    for (const pages of [Math.max(need, Math.min(Math.ceil(cur / 2), this.maximumPages - cur)), need]) {
      try {
        this.memory.grow(pages);
        return true;
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
      }
    }
    return false;
  }

  /** The memory's size in bytes now. */
  get byteLength(): number {
    return this.memory.buffer.byteLength;
  }
}
