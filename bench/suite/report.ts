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

/**
 * Issue 6's "How it is judged": every row at least BAR × the best of these peers at the same
 * thread count (TF.js cpu and ORT native are not part of the criterion; they stay in the table).
 */
export const CRITERION_PEERS: readonly Impl[] = ['tfjs-wasm', 'jax-wasm'];
export const BAR = 1.5;

/** A benchmark case. */
export interface RowSpec {
  readonly id: string;
  readonly label: string;
  /** Floating-point operations per call (GEMM, conv): GFLOP/s and % of the FMA peak. */
  readonly flops?: number;
  /**
   * `flops` is the direct algorithm's count, and fast algorithms do fewer (Winograd convolution):
   * the % of peak is nominal, may pass 100, and is no bound on what a kernel can reach.
   */
  readonly nominalFlops?: boolean;
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
  /** What the figure is, where it is not the runtime as shipped (a footnote under the table). */
  readonly note?: string;
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
  readonly note?: string;
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
  /** Issue 6's criterion: the best of CRITERION_PEERS at this thread count, where one was measured. */
  readonly criterion?: Criterion;
  readonly gflops?: number;
  /** ours wasm GFLOP/s ÷ (threads × the one-thread FMA peak), in %. */
  readonly pctPeak?: number;
  readonly streamMs?: number;
  /** ours wasm ÷ stream time. */
  readonly overStream?: number;
}

/** Ours against the best of TF.js wasm and jax-js at one thread count (issue 6's criterion). */
export interface Criterion {
  readonly impl: Impl;
  readonly value: number;
  /** peer ÷ ours wasm (time or bytes: lower is better for both), undefined when ours is n/a. */
  readonly ratio?: number;
  /** ratio ≥ BAR. */
  readonly meets: boolean;
  /**
   * Rows with a flop count: the % of T × the one-thread FMA peak that a time BAR × shorter than
   * the peer's needs. Over 100, the bar cannot be met by any code on this machine.
   */
  readonly barPctPeak?: number;
  /** barPctPeak is over 100 and the flop count is a real bound (not nominal): no code here meets the bar. */
  readonly peakBound?: boolean;
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
        cells[impl] = m === undefined ? undefined : m.samples && m.samples.length > 0 ? { value: median(m.samples), ...(m.note ? { note: m.note } : {}) } : { na: m.na ?? 'no samples' };
      }
      const ours = cells['ours-wasm']?.value;
      let best: { impl: Impl; value: number } | undefined;
      for (const p of JS_PEERS) {
        const v = cells[p]?.value;
        if (v !== undefined && (best === undefined || v < best.value)) best = { impl: p, value: v };
      }
      const ort = cells['ort-native']?.value;
      let crit: Criterion | undefined;
      for (const p of CRITERION_PEERS) {
        const v = cells[p]?.value;
        if (v !== undefined && (crit === undefined || v < crit.value)) crit = { impl: p, value: v, meets: false };
      }
      if (crit) {
        const ratio = ours !== undefined ? crit.value / ours : undefined;
        crit = { ...crit, ratio, meets: ratio !== undefined && ratio >= BAR };
        if (r.flops !== undefined) {
          const barPctPeak = (100 * BAR * (r.flops / (crit.value * 1e6))) / (t * ref.peakGflops);
          crit = { ...crit, barPctPeak, peakBound: barPctPeak > 100 && !r.nominalFlops };
        }
      }
      const line: Line = {
        row: r.id,
        label: r.label,
        threads: t,
        cells,
        bestJsPeer: best,
        vsBestJs: ours !== undefined && best ? best.value / ours : undefined,
        vsOrt: ours !== undefined && ort !== undefined ? ort / ours : undefined,
        criterion: crit,
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

/**
 * The % of T × the FMA peak that BAR × the peer's speed needs: "62 % of peak", "needs 104 % of
 * peak"; "(nominal)" where the flop count is the direct algorithm's (not a bound).
 */
export function fmtBar(pct: number, nominal = false): string {
  return `${pct > 100 ? 'needs ' : ''}${pct.toFixed(0)} % of peak${nominal ? ' (nominal)' : ''}`;
}

/** A plain text table: columns padded to their widest cell, all but the first right-aligned. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

/** The comparison table and its footnotes (each distinct n/a reason or note numbered once). */
export function formatTable(rows: readonly RowSpec[], lines: readonly Line[]): string {
  const notes: string[] = [];
  const noteFor = (impl: Impl, why: string) => {
    const text = `${IMPL_LABELS[impl]}: ${why}`;
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return `[${i + 1}]`;
  };
  const unitOf = (id: string) => rows.find((r) => r.id === id)?.unit;
  const nominalOf = (id: string) => rows.find((r) => r.id === id)?.nominalFlops === true;
  const header = ['case', 'T', ...IMPLS.map((i) => IMPL_LABELS[i]), 'best JS peer', 'best JS ÷ ours', 'best of tfjs wasm, jax-js', `÷ ours (✓ ≥ ${BAR}×)`, `${BAR}× that peer needs`, 'ORT ÷ ours', 'ours GFLOP/s (% peak) · stream'];
  const body = lines.map((l) => {
    const cells = IMPLS.map((impl) => {
      const c = l.cells[impl];
      if (!c) return '';
      if (c.value === undefined) return `n/a${noteFor(impl, c.na ?? '')}`;
      return `${fmtValue(c.value, unitOf(l.row))}${c.note ? noteFor(impl, c.note) : ''}`;
    });
    let extra = '';
    if (l.gflops !== undefined) extra = `${l.gflops.toFixed(1)} (${(l.pctPeak as number).toFixed(0)} %)`;
    if (l.streamMs !== undefined) extra = `stream ${fmtValue(l.streamMs)}, ours ${fmtRatio(l.overStream)} of it`;
    const c = l.criterion;
    return [
      l.label,
      String(l.threads),
      ...cells,
      l.bestJsPeer ? IMPL_LABELS[l.bestJsPeer.impl] : '-',
      fmtRatio(l.vsBestJs),
      c ? IMPL_LABELS[c.impl] : '-',
      c?.ratio !== undefined ? `${fmtRatio(c.ratio)} ${c.meets ? '✓' : '✗'}` : '-',
      c?.barPctPeak !== undefined ? fmtBar(c.barPctPeak, nominalOf(l.row)) : '',
      fmtRatio(l.vsOrt),
      extra,
    ];
  });
  const foot = notes.map((n, i) => `  [${i + 1}] ${n}`);
  return [textTable(header, body), ...(foot.length ? ['n/a and notes:', ...foot] : [])].join('\n');
}

/** A line judged by issue 6's criterion, named "label, T threads". */
export interface Judged {
  readonly row: string;
  readonly threads: number;
  readonly name: string;
  readonly peer?: Impl;
  readonly ratio?: number;
  readonly barPctPeak?: number;
  readonly peakBound?: boolean;
  /** Why it is not judged: no TF.js wasm or jax-js figure, or ours n/a. */
  readonly why?: string;
}

/** The lines meeting the bar, those short of it (split by whether BAR × the peer is over the FMA peak), and those not judged. */
export interface CriterionSummary {
  readonly bar: number;
  readonly peers: readonly Impl[];
  readonly meets: readonly Judged[];
  /** Short of the bar where BAR × the peer needs at most 100 % of the peak (or the row has no flop count, or a nominal one): our code. */
  readonly shortByCode: readonly Judged[];
  /** Short of the bar where BAR × the peer would need more than 100 % of T × the one-thread FMA peak. */
  readonly shortByPeak: readonly Judged[];
  readonly notJudged: readonly Judged[];
}

export function summarize(lines: readonly Line[]): CriterionSummary {
  const s = { bar: BAR, peers: CRITERION_PEERS, meets: [] as Judged[], shortByCode: [] as Judged[], shortByPeak: [] as Judged[], notJudged: [] as Judged[] };
  for (const l of lines) {
    const c = l.criterion;
    const j: Judged = { row: l.row, threads: l.threads, name: `${l.label}, ${l.threads} T`, peer: c?.impl, ratio: c?.ratio, barPctPeak: c?.barPctPeak, peakBound: c?.peakBound };
    if (!c) s.notJudged.push({ ...j, why: `no ${CRITERION_PEERS.map((p) => IMPL_LABELS[p]).join(' or ')} figure` });
    else if (c.ratio === undefined) s.notJudged.push({ ...j, why: 'ours wasm n/a' });
    else if (c.meets) s.meets.push(j);
    else if (c.peakBound) s.shortByPeak.push(j);
    else s.shortByCode.push(j);
  }
  return s;
}

/** The summary printed under the table: one line per case, its thread counts side by side. */
export function formatSummary(s: CriterionSummary): string {
  const peers = s.peers.map((p) => IMPL_LABELS[p]).join(', ');
  const count = (xs: readonly unknown[]) => `${xs.length} line${xs.length === 1 ? '' : 's'}`;
  const label = (j: Judged) => j.name.slice(0, j.name.lastIndexOf(', '));
  const group = (js: readonly Judged[], one: (j: Judged) => string) => {
    const byRow = new Map<string, Judged[]>();
    for (const j of js) byRow.set(label(j), [...(byRow.get(label(j)) ?? []), j]);
    return [...byRow].map(([name, xs]) => `    ${name}: ${xs.map(one).join('; ')}`);
  };
  const ratioAt = (j: Judged) => `${fmtRatio(j.ratio)} at ${j.threads} T`;
  const short = (j: Judged) => `${ratioAt(j)} (${j.barPctPeak !== undefined ? `${s.bar}× ${IMPL_LABELS[j.peer as Impl]} ${fmtBar(j.barPctPeak, j.barPctPeak > 100 && !j.peakBound)}` : IMPL_LABELS[j.peer as Impl]})`;
  const out = [`issue 6's criterion: ours wasm at least ${s.bar}× the best of ${peers} at the same thread count (peak RSS: their RSS ÷ ours)`];
  out.push(`  meets it (${count(s.meets)}):`, ...group(s.meets, ratioAt));
  out.push(`  short of it (${count([...s.shortByCode, ...s.shortByPeak])}):`);
  out.push(`   by our code (${count(s.shortByCode)}: ${s.bar}× the peer is within the FMA peak, or the case has no flop count or a nominal one):`, ...group(s.shortByCode, short));
  out.push(`   bounded by the peak (${count(s.shortByPeak)}: ${s.bar}× the peer would need more than T × the one-thread FMA peak):`, ...group(s.shortByPeak, short));
  if (s.notJudged.length) out.push(`  not judged (${count(s.notJudged)}):`, ...group(s.notJudged, (j) => `${j.threads} T: ${j.why}`));
  return out.join('\n');
}

/** One of issue 6's other conditions, judged on this run. */
export interface Check {
  readonly what: string;
  readonly figure: string;
  /** Undefined when the run has no figure for it. */
  readonly meets?: boolean;
}

/**
 * Issue 6's other conditions: matmul 1024 at ≥ 70 % of the FMA peak on one thread and ≥ 1.7× that
 * on two (each of A·B, Aᵀ·B, A·Bᵀ), the chain within 1.5× of the stream time, no backend
 * allocation in a training step after warm-up.
 */
export function otherChecks(lines: readonly Line[], implementations: RunMeta['implementations']): Check[] {
  const checks: Check[] = [];
  const at = (row: string, t: number) => lines.find((l) => l.row === row && l.threads === t);
  for (const l1 of lines.filter((l) => /^matmul-\w+-1024$/.test(l.row) && l.threads === 1)) {
    const p = l1.pctPeak;
    checks.push({ what: `${l1.label} at ≥ 70 % of the FMA peak on 1 T`, figure: p === undefined ? 'n/a' : `${p.toFixed(0)} %`, meets: p === undefined ? undefined : p >= 70 });
    const v1 = l1.cells['ours-wasm']?.value;
    const v2 = at(l1.row, 2)?.cells['ours-wasm']?.value;
    const x = v1 !== undefined && v2 !== undefined ? v1 / v2 : undefined;
    checks.push({ what: `${l1.label} on 2 T ≥ 1.7× its 1 T figure`, figure: x === undefined ? 'n/a' : fmtRatio(x), meets: x === undefined ? undefined : x >= 1.7 });
  }
  for (const l of lines.filter((x) => x.streamMs !== undefined)) {
    const o = l.overStream;
    checks.push({ what: `${l.label} within 1.5× the stream time, ${l.threads} T`, figure: o === undefined ? 'n/a' : `${fmtRatio(o)} of it`, meets: o === undefined ? undefined : o <= 1.5 });
  }
  for (const r of implementations.filter((x) => x.impl === 'ours-wasm')) {
    const a = r.trainAllocations;
    checks.push({ what: `no backend allocation in a training step after warm-up, ours wasm ${r.threads} T`, figure: a ? `${a.allocations} in ${a.runs} MLP steps` : 'n/a', meets: a ? a.allocations === 0 : undefined });
  }
  return checks;
}

export function formatChecks(checks: readonly Check[]): string {
  const mark = (c: Check) => (c.meets === undefined ? '-' : c.meets ? '✓' : '✗');
  return ["issue 6's other conditions:", ...checks.map((c) => `  ${mark(c)} ${c.what}: ${c.figure}`)].join('\n');
}

/** What suite.bench.ts writes to the JSON's `meta`. */
export interface RunMeta {
  readonly date: string;
  readonly cpu: string;
  readonly logicalCpus: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly relaxedFma: boolean;
  readonly seconds: number;
  readonly implementations: readonly { impl: Impl; threads: number; detail: string; trainAllocations?: { runs: number; allocations: number } }[];
}

/** The part of bench/results/*.json that the report is made from (the rest is derived). */
export interface RunDoc {
  readonly meta: RunMeta;
  readonly reference: Reference;
  readonly rows: readonly RowSpec[];
  readonly measurements: readonly Measurement[];
}

/** The suite's whole stdout, from the run's measurements (also `suite.bench.js --from file.json`). */
export function formatRun(doc: RunDoc, threadCounts: readonly number[] = [1, 2]): string {
  const { meta, reference: ref } = doc;
  const lines = compare(doc.rows, doc.measurements, ref, threadCounts);
  const loads = (xs: readonly number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const stream = ref.streamMs[1] ?? Number.NaN;
  const out: string[] = [];
  out.push('tensorgraph benchmark suite (issue 6): ours and the peers in one run');
  out.push(`${meta.date} · ${meta.cpu} · ${meta.logicalCpus} logical CPUs · Node ${meta.node} · ${meta.platform}`);
  out.push(`load average ${loads(meta.loadAverage.start)} at the start, ${loads(meta.loadAverage.end)} at the end (1, 5, 15 min)`);
  out.push(
    `FMA peak loop, 1 thread: ${ref.peakGflops.toFixed(1)} GFLOP/s (${meta.relaxedFma ? 'relaxed FMA' : 'mul + add'}; % peak at T threads is of T × this) · stream 1M float32 once (copy, 8 MB moved): ${(stream * 1000).toFixed(0)} µs`,
  );
  out.push(
    `median of 5 samples after warm-up; T = threads; "best JS ÷ ours" (of tfjs wasm, tfjs cpu, jax-js), "÷ ours" of the best of tfjs wasm and jax-js (issue 6's criterion) and "ORT ÷ ours" above 1× mean ours (wasm backend) is faster; "${BAR}× that peer needs": the % of T × the FMA peak a time ${BAR}× shorter than that peer's needs`,
  );
  out.push('', formatTable(doc.rows, lines), '', formatSummary(summarize(lines)), formatChecks(otherChecks(lines, meta.implementations)), '');
  for (const r of meta.implementations) {
    if (r.trainAllocations) out.push(`${IMPL_LABELS[r.impl]} ${r.threads}T: ${r.trainAllocations.allocations} backend allocations in ${r.trainAllocations.runs} MLP training steps after the first`);
  }
  out.push('implementations:');
  for (const r of meta.implementations) out.push(`  ${IMPL_LABELS[r.impl]} ${r.threads}T: ${r.detail}`);
  out.push(`total ${meta.seconds.toFixed(0)} s`);
  return out.join('\n');
}

/** The JSON document written to bench/results/latest.json. */
export function toJson(meta: RunMeta | Record<string, unknown>, ref: Reference, rows: readonly RowSpec[], ms: readonly Measurement[], lines: readonly Line[]): string {
  return `${JSON.stringify(
    {
      meta,
      reference: ref,
      rows,
      measurements: ms.map((m) => ({ ...m, median: m.samples?.length ? median(m.samples) : undefined })),
      comparison: lines,
      criterion: summarize(lines),
      otherConditions: 'implementations' in meta ? otherChecks(lines, (meta as RunMeta).implementations) : undefined,
    },
    null,
    2,
  )}\n`;
}
