// Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"), laid out as
// TensorFlow's `random::PhiloxRandom`: a 64-bit key from `seed`, a 128-bit counter whose upper half
// is `seed2`, one call = four uint32 and a counter increment, `skip(n)` = n calls ahead. With the
// same (seed, seed2) and the same skips, this produces TensorFlow's bits exactly.

const W32A = 0x9e3779b9;
const W32B = 0xbb67ae85;
const M4x32A = 0xd2511f53;
const M4x32B = 0xcd9e8d57;

/** High 32 bits of the 64-bit product of two uint32 (the low half is `Math.imul`). */
function mulHi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const ll = aLo * bLo;
  const lh = aLo * bHi;
  const hl = aHi * bLo;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aHi * bHi + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536)) >>> 0;
}

/** The low 32 bits of a uint64 seed given as number or bigint (TF's int64 attrs cast to uint64). */
function split64(seed: number | bigint): [number, number] {
  const b = BigInt.asUintN(64, BigInt(seed));
  return [Number(b & 0xffffffffn), Number(b >> 32n)];
}

export class Philox {
  /** counter[0..3], key[0..1] as uint32 numbers. */
  readonly counter = new Uint32Array(4);
  readonly key = new Uint32Array(2);

  constructor(seed: number | bigint = 0, seed2: number | bigint = 0) {
    const [k0, k1] = split64(seed);
    const [c2, c3] = split64(seed2);
    this.key[0] = k0;
    this.key[1] = k1;
    this.counter[2] = c2;
    this.counter[3] = c3;
  }

  clone(): Philox {
    const p = new Philox();
    p.counter.set(this.counter);
    p.key.set(this.key);
    return p;
  }

  /** Moves `count` calls ahead (a 64-bit count; numbers up to 2**53 are exact), carrying as TF. */
  skip(count: number): void {
    const lo = count % 4294967296 >>> 0;
    let hi = Math.floor(count / 4294967296) >>> 0;
    const c = this.counter;
    c[0] = (c[0] as number) + lo;
    if ((c[0] as number) < lo) hi = (hi + 1) >>> 0;
    c[1] = (c[1] as number) + hi;
    if ((c[1] as number) < hi) {
      c[2] = (c[2] as number) + 1;
      if (c[2] === 0) c[3] = (c[3] as number) + 1;
    }
  }

  /** Four uint32 into `out` (reused by callers: no allocation), then advances the counter by one. */
  next(out: Uint32Array): Uint32Array {
    let c0 = this.counter[0] as number;
    let c1 = this.counter[1] as number;
    let c2 = this.counter[2] as number;
    let c3 = this.counter[3] as number;
    let k0 = this.key[0] as number;
    let k1 = this.key[1] as number;
    for (let r = 0; r < 10; r++) {
      const hi0 = mulHi(M4x32A, c0);
      const lo0 = Math.imul(M4x32A, c0) >>> 0;
      const hi1 = mulHi(M4x32B, c2);
      const lo1 = Math.imul(M4x32B, c2) >>> 0;
      c0 = (hi1 ^ c1 ^ k0) >>> 0;
      c1 = lo1;
      c2 = (hi0 ^ c3 ^ k1) >>> 0;
      c3 = lo0;
      k0 = (k0 + W32A) >>> 0;
      k1 = (k1 + W32B) >>> 0;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
    this.skipOne();
    return out;
  }

  private skipOne(): void {
    const c = this.counter;
    c[0] = (c[0] as number) + 1;
    if (c[0] !== 0) return;
    c[1] = (c[1] as number) + 1;
    if (c[1] !== 0) return;
    c[2] = (c[2] as number) + 1;
    if (c[2] !== 0) return;
    c[3] = (c[3] as number) + 1;
  }
}

/**
 * TensorFlow's `SingleSampleAdapter`: hands out the four uint32 of each Philox call one by one.
 */
export class SingleSample {
  private readonly buf = new Uint32Array(4);
  private used = 4;
  constructor(readonly gen: Philox) {}

  next(): number {
    if (this.used === 4) {
      this.gen.next(this.buf);
      this.used = 0;
    }
    return this.buf[this.used++] as number;
  }
}

/**
 * TensorFlow's `GuardedPhiloxRandom`: the generator a stateful random kernel keeps; each run
 * reserves a block of calls (`reserve`) and the next run starts after it.
 */
export class GuardedPhilox {
  private readonly gen: Philox;
  constructor(seed: number | bigint, seed2: number | bigint, fresh: () => [bigint, bigint]) {
    if (BigInt(seed) === 0n && BigInt(seed2) === 0n) {
      const [a, b] = fresh();
      this.gen = new Philox(a, b);
    } else {
      this.gen = new Philox(seed, seed2);
    }
  }

  /** ReserveSamples128: a generator for `calls` Philox calls; this one moves past them. */
  reserve128(calls: number): Philox {
    const g = this.gen.clone();
    this.gen.skip(calls);
    return g;
  }

  /** ReserveRandomOutputs: `outputs * multiplier` calls (TF reserves 256 per output). */
  reserveOutputs(outputs: number, multiplier: number): Philox {
    return this.reserve128(outputs * multiplier);
  }

  /** ReserveSamples32: enough calls for `samples` uint32. */
  reserve32(samples: number): Philox {
    return this.reserve128(Math.floor((samples + 3) / 4));
  }
}
