import { type DType, type TypedData, isFloating } from './dtypes.js';
import { fromHalfBits, shortestHalf } from './float16.js';

/** What the formatter needs of an array (NDArray satisfies it). */
export interface Formattable {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: TypedData;
}

export interface FormatOptions {
  /** Elements kept at each end of an axis when summarizing (numpy's edgeitems). */
  edgeItems?: number;
  /** Summarize when the array has more elements than this (numpy's threshold); 0 = always. */
  threshold?: number;
  /** Wrap rows longer than this (numpy's linewidth). */
  lineWidth?: number;
  /** Separator between elements. */
  separator?: string;
  /** TensorFlow's print style: shortest element values, no alignment, strings unquoted at top level. */
  plain?: boolean;
}

const utf8 = new TextDecoder();

/** The largest `f(x)` over `xs`, at least `floor` (no argument spreading: arrays can be huge). */
function maxOf<T>(xs: readonly T[], f: (x: T) => number, floor: number): number {
  let m = floor;
  for (const x of xs) {
    const v = f(x);
    if (v > m) m = v;
  }
  return m;
}

/** Shortest decimal that reads back to the same float32. */
function shortestFloat32(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

/** The shortest decimal that reads back to `x` in its dtype (JS notation). */
function shortest(x: number, dtype: DType): string {
  if (dtype === 'float16') return shortestHalf(x);
  return dtype === 'float32' ? shortestFloat32(x) : String(x);
}

/** Python's repr of a byte string: `b'a'`, `b"it's"`, `b'\x00\n'`, non-ASCII as `\xNN`. */
export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const q = hasSingle && !hasDouble ? '"' : "'";
  let out = '';
  for (const c of b) {
    if (c === 0x5c) out += '\\\\';
    else if (c === q.charCodeAt(0)) out += `\\${q}`;
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  return `b${q}${out}${q}`;
}

/** numpy's positional form (dragon4, unique, at most 8 fractional digits, trailing zeros trimmed to `.`). */
function positional(x: number, dtype: DType): string {
  let s = shortest(x, dtype);
  if (/e/i.test(s)) s = x.toFixed(8);
  const frac = s.indexOf('.') < 0 ? 0 : s.length - s.indexOf('.') - 1;
  if (frac > 8) s = shortest(Number(x.toFixed(8)), 'float64');
  if (/e/i.test(s)) s = x.toFixed(8);
  if (s.includes('.')) s = s.replace(/0+$/, '');
  else s += '.';
  if (Object.is(x, -0)) s = '-0.';
  return s;
}

/** numpy's scientific mantissa digits: those of the shortest repr, at most 8. */
function sciDigits(x: number, dtype: DType): number {
  const m = Number(shortest(x, dtype)).toExponential().split('e')[0] as string;
  return Math.min(8, m.includes('.') ? m.length - m.indexOf('.') - 1 : 0);
}

function sciString(x: number, digits: number, expSize: number): string {
  const [m, e] = x.toExponential(digits).split('e') as [string, string];
  const exp = Number(e);
  return `${digits === 0 ? `${m}.` : m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(expSize, '0')}`;
}

/** Builds the element formatter for one array, as numpy's FloatingFormat / IntegerFormat do. */
function elementFormatter(dtype: DType, values: readonly unknown[]): (v: unknown) => string {
  if (dtype === 'bool') return (v) => ((v as number) ? ' True' : 'False');
  if (dtype === 'string') return (v) => bytesRepr(v as Uint8Array);
  if (!isFloating(dtype)) {
    const w = maxOf(values, (v) => String(v).length, 1);
    return (v) => String(v).padStart(w);
  }
  const nums = values as number[];
  const finite = nums.filter((x) => Number.isFinite(x));
  const special = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');
  const nonZero = finite.map(Math.abs).filter((x) => x !== 0);
  const maxAbs = maxOf(nonZero, (x) => x, 0);
  const minAbs = nonZero.reduce((m, x) => Math.min(m, x), nonZero.length ? Number.POSITIVE_INFINITY : 0);
  // numpy 2.3+ switches to scientific notation from 10 ** min(8, finfo(dtype).precision): 1e3 for
  // float16, 1e6 for float32, 1e8 for float64.
  const cutoff = dtype === 'float16' ? 1e3 : dtype === 'float32' ? 1e6 : 1e8;
  const sci = nonZero.length > 0 && (maxAbs >= cutoff || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
  let body: (x: number) => string;
  let padLeft: number;
  let padRight: number;
  if (sci) {
    const digits = maxOf(finite, (x) => sciDigits(x, dtype), 0);
    const expSize = maxOf(finite, (x) => String(Math.abs(Number(x.toExponential().split('e')[1]))).length, 2);
    body = (x) => sciString(x, digits, expSize);
    padLeft = maxOf(finite, (x) => (body(x).split('.')[0] as string).length, 0);
    padRight = expSize + 2 + digits;
  } else {
    body = (x) => positional(x, dtype);
    const parts = finite.map((x) => body(x).split('.') as [string, string]);
    padLeft = maxOf(parts, (p) => p[0].length, 0);
    padRight = maxOf(parts, (p) => p[1].length, 0);
  }
  if (finite.length !== nums.length) {
    // numpy widens the integer part so nan/inf fit in the column.
    const negInf = nums.some((x) => x === Number.NEGATIVE_INFINITY);
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
  }
  return (v) => {
    const x = v as number;
    if (!Number.isFinite(x)) return special(x).padStart(padLeft + padRight + 1);
    const s = body(x);
    const dot = s.indexOf('.');
    const rest = s.slice(dot);
    return s.slice(0, dot).padStart(padLeft) + (sci ? rest : rest.padEnd(1 + padRight));
  };
}

/** A scalar, as JS prints numbers: float `13` → `13`, `0.1` → `0.1`; ints, bools, strings as numpy. */
function formatScalar(dtype: DType, v: unknown): string {
  if (dtype === 'bool') return (v as number) ? 'True' : 'False';
  if (dtype === 'string') return bytesRepr(v as Uint8Array);
  if (isFloating(dtype)) {
    const x = v as number;
    if (Number.isNaN(x)) return 'nan';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    return shortest(x, dtype);
  }
  return String(v);
}

/**
 * numpy's `str()` of an array: `[1 2 3]`, `[[1. 2.]\n [3. 4.]]`, `[ True False]`, `[b'a' b'b']`,
 * with `...` summarization past `threshold` elements. Scalars print as JS prints the value, so a
 * float32 13 prints `13` (numpy would print `13.0`; see docs/compatibility.md).
 */
export function formatNDArray(a: Formattable, opts: FormatOptions = {}): string {
  const { edgeItems = 3, threshold = 1000, lineWidth = 75, separator = ' ', plain = false } = opts;
  // float16 is stored as half bits: format the values they stand for (exact in float32).
  const half = a.dtype === 'float16';
  const data = (half ? Float32Array.from(a.data as Uint16Array, fromHalfBits) : a.data) as ArrayLike<unknown>;
  const plainElement = (v: unknown) =>
    a.dtype === 'string' ? `"${utf8.decode(v as Uint8Array)}"` : tfElement(half ? 'float32' : a.dtype, v);
  if (a.shape.length === 0) {
    if (plain) return plainElement(data[0]);
    return formatScalar(a.dtype, data[0]);
  }
  const size = data.length;
  if (size === 0) return '[]';
  const summarize = size > threshold;
  const strides: number[] = [];
  let acc = 1;
  for (let i = a.shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= a.shape[i] as number;
  }
  // Indices shown along each axis (null marks the `...` gap).
  const shown = (n: number): (number | null)[] =>
    summarize && n > 2 * edgeItems
      ? [...Array.from({ length: edgeItems }, (_, i) => i), null, ...Array.from({ length: edgeItems }, (_, i) => n - edgeItems + i)]
      : Array.from({ length: n }, (_, i) => i);
  // Collect the displayed elements first so widths are computed on what is shown, as numpy does.
  const displayed: unknown[] = [];
  const collect = (axis: number, offset: number) => {
    if (axis === a.shape.length) {
      displayed.push(data[offset]);
      return;
    }
    for (const i of shown(a.shape[axis] as number)) if (i !== null) collect(axis + 1, offset + i * (strides[axis] as number));
  };
  collect(0, 0);
  const fmt = plain ? plainElement : elementFormatter(a.dtype, displayed);
  const render = (axis: number, offset: number, indent: string): string => {
    const n = a.shape[axis] as number;
    if (axis === a.shape.length - 1) {
      const items = shown(n).map((i) => (i === null ? '...' : fmt(data[offset + i])));
      const lines: string[] = [];
      let line = '';
      for (const it of items) {
        const piece = line === '' ? it : separator + it;
        if (!plain && line !== '' && indent.length + 1 + line.length + piece.length + 1 > lineWidth) {
          lines.push(line);
          line = it;
        } else line += piece;
      }
      lines.push(line);
      return `[${lines.join(`\n${indent} `)}]`;
    }
    const blank = '\n'.repeat(a.shape.length - axis - 1);
    const rows = shown(n).map((i) =>
      i === null ? '...' : render(axis + 1, offset + i * (strides[axis] as number), `${indent} `),
    );
    return `[${rows.join(`${separator.trimEnd()}${blank}${indent} `)}]`;
  };
  return render(0, 0, '');
}

/** C's `%.<p>g`. */
function cFormatG(x: number, p: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  if (exp < -4 || exp >= p) {
    const [m, e] = x.toExponential(p - 1).split('e') as [string, string];
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const n = Number(e);
    return `${mant}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const f = x.toFixed(Math.max(0, p - 1 - exp));
  return f.includes('.') ? f.replace(/0+$/, '').replace(/\.$/, '') : f;
}

/**
 * One element (as stored) as TensorFlow's C++ prints it (`StrCat`): floats with `%g` at
 * FLT_DIG/DBL_DIG digits, more when that does not read back; a half as the float it widens to;
 * bools `1`/`0`; strings as they are.
 */
export function tfElement(dtype: DType, v: unknown): string {
  if (dtype === 'string') return utf8.decode(v as Uint8Array);
  if (dtype === 'float16') return tfElement('float32', fromHalfBits(v as number));
  if (dtype === 'bool') return (v as number) ? '1' : '0';
  if (dtype === 'float32' || dtype === 'float64') {
    const x = v as number;
    if (Number.isNaN(x)) return 'nan';
    if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
    const [short, long] = dtype === 'float32' ? [6, 9] : [15, 17];
    const s = cFormatG(x, short);
    const back = dtype === 'float32' ? Math.fround(Number(s)) : Number(s);
    return back === x ? s : cFormatG(x, long);
  }
  return String(v);
}

/**
 * TensorFlow's legacy `Tensor::SummarizeValue` (Print, Assert): at most `n` elements (n < 0: all),
 * inner rows in brackets (`[1 2][3 4]`), `...` where elements were left out.
 */
export function summarizeFlat(a: Formattable, n: number): string {
  const data = a.data as ArrayLike<unknown>;
  const total = data.length;
  const limit = n < 0 ? total : Math.min(n, total);
  if (a.shape.length === 0) return total > 0 ? tfElement(a.dtype, data[0]) : '';
  let index = 0;
  let out = '';
  const dim = (d: number) => {
    if (index >= limit) return;
    const count = a.shape[d] as number;
    if (d === a.shape.length - 1) {
      for (let i = 0; i < count; i++) {
        if (index >= limit) {
          if (d !== 0) out += '...';
          return;
        }
        if (i > 0) out += ' ';
        out += tfElement(a.dtype, data[index++]);
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      let open = false;
      if (index < limit) {
        out += '[';
        open = true;
      }
      dim(d + 1);
      if (index < limit || open) out += ']';
    }
  };
  dim(0);
  if (total > limit) out += '...';
  return out;
}
