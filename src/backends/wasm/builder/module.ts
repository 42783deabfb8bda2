import { WA, type WasmModule } from '../wasm-api.js';
import { ByteWriter } from './bytes.js';
import { EMPTY_BLOCK, Op, Simd, type SimdOp, ValType } from './opcodes.js';

export type OpName = keyof typeof Op;

/** A function type: params and results. */
export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Alignment exponents of a memory access (natural alignment of the access width). */
const ALIGN = { i32: 2, f32: 2, f64: 3, v128: 4 } as const;

/** Scratch views for the bytes of f32, f64 and v128 immediates (little-endian, as WebAssembly encodes them). */
const LANES = (() => {
  const bytes = new Uint8Array(16);
  return { bytes, f32: new Float32Array(bytes.buffer), f64: new Float64Array(bytes.buffer), i32: new Int32Array(bytes.buffer) };
})();

/**
 * One function's body, emitted instruction by instruction (a stack machine, as WebAssembly is).
 * Locals are numbered after the params; structured control takes a callback for its body.
 */
export class FunctionBuilder {
  private readonly code = new ByteWriter(256);
  private readonly locals: ValType[] = [];
  /** Open blocks (block, loop, if), for a check that every one is closed. */
  private depth = 0;

  constructor(
    readonly name: string,
    readonly type: FuncType,
    /** This function's index in the module. */
    readonly index: number,
  ) {}

  /** A new local of `type`: its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.type.params.length + this.locals.length - 1;
  }

  /** Param `i`'s local index. */
  param(i: number): number {
    if (i < 0 || i >= this.type.params.length) throw new RangeError(`${this.name}: no param ${i}`);
    return i;
  }

  /** A plain opcode (no immediates). */
  op(...names: OpName[]): this {
    for (const n of names) this.code.byte(Op[n]);
    return this;
  }

  /** A SIMD opcode without immediates. */
  simd(...names: SimdOp[]): this {
    for (const n of names) this.code.byte(0xfd).uleb(Simd[n]);
    return this;
  }

  get(l: number): this {
    this.code.byte(Op.local_get).uleb(l);
    return this;
  }
  set(l: number): this {
    this.code.byte(Op.local_set).uleb(l);
    return this;
  }
  tee(l: number): this {
    this.code.byte(Op.local_tee).uleb(l);
    return this;
  }
  i32(value: number): this {
    this.code.byte(Op.i32_const).sleb(value);
    return this;
  }
  f32(value: number): this {
    LANES.f32[0] = value;
    this.code.byte(Op.f32_const).bytes(LANES.bytes.subarray(0, 4));
    return this;
  }
  f64(value: number): this {
    LANES.f64[0] = value;
    this.code.byte(Op.f64_const).bytes(LANES.bytes.subarray(0, 8));
    return this;
  }
  /** v128.const with four f32 lanes. */
  f32x4(a: number, b = a, c = a, d = a): this {
    LANES.f32.set([a, b, c, d]);
    this.code.byte(0xfd).uleb(Simd.v128_const).bytes(LANES.bytes);
    return this;
  }

  /** v128.const with four i32 lanes. */
  i32x4(a: number, b = a, c = a, d = a): this {
    LANES.i32.set([a, b, c, d]);
    this.code.byte(0xfd).uleb(Simd.v128_const).bytes(LANES.bytes);
    return this;
  }

  /** A memory access: a plain opcode, or (simd) 0xfd and the SIMD opcode; then align and offset. */
  private mem(opcode: number, align: number, offset: number, simd = false): this {
    if (simd) this.code.byte(0xfd).uleb(opcode);
    else this.code.byte(opcode);
    this.code.uleb(align).uleb(offset);
    return this;
  }
  i32Load(offset = 0): this {
    return this.mem(Op.i32_load, ALIGN.i32, offset);
  }
  i32Store(offset = 0): this {
    return this.mem(Op.i32_store, ALIGN.i32, offset);
  }
  f32Load(offset = 0): this {
    return this.mem(Op.f32_load, ALIGN.f32, offset);
  }
  f32Store(offset = 0): this {
    return this.mem(Op.f32_store, ALIGN.f32, offset);
  }
  f64Load(offset = 0): this {
    return this.mem(Op.f64_load, ALIGN.f64, offset);
  }
  f64Store(offset = 0): this {
    return this.mem(Op.f64_store, ALIGN.f64, offset);
  }
  /** v128.load64_zero: two f32 (or one f64) into the low half, the high half zero. */
  load64Zero(offset = 0): this {
    return this.mem(Simd.v128_load64_zero, 0, offset, true);
  }
  /** v128.load; `align` 0 when the address may be unaligned (it is only a hint). */
  v128Load(offset = 0, align: number = ALIGN.v128): this {
    return this.mem(Simd.v128_load, align, offset, true);
  }
  v128Store(offset = 0, align: number = ALIGN.v128): this {
    return this.mem(Simd.v128_store, align, offset, true);
  }
  /** v128.store64_lane: stores 64-bit lane `lane` (two f32) of the vector on the stack. */
  store64Lane(lane: number, offset = 0): this {
    this.mem(Simd.v128_store64_lane, 0, offset, true);
    this.code.byte(lane);
    return this;
  }
  /**
   * i8x16.shuffle of the two vectors on the stack by 32-bit lanes: lane i of the result is lane
   * `lanes[i]` of their concatenation (0–3 the first, 4–7 the second).
   */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    this.code.byte(0xfd).uleb(Simd.i8x16_shuffle);
    for (const l of lanes) for (let b = 0; b < 4; b++) this.code.byte(l * 4 + b);
    return this;
  }
  /** Loads one f32 and splats it to four lanes. */
  load32Splat(offset = 0): this {
    return this.mem(Simd.v128_load32_splat, ALIGN.f32, offset, true);
  }
  extractLane(lane: number): this {
    this.code.byte(0xfd).uleb(Simd.f32x4_extract_lane).byte(lane);
    return this;
  }
  /** f64x2.extract_lane: the f64 in lane `lane` of the vector on the stack. */
  f64ExtractLane(lane: number): this {
    this.code.byte(0xfd).uleb(Simd.f64x2_extract_lane).byte(lane);
    return this;
  }
  /** f64x2.replace_lane: pops a vector and an f64, pushes the vector with lane `lane` replaced. */
  f64ReplaceLane(lane: number): this {
    this.code.byte(0xfd).uleb(Simd.f64x2_replace_lane).byte(lane);
    return this;
  }

  /** memory.copy (bulk memory): pops dst, src and a byte count; a memmove within the memory. */
  memoryCopy(): this {
    this.code.byte(0xfc).uleb(10).byte(0).byte(0);
    return this;
  }

  private structured(opcode: number, body: () => void, elseBody?: () => void, result?: ValType): this {
    this.code.byte(opcode).byte(result ?? EMPTY_BLOCK);
    this.depth++;
    body();
    if (elseBody) {
      this.code.byte(Op.else);
      elseBody();
    }
    this.code.byte(Op.end);
    this.depth--;
    return this;
  }
  /** block … end: `br 0` inside jumps past its end. */
  block(body: () => void): this {
    return this.structured(Op.block, body);
  }
  /** loop … end: `br 0` inside jumps back to its start. */
  loop(body: () => void): this {
    return this.structured(Op.loop, body);
  }
  /** if (pops an i32) … else … end; with `result`, both arms leave one value of that type. */
  if(then: () => void, otherwise?: () => void, result?: ValType): this {
    return this.structured(Op.if, then, otherwise, result);
  }
  br(depth: number): this {
    this.code.byte(Op.br).uleb(depth);
    return this;
  }
  brIf(depth: number): this {
    this.code.byte(Op.br_if).uleb(depth);
    return this;
  }
  call(fn: FunctionBuilder | number): this {
    this.code.byte(Op.call).uleb(typeof fn === 'number' ? fn : fn.index);
    return this;
  }

  /**
   * `for (i = from; i < limit; i += step) body()` over an i32 local (unsigned compare), test first (so
   * an empty range runs nothing). `from`, `limit`, `step` push their values.
   */
  forLoop(i: number, from: () => void, limit: () => void, step: number | (() => void), body: () => void): this {
    from();
    this.set(i);
    return this.block(() => {
      this.loop(() => {
        this.get(i);
        limit();
        this.op('i32_ge_u').brIf(1);
        body();
        this.get(i);
        if (typeof step === 'number') this.i32(step);
        else step();
        this.op('i32_add').set(i).br(0);
      });
    });
  }

  /** Writes the function body as the code section encodes it (its size, locals grouped by runs of one type, code). */
  encode(out: ByteWriter): void {
    if (this.depth !== 0) throw new Error(`${this.name}: unclosed block`);
    const runs: [count: number, type: ValType][] = [];
    let i = 0;
    while (i < this.locals.length) {
      let j = i;
      while (j < this.locals.length && this.locals[j] === this.locals[i]) j++;
      runs.push([j - i, this.locals[i] as ValType]);
      i = j;
    }
    const body = new ByteWriter(this.code.length + 8 + 6 * runs.length).uleb(runs.length);
    for (const [count, type] of runs) body.uleb(count).byte(type);
    body.bytes(this.code.view()).byte(Op.end);
    out.sized(body);
  }
}

export interface MemoryImport {
  /** Initial and maximum size in 64 KiB pages. */
  readonly initial: number;
  readonly maximum: number;
  readonly shared: boolean;
}

/**
 * A WebAssembly module under construction: functions importing one memory (`env.memory`), with
 * exports. `bytes()` encodes it; `compile()` makes a `WebAssembly.Module`.
 */
export class ModuleBuilder {
  private readonly types: FuncType[] = [];
  private readonly funcs: { fn: FunctionBuilder; type: number }[] = [];
  private readonly exports: { name: string; index: number }[] = [];

  constructor(readonly memory: MemoryImport | null) {}

  private typeIndex(t: FuncType): number {
    const same = (a: readonly ValType[], b: readonly ValType[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    let i = this.types.findIndex((u) => same(u.params, t.params) && same(u.results, t.results));
    if (i < 0) i = this.types.push({ params: [...t.params], results: [...t.results] }) - 1;
    return i;
  }

  /** A new function (exported under `name` unless `exported` is false). */
  func(name: string, params: readonly ValType[], results: readonly ValType[] = [], exported = true): FunctionBuilder {
    const type = { params, results };
    const fn = new FunctionBuilder(name, type, this.funcs.length);
    this.funcs.push({ fn, type: this.typeIndex(type) });
    if (exported) this.exports.push({ name, index: fn.index });
    return fn;
  }

  bytes(): Uint8Array {
    const out = new ByteWriter(1024).bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    // A section: its id, its size, then a vector of `items` written by `item`.
    const section = <T>(id: number, items: readonly T[], item: (w: ByteWriter, x: T) => void) => {
      const w = new ByteWriter().uleb(items.length);
      for (const x of items) item(w, x);
      out.byte(id).sized(w);
    };
    section(1, this.types, (w, t) => {
      w.byte(0x60).uleb(t.params.length).bytes(t.params).uleb(t.results.length).bytes(t.results);
    });
    if (this.memory) {
      const m = this.memory;
      section(2, [m], (w) => w.name('env').name('memory').byte(0x02).byte(m.shared ? 0x03 : 0x01).uleb(m.initial).uleb(m.maximum));
    }
    section(3, this.funcs, (w, f) => w.uleb(f.type));
    section(7, this.exports, (w, e) => w.name(e.name).byte(0x00).uleb(e.index));
    section(10, this.funcs, (w, f) => f.fn.encode(w));
    return out.view().slice();
  }

  compile(): WasmModule {
    return new WA.Module(this.bytes());
  }
}

export { ValType };
