// The suite's report: measurements → comparison lines (ours against the best peer at the same
// thread count), a plain-text table with footnotes, and the JSON written to bench/results/.
// Pure functions (no timing, no I/O), tested in test/bench/report.test.ts.

/** The implementations, in table column order. `ours-*` are tensorgraph; the rest are peers. */
export const IMPLS = ['ours-wasm', 'ours-cpu', 'tfjs-wasm', 'tfjs-cpu', 'jax-wasm', 'ort-native'] as const;
export type Impl = (typeof IMPLS)[number];

export const IMPL_LABELS: Record<Impl, string> = {
  'ours-wasm': 'ours wasm',
  'ours-cpu': 'ours cpu',
  'tfjs-wasm': 'tfjs wasm',
  'tfjs-cpu': 'tfjs cpu',
  'jax-wasm': 'jax-js wasm',
  'ort-native': 'ORT native',
};

/** The JavaScript peers the ratio compares against (ORT native is the native reference, its own column). */
export const JS_PEERS: readonly Impl[] = ['tfjs-wasm', 'tfjs-cpu', 'jax-wasm'];

/** A benchmark case. */
export interface RowSpec {
  readonly id: string;
  readonly label: string;
  /** Floating-point operations per call (GEMM, conv): GFLOP/s and % of the FMA peak. */
  readonly flops?: number;
  /** Bytes one call must read and write (the elementwise chain): compared with the stream time. */
  readonly bytes?: number;
  /** What a figure is: time per call (default), or bytes (peak RSS; lower is better too). */
  readonly unit?: 'time' | 'bytes';
}

/** One implementation on one case at one thread count: samples in ms per call (or bytes), or why not. */
export interface Measurement {
  readonly row: string;
  readonly impl: Impl;
  readonly threads: number;
  readonly samples?: readonly number[];
  readonly na?: string;
}

/** Machine-wide figures measured in the same run. */
export interface Reference {
  /** GFLOP/s of the 128-bit FMA peak loop on one thread. */
  readonly peakGflops: number;
  /** ms to stream the chain's bytes once (a 1M-float copy: 4 MB read + 4 MB written), per thread count. */
  readonly streamMs: Readonly<Record<number, number>>;
}

export interface Cell {
  readonly value?: number;
  readonly na?: string;
}

/** One line of the comparison: a case at a thread count. */
export interface Line {
  readonly row: string;
  readonly label: string;
  readonly threads: number;
  readonly cells: Readonly<Record<Impl, Cell | undefined>>;
  readonly bestJsPeer?: { readonly impl: Impl; readonly value: number };
  /** best JS peer ÷ ours wasm: above 1 means ours is faster (smaller). */
  readonly vsBestJs?: number;
  /** ORT native ÷ ours wasm. */
  readonly vsOrt?: number;
  readonly gflops?: number;
  /** ours wasm GFLOP/s ÷ (threads × the one-thread FMA peak), in %. */
  readonly pctPeak?: number;
  readonly streamMs?: number;
  /** ours wasm ÷ stream time. */
  readonly overStream?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of no samples');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Comparison lines: every case at every thread count that has a measurement, in `rows` order. */
export function compare(rows: readonly RowSpec[], ms: readonly Measurement[], ref: Reference, threadCounts: readonly number[]): Line[] {
  const lines: Line[] = [];
  for (const r of rows) {
    for (const t of threadCounts) {
      const here = ms.filter((m) => m.row === r.id && m.threads === t);
      if (here.length === 0) continue;
      const cells = {} as Record<Impl, Cell | undefined>;
      for (const impl of IMPLS) {
        const m = here.find((x) => x.impl === impl);
        cells[impl] = m === undefined ? undefined : m.samples && m.samples.length > 0 ? { value: median(m.samples) } : { na: m.na ?? 'no samples' };
      }
      const ours = cells['ours-wasm']?.value;
      let best: { impl: Impl; value: number } | undefined;
      for (const p of JS_PEERS) {
        const v = cells[p]?.value;
        if (v !== undefined && (best === undefined || v < best.value)) best = { impl: p, value: v };
      }
      const ort = cells['ort-native']?.value;
      const line: Line = {
        row: r.id,
        label: r.label,
        threads: t,
        cells,
        bestJsPeer: best,
        vsBestJs: ours !== undefined && best ? best.value / ours : undefined,
        vsOrt: ours !== undefined && ort !== undefined ? ort / ours : undefined,
      };
      if (r.flops !== undefined && ours !== undefined) {
        const gflops = r.flops / (ours * 1e6);
        Object.assign(line, { gflops, pctPeak: (100 * gflops) / (t * ref.peakGflops) });
      }
      const stream = ref.streamMs[t];
      if (r.bytes !== undefined && stream !== undefined) {
        Object.assign(line, { streamMs: stream, overStream: ours !== undefined ? ours / stream : undefined });
      }
      lines.push(line);
    }
  }
  return lines;
}

/** Three significant digits with a unit: 0.512 µs, 12.3 µs, 4.56 ms, 1.23 s; 123 MB. */
export function fmtValue(v: number, unit: RowSpec['unit'] = 'time'): string {
  const sig = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (unit === 'bytes') return `${sig(v / 2 ** 20)} MiB`;
  if (v >= 1000) return `${sig(v / 1000)} s`;
  if (v >= 1) return `${sig(v)} ms`;
  return `${sig(v * 1000)} µs`;
}

export function fmtRatio(r: number | undefined): string {
  return r === undefined ? '-' : `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

/** A plain text table: columns padded to their widest cell, all but the first right-aligned. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

/** The comparison table and its footnotes (each distinct n/a reason numbered once). */
export function formatTable(rows: readonly RowSpec[], lines: readonly Line[]): string {
  const notes: string[] = [];
  const noteFor = (impl: Impl, why: string) => {
    const text = `${IMPL_LABELS[impl]}: ${why}`;
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return `n/a[${i + 1}]`;
  };
  const unitOf = (id: string) => rows.find((r) => r.id === id)?.unit;
  const header = ['case', 'T', ...IMPLS.map((i) => IMPL_LABELS[i]), 'best JS peer', 'best JS ÷ ours', 'ORT ÷ ours', 'ours GFLOP/s (% peak) · stream'];
  const body = lines.map((l) => {
    const cells = IMPLS.map((impl) => {
      const c = l.cells[impl];
      if (!c) return '';
      return c.value !== undefined ? fmtValue(c.value, unitOf(l.row)) : noteFor(impl, c.na ?? '');
    });
    let extra = '';
    if (l.gflops !== undefined) extra = `${l.gflops.toFixed(1)} (${(l.pctPeak as number).toFixed(0)} %)`;
    if (l.streamMs !== undefined) extra = `stream ${fmtValue(l.streamMs)}, ours ${fmtRatio(l.overStream)} of it`;
    return [l.label, String(l.threads), ...cells, l.bestJsPeer ? IMPL_LABELS[l.bestJsPeer.impl] : '-', fmtRatio(l.vsBestJs), fmtRatio(l.vsOrt), extra];
  });
  const foot = notes.map((n, i) => `  [${i + 1}] ${n}`);
  return [textTable(header, body), ...(foot.length ? ['n/a:', ...foot] : [])].join('\n');
}

/** The JSON document written to bench/results/latest.json. */
export function toJson(meta: Record<string, unknown>, ref: Reference, rows: readonly RowSpec[], ms: readonly Measurement[], lines: readonly Line[]): string {
  return `${JSON.stringify(
    {
      meta,
      reference: ref,
      rows,
      measurements: ms.map((m) => ({ ...m, median: m.samples?.length ? median(m.samples) : undefined })),
      comparison: lines,
    },
    null,
    2,
  )}\n`;
}
