// Block copies between strided views: one primitive serves Transpose, Slice, StridedSlice(+Grad),
// ReverseV2, Split, Unpack, ConcatV2, Pack, Pad, MirrorPad and Tile. Dims merge where both sides
// are contiguous across them, so most calls become a few long runs copied with `set`; a swap of the
// two innermost-contiguous dims (a transpose) runs a cache-blocked 2-D kernel. Typed arrays are
// copied through integer views of their bytes (bit-exact: NaN payloads and -0 move unchanged, and
// one 4-byte view type keeps the loops monomorphic); string tensors (arrays of byte strings)
// element by element.

/** A tensor's storage: a typed array or the array of byte strings of a `string` tensor. */
export type CopyStore = { [i: number]: unknown; readonly length: number };

export type Words = Int32Array | Uint16Array | Uint8Array | unknown[];

/**
 * Runs at least this long are copied with `subarray` + `set` (a new view per call), or within one
 * buffer with `copyWithin` (no allocation); shorter ones by a loop, cheaper per call.
 */
const SET_MIN = 64;
const COPY_WITHIN_MIN = 24;

/**
 * An integer view of a store's bytes and how many view elements make one element (2 for 8-byte
 * types, viewed as int32 pairs); strings as they are.
 */
export function wordsOf(a: CopyStore): { w: Words; unit: number } {
  if (!ArrayBuffer.isView(a)) return { w: a as unknown[], unit: 1 };
  const t = a as unknown as Float32Array;
  switch (t.BYTES_PER_ELEMENT) {
    case 8:
      return { w: new Int32Array(t.buffer, t.byteOffset, t.length * 2), unit: 2 };
    case 4:
      return { w: t instanceof Int32Array ? t : new Int32Array(t.buffer, t.byteOffset, t.length), unit: 1 };
    case 2:
      return { w: t instanceof Uint16Array ? t : new Uint16Array(t.buffer, t.byteOffset, t.length), unit: 1 };
    default:
      return { w: t instanceof Uint8Array ? t : new Uint8Array(t.buffer, t.byteOffset, t.length), unit: 1 };
  }
}

/** Word views of a source and a destination store, and the word offsets of their element 0. */
export interface Views {
  readonly s: Words;
  readonly d: Words;
  readonly sOff: number;
  readonly dOff: number;
  /** Words per element (2 for 8-byte dtypes). */
  readonly unit: number;
}

/**
 * Word views for copying `src` into `dst` (same dtype). Two views of one buffer (tensors on the
 * wasm heap) become one view of the whole buffer, so runs move by `copyWithin`.
 */
export function viewsOf(src: CopyStore, dst: CopyStore): Views {
  const a = wordsOf(src);
  const b = wordsOf(dst);
  const sw = a.w as Int32Array;
  const dw = b.w as Int32Array;
  if (ArrayBuffer.isView(sw) && ArrayBuffer.isView(dw) && sw.buffer === dw.buffer && sw.constructor === dw.constructor) {
    const Ctor = sw.constructor as Int32ArrayConstructor;
    const whole = new Ctor(sw.buffer, 0, Math.floor(sw.buffer.byteLength / Ctor.BYTES_PER_ELEMENT));
    return { s: whole, d: whole, sOff: sw.byteOffset / Ctor.BYTES_PER_ELEMENT, dOff: dw.byteOffset / Ctor.BYTES_PER_ELEMENT, unit: a.unit };
  }
  return { s: sw, d: dw, sOff: 0, dOff: 0, unit: a.unit };
}

/**
 * A memmove by byte addresses within one buffer, for a buffer where it beats a typed array's
 * `copyWithin`: the wasm backend's heap, whose `memory.copy` is a native memmove while V8 copies
 * over a SharedArrayBuffer by a slower path (8 MB in runs of 4 KB: 419 µs by copyWithin, 218 by
 * memory.copy; 2026-12-02, AMD EPYC).
 */
export interface BufferMove {
  readonly buffer: ArrayBufferLike;
  move(dstByte: number, srcByte: number, bytes: number): void;
}

let bufferMove: BufferMove | null = null;

/** Runs `fn` with `m` moving the runs copied within `m.buffer` that are at least MOVE_MIN bytes. */
export function withBufferMove<T>(m: BufferMove, fn: () => T): T {
  const outer = bufferMove;
  bufferMove = m;
  try {
    return fn();
  } finally {
    bufferMove = outer;
  }
}

/** Runs shorter than this stay with copyWithin (a call into wasm costs about as much). */
const MOVE_MIN = 256;

/** `a.copyWithin(target, start, end)`, by the BufferMove where one serves a's buffer and the run is long. */
function moveWithin(a: Int32Array, target: number, start: number, end: number): void {
  const b = a.BYTES_PER_ELEMENT;
  if (bufferMove !== null && (end - start) * b >= MOVE_MIN && a.buffer === bufferMove.buffer) {
    bufferMove.move(a.byteOffset + target * b, a.byteOffset + start * b, (end - start) * b);
    return;
  }
  a.copyWithin(target, start, end);
}

/** `dst[d..d+n) = src[s..s+n)` (word views from `viewsOf`; the ranges do not overlap). */
export function copyRun(dst: Words, d: number, src: Words, s: number, n: number): void {
  if (!Array.isArray(dst)) {
    if (dst === src) {
      if (n >= COPY_WITHIN_MIN) {
        moveWithin(dst as Int32Array, d, s, s + n);
        return;
      }
    } else if (n >= SET_MIN) {
      (dst as Int32Array).set((src as Int32Array).subarray(s, s + n), d);
      return;
    }
  }
  for (let j = 0; j < n; j++) dst[d + j] = src[s + j];
}

/**
 * `dst[dBase + Σ i_k·dStrides[k]] = src[sBase + Σ i_k·sStrides[k]]` for every index `i` of `shape`
 * (element units; strides may be negative or 0 on the source). `src` and `dst` hold the same dtype.
 * The destination positions must be distinct (no two indices write one element).
 */
export function copyStrided(
  src: CopyStore,
  sBase: number,
  sStrides: readonly number[],
  dst: CopyStore,
  dBase: number,
  dStrides: readonly number[],
  shape: readonly number[],
): void {
  for (let k = 0; k < shape.length; k++) if (shape[k] === 0) return;
  const { s: sw, d: dw, sOff, dOff, unit } = viewsOf(src, dst);
  // Dims in order, size-1 dims dropped; an 8-byte element is a trailing dim of 2 words.
  const n: number[] = [];
  const ss: number[] = [];
  const ds: number[] = [];
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 1) continue;
    n.push(shape[k] as number);
    ss.push((sStrides[k] as number) * unit);
    ds.push((dStrides[k] as number) * unit);
  }
  if (unit === 2) {
    n.push(2);
    ss.push(1);
    ds.push(1);
  }
  const r = merge(n, ss, ds);
  const sb = sOff + sBase * unit;
  const db = dOff + dBase * unit;
  if (r === 0) {
    dw[db] = sw[sb];
    return;
  }
  const last = r - 1;
  const len = n[last] as number;
  const sIn = ss[last] as number;
  const dIn = ds[last] as number;
  if (sIn === 1 && dIn === 1) {
    outer(n, ss, ds, last, -1, sb, db, (s, d) => copyRun(dw, d, sw, s, len));
    return;
  }
  // A transpose: the source is contiguous along another dim q, the destination along the last one.
  const q = dIn === 1 ? ss.indexOf(1) : -1;
  if (q >= 0 && q !== last) {
    const cols = n[q] as number;
    const dCol = ds[q] as number;
    outer(n, ss, ds, last, q, sb, db, (s, d) => transpose2d(sw, s, sIn, dw, d, dCol, len, cols));
    return;
  }
  outer(n, ss, ds, last, -1, sb, db, (s, d) => {
    for (let j = 0; j < len; j++, s += sIn, d += dIn) dw[d] = sw[s];
  });
}

/**
 * Merges each dim into the next (inner) one where both sides step over the inner one contiguously,
 * in place; returns the number of dims left.
 */
function merge(n: number[], ss: number[], ds: number[]): number {
  let r = 0;
  for (let k = 0; k < n.length; k++) {
    if (r > 0 && ss[r - 1] === (ss[k] as number) * (n[k] as number) && ds[r - 1] === (ds[k] as number) * (n[k] as number)) {
      n[r - 1] = (n[r - 1] as number) * (n[k] as number);
      ss[r - 1] = ss[k] as number;
      ds[r - 1] = ds[k] as number;
    } else {
      n[r] = n[k] as number;
      ss[r] = ss[k] as number;
      ds[r] = ds[k] as number;
      r++;
    }
  }
  n.length = ss.length = ds.length = r;
  return r;
}

/**
 * `dst[base + Σ i_k·strides[k]] = value` for every index of `shape` (`value` in the storage's
 * element type: a number, bigint or byte string), by `fill` over merged runs.
 */
export function fillStrided(dst: CopyStore, base: number, strides: readonly number[], shape: readonly number[], value: unknown): void {
  for (let k = 0; k < shape.length; k++) if (shape[k] === 0) return;
  const n: number[] = [];
  const ds: number[] = [];
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 1) continue;
    n.push(shape[k] as number);
    ds.push(strides[k] as number);
  }
  const r = merge(n, ds.slice(), ds);
  const d = dst as unknown as { fill(v: unknown, start: number, end: number): unknown; [i: number]: unknown };
  if (r === 0) {
    d[base] = value;
    return;
  }
  const len = n[r - 1] as number;
  const step = ds[r - 1] as number;
  outer(n, ds, ds, r - 1, -1, base, base, (_s, at) => {
    if (step === 1) d.fill(value, at, at + len);
    else for (let j = 0; j < len; j++, at += step) d[at] = value;
  });
}

/**
 * Calls `f(s, d)` with the source and destination offsets of every index over the dims of `n`
 * other than `skipA` and `skipB` (row-major order).
 */
function outer(
  n: readonly number[],
  ss: readonly number[],
  ds: readonly number[],
  skipA: number,
  skipB: number,
  sBase: number,
  dBase: number,
  f: (s: number, d: number) => void,
): void {
  const on: number[] = [];
  const os: number[] = [];
  const od: number[] = [];
  for (let k = 0; k < n.length; k++) {
    if (k === skipA || k === skipB) continue;
    on.push(n[k] as number);
    os.push(ss[k] as number);
    od.push(ds[k] as number);
  }
  const m = on.length;
  if (m === 0) {
    f(sBase, dBase);
    return;
  }
  const idx = new Array<number>(m).fill(0);
  let s = sBase;
  let d = dBase;
  for (;;) {
    f(s, d);
    let k = m - 1;
    for (; k >= 0; k--) {
      const i = (idx[k] as number) + 1;
      s += os[k] as number;
      d += od[k] as number;
      if (i < (on[k] as number)) {
        idx[k] = i;
        break;
      }
      idx[k] = 0;
      s -= (os[k] as number) * (on[k] as number);
      d -= (od[k] as number) * (on[k] as number);
    }
    if (k < 0) return;
  }
}

/** Tile edge of the blocked transpose: 32×32 elements stay in L1 on both sides. */
const BLOCK = 32;

/**
 * `dst[d + j·dCol + i] = src[s + i·sRow + j]` for i < rows, j < cols: the destination is contiguous
 * along i, the source along j. Blocked, with 8 source rows read per destination run.
 */
export function transpose2d(src: Words, s0: number, sRow: number, dst: Words, d0: number, dCol: number, rows: number, cols: number): void {
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = Math.min(rows, i0 + BLOCK);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = Math.min(cols, j0 + BLOCK);
      let i = i0;
      for (; i + 8 <= i1; i += 8) {
        let s = s0 + i * sRow + j0;
        let d = d0 + j0 * dCol + i;
        for (let j = j0; j < j1; j++, s++, d += dCol) {
          dst[d] = src[s];
          dst[d + 1] = src[s + sRow];
          dst[d + 2] = src[s + 2 * sRow];
          dst[d + 3] = src[s + 3 * sRow];
          dst[d + 4] = src[s + 4 * sRow];
          dst[d + 5] = src[s + 5 * sRow];
          dst[d + 6] = src[s + 6 * sRow];
          dst[d + 7] = src[s + 7 * sRow];
        }
      }
      for (; i < i1; i++) {
        let s = s0 + i * sRow + j0;
        let d = d0 + j0 * dCol + i;
        for (let j = j0; j < j1; j++, s++, d += dCol) dst[d] = src[s];
      }
    }
  }
}

/** Row-major strides of `shape` (element units). */
export function contiguous(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    st[k] = acc;
    acc *= shape[k] as number;
  }
  return st;
}

/**
 * Tile: `out` (shape `x.shape · mult`) gets `x` repeated. `x` is copied into the leading corner,
 * then each dim, innermost first, is replicated by doubling `copyWithin`s.
 */
export function tileInto(x: CopyStore, xShape: readonly number[], mult: readonly number[], out: CopyStore): void {
  const r = xShape.length;
  const oShape = xShape.map((d, k) => d * (mult[k] as number));
  if (oShape.some((d) => d === 0)) return;
  const ost = contiguous(oShape);
  copyStrided(x, 0, contiguous(xShape), out, 0, ost, xShape);
  // copyWithin moves bytes: the store itself serves every dtype (strings: an array's copyWithin).
  const o = out as unknown as Int32Array;
  for (let k = r - 1; k >= 0; k--) {
    const m = mult[k] as number;
    if (m === 1) continue;
    const filled0 = (xShape[k] as number) * (ost[k] as number);
    const seg = (oShape[k] as number) * (ost[k] as number);
    // Every index over the dims before k (not yet replicated: their first x.shape entries).
    outer(xShape.slice(0, k), ost.slice(0, k), ost.slice(0, k), -1, -1, 0, 0, (base) => {
      for (let filled = filled0; filled < seg; ) {
        const c = Math.min(filled, seg - filled);
        if (Array.isArray(o)) o.copyWithin(base + filled, base, base + c);
        else moveWithin(o, base + filled, base, base + c);
        filled += c;
      }
    });
  }
}
