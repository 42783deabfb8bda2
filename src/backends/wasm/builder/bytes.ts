/**
 * A growable byte buffer that the module builder emits into. Kernel modules run to tens of KB of
 * code; building them as number arrays joined by spreads made hundreds of bytes of garbage per
 * byte emitted (22 MB for one 56 KB module), enough to make V8 grow its young generation.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private n = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.n;
  }

  private reserve(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.n++] = b;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    this.reserve(bs.length);
    for (let i = 0; i < bs.length; i++) this.buf[this.n++] = bs[i] as number;
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^32 (indices, sizes, offsets). */
  uleb(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`uleb: ${value} is not a u32`);
    let v = value;
    do {
      let b = v & 0x7f;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  /** Signed LEB128 of an integer in [-2^31, 2^32) (i32.const immediates; values ≥ 2^31 wrap to negative). */
  sleb(value: number): this {
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) throw new RangeError(`sleb: ${value} is not an i32`);
    let v = value | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** A name as WebAssembly encodes it: its UTF-8 length, then the bytes. */
  name(s: string): this {
    const utf8 = new TextEncoder().encode(s);
    return this.uleb(utf8.length).bytes(utf8);
  }

  /** Another writer's bytes prefixed by their count (a section's or a function body's size). */
  sized(w: ByteWriter): this {
    return this.uleb(w.n).bytes(w.view());
  }

  /** The bytes written so far (a view: valid until the next write). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.n);
  }
}
