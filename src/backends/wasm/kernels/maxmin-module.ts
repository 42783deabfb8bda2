// The wasm module of the float32 Max and Min reductions. Each keeps the CPU reference's step
// (src/backends/cpu/compute/reduce-ops.ts): `acc = v > acc || v is NaN ? v : acc` (`<` for Min),
// so a NaN propagates and ties keep the earlier value (which decides the sign of a zero result),
// and its order: along a row, four interleaved accumulators (the four lanes of a vector), the
// tail into the first, combined (a0∘a1)∘(a2∘a3); down a column, one accumulator per column
// folding the rows in order. Every result is then the CPU's to the bit (NaN payloads aside).
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import { rowLocals } from './rows.js';

const I = ValType.i32;
const V = ValType.v128;
const F = ValType.f32;

export type MaxMin = 'max' | 'min';

/** The empty reduction's value (TensorFlow's Max of nothing is -inf, Min's +inf). */
export const INIT: Record<MaxMin, number> = { max: -Infinity, min: Infinity };

/** acc ← step(acc, v) on f32 locals. */
function stepScalar(f: FunctionBuilder, op: MaxMin, acc: number, v: number): void {
  f.get(v).get(acc);
  f.get(v).get(acc).op(op === 'max' ? 'f32_gt' : 'f32_lt');
  f.get(v).get(v).op('f32_ne', 'i32_or', 'select').set(acc);
}

/** acc ← step(acc, v) on v128 locals, lane by lane. */
function stepVector(f: FunctionBuilder, op: MaxMin, acc: number, v: number): void {
  f.get(v).get(acc);
  f.get(v).get(acc).simd(op === 'max' ? 'f32x4_gt' : 'f32x4_lt');
  f.get(v).get(v).simd('f32x4_ne', 'v128_or', 'v128_bitselect').set(acc);
}

/**
 * `<op>_rows(x, out, rows, cols)`: out[r] = op(x[r, :]) for a row-major rows×cols x (cols ≥ 1).
 * `<op>_cols(x, out, outer, R, stride, width)`: for each of `outer` blocks of R rows of `stride`
 * floats (the next block `R·stride` floats on, its output `stride` floats on), out[c] =
 * op(x[:, c]) for the first `width` columns (a thread's share of them).
 */
export function maxMinModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  for (const op of ['max', 'min'] as const) {
    {
      const f = mb.func(`${op}_rows`, [I, I, I, I]);
      const [x, out, rows, cols] = [0, 1, 2, 3];
      const { r, j, n4, nAll } = rowLocals(f, cols);
      const acc = [f.local(V), f.local(V), f.local(V), f.local(V)] as const;
      const v = f.local(V);
      const a = [f.local(F), f.local(F), f.local(F), f.local(F)] as const;
      const s = f.local(F);
      const [qB, p1, p2, p3] = [f.local(I), f.local(I), f.local(I), f.local(I)];
      /** acc[k] ← step(acc[k], the vector at byte `at`). */
      const fold = (k: 0 | 1 | 2 | 3, at: () => void) => {
        at();
        f.v128Load(0, 0).set(v);
        stepVector(f, op, acc[k], v);
      };
      // Four chains over the row's quarters (the last one also takes the 1–3 vectors left): each
      // lane then folds its elements in order in four contiguous runs, combined in order, which
      // is the single chain's result (first maximum, NaN absorbing) at four times the throughput.
      f.get(cols).i32(-16).op('i32_and').set(qB);
      f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
        for (const l of acc) f.f32x4(INIT[op]).set(l);
        f.get(x).get(qB).op('i32_add').tee(p1).get(qB).op('i32_add').tee(p2).get(qB).op('i32_add').set(p3);
        f.forLoop(j, () => f.i32(0), () => f.get(qB), 16, () => {
          fold(0, () => f.get(x).get(j).op('i32_add'));
          fold(1, () => f.get(p1).get(j).op('i32_add'));
          fold(2, () => f.get(p2).get(j).op('i32_add'));
          fold(3, () => f.get(p3).get(j).op('i32_add'));
        });
        f.forLoop(j, () => f.get(p3).get(qB).op('i32_add'), () => f.get(x).get(n4).op('i32_add'), 16, () => fold(3, () => f.get(j)));
        stepVector(f, op, acc[0], acc[1]);
        stepVector(f, op, acc[2], acc[3]);
        stepVector(f, op, acc[0], acc[2]);
        a.forEach((l, q) => {
          f.get(acc[0]).extractLane(q).set(l);
        });
        f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
          f.get(x).get(j).op('i32_add').f32Load().set(s);
          stepScalar(f, op, a[0], s);
        });
        stepScalar(f, op, a[0], a[1]);
        stepScalar(f, op, a[2], a[3]);
        stepScalar(f, op, a[0], a[2]);
        f.get(out).get(r).i32(2).op('i32_shl', 'i32_add').get(a[0]).f32Store();
        f.get(x).get(nAll).op('i32_add').set(x);
      });
    }
    {
      const f = mb.func(`${op}_cols`, [I, I, I, I, I, I]);
      const [x, out, outer, R, stride, width] = [0, 1, 2, 3, 4, 5];
      const [i, r, j, rowB, w4, wB, row, o] = Array.from({ length: 8 }, () => f.local(I)) as number[] as [number, number, number, number, number, number, number, number];
      const acc = f.local(V);
      const v = f.local(V);
      const sa = f.local(F);
      const s = f.local(F);
      f.get(stride).i32(2).op('i32_shl').set(rowB);
      f.get(width).i32(2).op('i32_shl').set(wB);
      f.get(wB).i32(-16).op('i32_and').set(w4);
      f.get(x).set(row);
      f.forLoop(i, () => f.i32(0), () => f.get(outer), 1, () => {
        f.get(out).get(i).get(rowB).op('i32_mul', 'i32_add').set(o);
        // the outputs hold the accumulators (max and min are exact in float32)
        f.forLoop(j, () => f.i32(0), () => f.get(w4), 16, () => {
          f.get(o).get(j).op('i32_add').f32x4(INIT[op]).v128Store(0, 0);
        });
        f.forLoop(j, () => f.get(w4), () => f.get(wB), 4, () => {
          f.get(o).get(j).op('i32_add').f32(INIT[op]).f32Store();
        });
        f.forLoop(r, () => f.i32(0), () => f.get(R), 1, () => {
          f.forLoop(j, () => f.i32(0), () => f.get(w4), 16, () => {
            f.get(o).get(j).op('i32_add').v128Load(0, 0).set(acc);
            f.get(row).get(j).op('i32_add').v128Load(0, 0).set(v);
            stepVector(f, op, acc, v);
            f.get(o).get(j).op('i32_add').get(acc).v128Store(0, 0);
          });
          f.forLoop(j, () => f.get(w4), () => f.get(wB), 4, () => {
            f.get(o).get(j).op('i32_add').f32Load().set(sa);
            f.get(row).get(j).op('i32_add').f32Load().set(s);
            stepScalar(f, op, sa, s);
            f.get(o).get(j).op('i32_add').get(sa).f32Store();
          });
          f.get(row).get(rowB).op('i32_add').set(row);
        });
      });
    }
  }
  return mb;
}
