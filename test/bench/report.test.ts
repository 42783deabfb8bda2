// The benchmark suite's report: ratios against the best peer at the same thread count, % of the
// FMA peak, the stream comparison, footnoted n/a cells and the JSON. No timing is asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCost } from '../../bench/suite/rows.js';
import {
  type Measurement,
  type RowSpec,
  type RunMeta,
  compare,
  fmtBar,
  fmtRatio,
  fmtValue,
  formatRun,
  formatSummary,
  formatTable,
  median,
  otherChecks,
  summarize,
  textTable,
  toJson,
} from '../../bench/suite/report.js';

const ROWS: RowSpec[] = [
  { id: 'mm', label: 'matmul 1024', flops: 2 * 1024 ** 3 },
  { id: 'chain', label: 'chain', bytes: 8 << 20 },
  { id: 'train', label: 'train step' },
];
const REF = { peakGflops: 40, streamMs: { 1: 0.5, 2: 0.5 } };

const m = (row: string, impl: Measurement['impl'], threads: number, samples: number[] | string): Measurement =>
  typeof samples === 'string' ? { row, impl, threads, na: samples } : { row, impl, threads, samples };

const MS: Measurement[] = [
  m('mm', 'ours-wasm', 1, [100, 110, 90, 300, 105]), // median 105
  m('mm', 'tfjs-wasm', 1, [200, 210, 190]), // median 200
  m('mm', 'jax-wasm', 1, [150, 160]), // median 155
  m('mm', 'tfjs-cpu', 1, 'one call took 3.0 s'),
  m('mm', 'ort-native', 1, [50]),
  m('mm', 'ours-wasm', 2, [60]),
  m('mm', 'tfjs-wasm', 2, [120]),
  m('chain', 'ours-wasm', 1, [0.75]),
  m('chain', 'jax-wasm', 1, [3]),
  m('train', 'ours-wasm', 1, [10]),
  m('train', 'ort-native', 1, 'inference-only runtime'),
  m('train', 'jax-wasm', 1, 'inference-only runtime'),
];

describe('bench report', () => {
  it('median of odd and even sample counts, and an error for none', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /no samples/);
  });

  it('ratios: the best JS peer at the same thread count over ours; ORT apart', () => {
    const lines = compare(ROWS, MS, REF, [1, 2]);
    assert.deepEqual(
      lines.map((l) => [l.row, l.threads]),
      [
        ['mm', 1],
        ['mm', 2],
        ['chain', 1],
        ['train', 1],
      ],
    );
    const [mm1, mm2, chain, train] = lines;
    assert.equal(mm1?.cells['ours-wasm']?.value, 105);
    assert.deepEqual(mm1?.bestJsPeer, { impl: 'jax-wasm', value: 155 });
    assert.ok(Math.abs((mm1?.vsBestJs as number) - 155 / 105) < 1e-12);
    assert.ok(Math.abs((mm1?.vsOrt as number) - 50 / 105) < 1e-12);
    assert.equal(mm1?.cells['tfjs-cpu']?.na, 'one call took 3.0 s');
    assert.equal(mm1?.cells['ours-cpu'], undefined);
    // 2 threads: only tfjs wasm measured there; jax-js at 1 thread does not count.
    assert.deepEqual(mm2?.bestJsPeer, { impl: 'tfjs-wasm', value: 120 });
    assert.equal(mm2?.vsBestJs, 2);
    assert.equal(mm2?.vsOrt, undefined);
    // GFLOP/s from ms per call; % of peak against threads × the one-thread peak.
    const gf1 = (2 * 1024 ** 3) / (105 * 1e6);
    assert.ok(Math.abs((mm1?.gflops as number) - gf1) < 1e-9);
    assert.ok(Math.abs((mm1?.pctPeak as number) - (100 * gf1) / 40) < 1e-9);
    assert.ok(Math.abs((mm2?.pctPeak as number) - (100 * ((2 * 1024 ** 3) / 60e6)) / 80) < 1e-9);
    assert.equal(chain?.streamMs, 0.5);
    assert.equal(chain?.overStream, 1.5);
    assert.equal(chain?.gflops, undefined);
    assert.equal(train?.bestJsPeer, undefined);
    assert.equal(train?.vsBestJs, undefined);
  });

  it('formats values with units and ratios', () => {
    assert.equal(fmtValue(0.000512), '0.51 µs');
    assert.equal(fmtValue(0.0123), '12.3 µs');
    assert.equal(fmtValue(4.567), '4.57 ms');
    assert.equal(fmtValue(1234), '1.23 s');
    assert.equal(fmtValue(123 * 2 ** 20, 'bytes'), '123 MiB');
    assert.equal(fmtRatio(1.5), '1.50×');
    assert.equal(fmtRatio(27.4), '27×');
    assert.equal(fmtRatio(undefined), '-');
  });

  it('pads table columns, first left-aligned', () => {
    assert.equal(textTable(['a', 'bb'], [['xyz', '1']]), 'a   | bb\n----|---\nxyz |  1');
  });

  it('prints n/a with one numbered footnote per distinct reason', () => {
    const text = formatTable(ROWS, compare(ROWS, MS, REF, [1, 2]));
    const lines = text.split('\n');
    const mm1 = lines.find((l) => l.startsWith('matmul 1024') && l.includes('| 1 |')) as string;
    assert.match(mm1, /105 ms/);
    assert.match(mm1, /n\/a\[1\]/);
    assert.match(mm1, /jax-js wasm/);
    assert.match(mm1, /1\.48×/); // 155 / 105
    assert.match(mm1, /20\.5 \(51 %\)/);
    const chain = lines.find((l) => l.startsWith('chain')) as string;
    assert.match(chain, /stream 500 µs, ours 1\.50× of it/);
    assert.ok(lines.includes('  [1] tfjs cpu: one call took 3.0 s'));
    // The same reason for two implementations: one footnote each (the text names the runtime).
    assert.ok(lines.includes('  [2] jax-js wasm: inference-only runtime'));
    assert.ok(lines.includes('  [3] ORT native: inference-only runtime'));
    assert.equal(lines.filter((l) => l.startsWith('  [')).length, 3);
  });

  it('writes JSON with medians, the comparison and the references', () => {
    const lines = compare(ROWS, MS, REF, [1, 2]);
    const doc = JSON.parse(toJson({ date: 'd' }, REF, ROWS, MS, lines)) as {
      meta: { date: string };
      reference: typeof REF;
      measurements: { row: string; impl: string; threads: number; median?: number; na?: string }[];
      comparison: { row: string; threads: number; vsBestJs?: number }[];
    };
    assert.equal(doc.meta.date, 'd');
    assert.equal(doc.reference.peakGflops, 40);
    assert.equal(doc.measurements.find((x) => x.row === 'mm' && x.impl === 'ours-wasm' && x.threads === 1)?.median, 105);
    assert.equal(doc.measurements.find((x) => x.impl === 'tfjs-cpu')?.na, 'one call took 3.0 s');
    assert.equal(doc.comparison.find((c) => c.row === 'mm' && c.threads === 2)?.vsBestJs, 2);
  });

  // Issue 6's criterion: TF.js wasm and jax-js only, 1.5×, and the % of the peak 1.5× of the peer needs.
  const CROWS: RowSpec[] = [
    ...ROWS,
    { id: 'ov', label: 'overhead' },
    { id: 'mm2', label: 'matmul 1024 B', flops: 2 * 1024 ** 3 },
    { id: 'rss', label: 'peak RSS', unit: 'bytes' },
    { id: 'cv', label: 'conv', flops: 2 * 1024 ** 3, nominalFlops: true },
  ];
  const CMS: Measurement[] = [
    ...MS,
    m('ov', 'ours-wasm', 1, [2]),
    m('ov', 'tfjs-cpu', 1, [1]), // faster than ours, but not in the criterion
    m('ov', 'tfjs-wasm', 1, [3]),
    m('mm2', 'ours-wasm', 1, [60]),
    m('mm2', 'tfjs-wasm', 1, [70]),
    m('rss', 'ours-wasm', 1, [100]),
    m('rss', 'jax-wasm', 1, [80]),
    m('cv', 'ours-wasm', 1, [60]),
    m('cv', 'tfjs-wasm', 1, [70]),
  ];

  it("judges each line by the best of TF.js wasm and jax-js, not TF.js cpu or ORT", () => {
    const lines = compare(CROWS, CMS, REF, [1, 2]);
    const at = (row: string, t = 1) => lines.find((l) => l.row === row && l.threads === t);
    const mm1 = at('mm')?.criterion;
    assert.equal(mm1?.impl, 'jax-wasm');
    assert.ok(Math.abs((mm1?.ratio as number) - 155 / 105) < 1e-12);
    assert.equal(mm1?.meets, false);
    // 1.5 × jax-js's GFLOP/s over 1 × the 40 GFLOP/s peak.
    assert.ok(Math.abs((mm1?.barPctPeak as number) - (100 * 1.5 * ((2 * 1024 ** 3) / 155e6)) / 40) < 1e-9);
    assert.equal(at('mm', 2)?.criterion?.meets, true);
    assert.ok(Math.abs((at('mm', 2)?.criterion?.barPctPeak as number) - (100 * 1.5 * ((2 * 1024 ** 3) / 120e6)) / 80) < 1e-9);
    // TF.js cpu is the best JS peer (0.5×), but the criterion is against TF.js wasm: exactly 1.5× meets it.
    assert.equal(at('ov')?.bestJsPeer?.impl, 'tfjs-cpu');
    assert.equal(at('ov')?.vsBestJs, 0.5);
    assert.deepEqual(at('ov')?.criterion, { impl: 'tfjs-wasm', value: 3, ratio: 1.5, meets: true });
    // 1.5× of 30.7 GFLOP/s on a 40 GFLOP/s machine is over the peak.
    assert.ok((at('mm2')?.criterion?.barPctPeak as number) > 100);
    assert.equal(at('mm2')?.criterion?.peakBound, true);
    // The same figures with a nominal flop count (Winograd does fewer): over 100 % but not a bound.
    assert.equal(at('cv')?.criterion?.barPctPeak, at('mm2')?.criterion?.barPctPeak);
    assert.equal(at('cv')?.criterion?.peakBound, false);
    // Bytes: peer ÷ ours as for times (lower is better).
    assert.equal(at('rss')?.criterion?.ratio, 0.8);
    assert.equal(at('train')?.criterion, undefined);
  });

  it('summarizes the lines meeting the bar, short of it by our code or by the peak, and not judged', () => {
    const s = summarize(compare(CROWS, CMS, REF, [1, 2]));
    const names = (xs: readonly { row: string; threads: number }[]) => xs.map((j) => `${j.row}@${j.threads}`);
    assert.deepEqual(names(s.meets), ['mm@2', 'chain@1', 'ov@1']);
    assert.deepEqual(names(s.shortByCode), ['mm@1', 'rss@1', 'cv@1']);
    assert.deepEqual(names(s.shortByPeak), ['mm2@1']);
    assert.deepEqual(names(s.notJudged), ['train@1']);
    const text = formatSummary(s);
    assert.match(text, /meets it \(3 lines\):\n {4}matmul 1024: 2\.00× at 2 T\n/);
    assert.match(text, / {4}conv: 1\.17× at 1 T \(1\.5× tfjs wasm needs 115 % of peak \(nominal\)\)/);
    assert.match(text, /by our code \(3 lines.*\n {4}matmul 1024: 1\.48× at 1 T \(1\.5× jax-js wasm 52 % of peak\)\n {4}peak RSS: 0\.80× at 1 T \(jax-js wasm\)/);
    assert.match(text, /bounded by the peak \(1 line.*\n {4}matmul 1024 B: 1\.17× at 1 T \(1\.5× tfjs wasm needs 115 % of peak\)/);
    assert.match(text, /not judged \(1 line\):\n {4}train step: 1 T: no tfjs wasm or jax-js wasm figure/);
    assert.equal(fmtBar(62.4), '62 % of peak');
    assert.equal(fmtBar(104.2), 'needs 104 % of peak');
    assert.equal(fmtBar(104.2, true), 'needs 104 % of peak (nominal)');
  });

  it('prints the criterion columns and a note on a measured figure', () => {
    const ms = [...CMS.filter((x) => x.row !== 'ov'), { row: 'ov', impl: 'tfjs-wasm', threads: 1, samples: [3], note: 'a stand-in kernel' } as Measurement, m('ov', 'ours-wasm', 1, [2])];
    const lines = formatTable(CROWS, compare(CROWS, ms, REF, [1, 2])).split('\n');
    assert.match(lines[0] as string, /best of tfjs wasm, jax-js \| ÷ ours \(✓ ≥ 1\.5×\) \| +1\.5× that peer needs/);
    assert.match(lines.find((l) => l.startsWith('overhead')) as string, /3\.00 ms\[\d\].*tfjs wasm \| +1\.50× ✓ \|/);
    assert.match(lines.find((l) => l.startsWith('matmul 1024 ') && l.includes('| 1 |')) as string, /jax-js wasm \| +1\.48× ✗ \| +52 % of peak \|/);
    assert.ok(lines.some((l) => /^ {2}\[\d\] tfjs wasm: a stand-in kernel$/.test(l)));
  });

  it("checks issue 6's other conditions and re-renders a saved run from its JSON", () => {
    const rows: RowSpec[] = [{ id: 'matmul-ab-1024', label: 'matmul A·B 1024', flops: 2 * 1024 ** 3 }, ROWS[1] as RowSpec];
    const ms: Measurement[] = [m('matmul-ab-1024', 'ours-wasm', 1, [70]), m('matmul-ab-1024', 'ours-wasm', 2, [40]), m('chain', 'ours-wasm', 1, [0.7]), m('chain', 'ours-wasm', 2, [0.8])];
    const meta: RunMeta = {
      date: '2026-12-01T00:00:00.000Z',
      cpu: 'CPU',
      logicalCpus: 2,
      node: 'v20',
      platform: 'linux x64',
      loadAverage: { start: [1, 1, 1], end: [1, 1, 1] },
      relaxedFma: true,
      seconds: 12,
      implementations: [
        { impl: 'ours-wasm', threads: 1, detail: 'wasm backend, pool of 1', trainAllocations: { runs: 9, allocations: 0 } },
        { impl: 'ours-wasm', threads: 2, detail: 'wasm backend, pool of 2', trainAllocations: { runs: 9, allocations: 3 } },
      ],
    };
    const checks = otherChecks(compare(rows, ms, REF, [1, 2]), meta.implementations);
    assert.deepEqual(
      checks.map((c) => [c.figure, c.meets]),
      [
        ['77 %', true], // 2·1024³ / 70e6 = 30.7 GFLOP/s of 40
        ['1.75×', true],
        ['1.40× of it', true],
        ['1.60× of it', false],
        ['0 in 9 MLP steps', true],
        ['3 in 9 MLP steps', false],
      ],
    );
    const text = formatRun({ meta, reference: REF, rows, measurements: ms });
    assert.match(text, /^tensorgraph benchmark suite/);
    assert.match(text, / {2}✗ chain within 1\.5× the stream time, 2 T: 1\.60× of it\n/);
    assert.match(text, /total 12 s$/);
    // The JSON written for a run renders the same report.
    const json = toJson(meta, REF, rows, ms, compare(rows, ms, REF, [1, 2]));
    assert.equal(formatRun(JSON.parse(json)), text);
  });

  it('orders cases cheapest first for the per-process budget', () => {
    assert.deepEqual(byCost(['cnn-train', 'matmul-ab-1024', 'conv-fwd', 'matmul-atb-64', 'chain', 'run-overhead', 'mlp-train']), [
      'run-overhead',
      'chain',
      'mlp-train',
      'matmul-atb-64',
      'matmul-ab-1024',
      'conv-fwd',
      'cnn-train',
    ]);
  });
});
