import type { DType, TypedData } from './dtypes.js';

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

/** Shortest decimal that reads back to the same float32. */
function shortestFloat32(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(x);
}

function shortest(x: number, dtype: DType): string {
  return dtype === 'float32' ? shortestFloat32(x) : String(x);
}

/** Digits after the decimal point of a plain decimal string ("0.25" → 2, "3" → 0). */
function fracDigits(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Mantissa/exponent of the shortest repr, numpy-style exponent (`e-05`). */
function sciParts(x: number, dtype: DType): { mant: string; exp: number } {
  const s = Number(shortest(x, dtype)).toExponential();
  const [m, e] = s.split('e') as [string, string];
  return { mant: m, exp: Number(e) };
}

/** Builds the element formatter for one array, as numpy's FloatingFormat / IntegerFormat do. */
function elementFormatter(dtype: DType, values: readonly unknown[]): (v: unknown) => string {
  if (dtype === 'bool') {
    return (v) => ((v as number) ? ' True' : 'False');
  }
  if (dtype === 'string') return (v) => `b'${utf8.decode(v as Uint8Array).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (dtype !== 'float32' && dtype !== 'float64') {
    const w = Math.max(1, ...values.map((v) => String(v).length));
    return (v) => String(v).padStart(w);
  }
  const nums = values as number[];
  const finite = nums.filter((x) => Number.isFinite(x));
  const special = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');
  const abs = finite.map(Math.abs).filter((x) => x !== 0);
  const maxAbs = abs.length ? Math.max(...abs) : 0;
  const minAbs = abs.length ? Math.min(...abs) : 0;
  const sci = maxAbs >= 1e8 || minAbs < 1e-4 || (minAbs > 0 && maxAbs / minAbs > 1e3);
  if (sci) {
    const parts = finite.map((x) => sciParts(x, dtype));
    const digits = Math.max(0, ...parts.map((p) => fracDigits(p.mant)));
    const body = (x: number) => {
      const { mant, exp } = sciParts(x, dtype);
      const m = digits === 0 ? `${Number(mant).toFixed(0)}.` : Number(mant).toFixed(digits);
      return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    };
    const strs = nums.map((x) => (Number.isFinite(x) ? body(x) : special(x)));
    const w = Math.max(...strs.map((s) => s.length));
    return (v) => {
      const x = v as number;
      return (Number.isFinite(x) ? body(x) : special(x)).padStart(w);
    };
  }
  const digits = Math.min(8, Math.max(0, ...finite.map((x) => fracDigits(shortest(x, dtype)))));
  const body = (x: number) => {
    let s = x.toFixed(digits);
    if (digits > 0) s = s.replace(/0+$/, '');
    if (!s.includes('.')) s = `${s}.`;
    return s + ' '.repeat(digits - fracDigits(s));
  };
  const intWidth = Math.max(
    1,
    ...nums.map((x) => (Number.isFinite(x) ? body(x).split('.')[0]?.length ?? 1 : special(x).length)),
  );
  return (v) => {
    const x = v as number;
    if (!Number.isFinite(x)) return special(x).padStart(intWidth + (digits > 0 ? digits + 1 : 1));
    const s = body(x);
    const [ip] = s.split('.');
    return ' '.repeat(Math.max(0, intWidth - (ip?.length ?? 0))) + s;
  };
}

/** A scalar, as JS prints numbers: float `13` → `13`, `0.1` → `0.1`; ints, bools, strings as numpy. */
function formatScalar(dtype: DType, v: unknown): string {
  if (dtype === 'bool') return (v as number) ? 'True' : 'False';
  if (dtype === 'string') return `b'${utf8.decode(v as Uint8Array)}'`;
  if (dtype === 'float32' || dtype === 'float64') {
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
  const data = a.data as ArrayLike<unknown>;
  if (a.shape.length === 0) {
    if (plain && a.dtype === 'string') return utf8.decode(data[0] as Uint8Array);
    return formatScalar(a.dtype, data[0]);
  }
  const size = data.length;
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
  const fmt = plain ? (v: unknown) => (a.dtype === 'string' ? `"${utf8.decode(v as Uint8Array)}"` : formatScalar(a.dtype, v)) : elementFormatter(a.dtype, displayed);
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

/**
 * TensorFlow's legacy summary (Print, Assert): the first `n` elements, flat, space-separated, with
 * `...` when there are more (n < 0: all).
 */
export function summarizeFlat(a: Formattable, n: number): string {
  const data = a.data as ArrayLike<unknown>;
  const count = n < 0 ? data.length : Math.min(n, data.length);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = data[i];
    parts.push(a.dtype === 'string' ? utf8.decode(v as Uint8Array) : formatScalar(a.dtype, v));
  }
  return parts.join(' ') + (count < data.length ? '...' : '');
}
