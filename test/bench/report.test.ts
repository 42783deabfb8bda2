// The benchmark suite's report: ratios against the best peer at the same thread count, % of the
// FMA peak, the stream comparison, footnoted n/a cells and the JSON. No timing is asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { byCost } from '../../bench/suite/rows.js';
import { type Measurement, type RowSpec, compare, fmtRatio, fmtValue, formatTable, median, textTable, toJson } from '../../bench/suite/report.js';

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
