// The reduction table: per op and family, the accumulator's initial value, the step folding a
// value `v` into `acc`, and the final value from `acc` and the count `cnt` of reduced elements, as
// templates (with `LO`/`HI` standing for the dtype's lowest/highest value) and as closures.
import type { Scalar } from './ops.js';

export interface ReduceExpr {
  readonly init: string;
  readonly step: string;
  readonly fin: string;
  readonly stepFn: (acc: Scalar, v: Scalar) => Scalar;
  readonly finFn: (acc: Scalar, cnt: number) => Scalar;
  /**
   * Interleaved accumulators along a row (default 4): element r folds into accumulator r mod
   * lanes, the tail after the last full group into the first, and the accumulators then combine
   * in adjacent pairs, level by level ((a0∘a1)∘(a2∘a3) for four). The float sums use 16, so that
   * the wasm kernels (2 per f64x2 add) keep eight add chains in flight.
   */
  readonly lanes?: number;
  /**
   * A row longer than this many elements is summed block by block (each block as a row of its
   * own), the block results then folded in order; so a long row (a mean over everything) splits
   * over threads with the same result. Unset: one block.
   */
  readonly block?: number;
}

export interface ReduceSpec {
  readonly float?: ReduceExpr;
  readonly int?: ReduceExpr;
  readonly big?: ReduceExpr;
  readonly bool?: ReduceExpr;
}

type N2 = (acc: number, v: number) => number;
type B2 = (acc: bigint, v: bigint) => bigint;
const id = (acc: Scalar): Scalar => acc;

function r(init: string, step: string, stepFn: N2 | B2, fin = 'acc', finFn: (acc: never, cnt: number) => Scalar = id, sum = false): ReduceExpr {
  return { init, step, fin, stepFn: stepFn as unknown as ReduceExpr['stepFn'], finFn: finFn as ReduceExpr['finFn'], ...(sum ? { lanes: SUM_LANES, block: SUM_BLOCK } : {}) };
}

/** The float sums' accumulators along a row (see ReduceExpr.lanes). */
export const SUM_LANES = 16;
/** The float sums' block of a long row (see ReduceExpr.block): 256 KiB of float32. */
export const SUM_BLOCK = 65536;

export const REDUCE_OPS = {
  /** Floats accumulate in float64; integers wrap as C++ (the store wraps to the width). */
  Sum: {
    float: r('0', 'acc + v', (a: number, v: number) => a + v, 'acc', id, true),
    int: r('0', '(acc + v) | 0', (a: number, v: number) => (a + v) | 0),
    big: r('0n', 'acc + v', (a: bigint, v: bigint) => a + v),
  },
  /** Integers: exact sum (TensorFlow sums in 64 bits), then division truncating toward zero; empty gives 0. */
  Mean: {
    float: r('0', 'acc + v', (a: number, v: number) => a + v, 'acc / cnt', (a: number, c: number) => a / c, true),
    int: r('0', 'acc + v', (a: number, v: number) => a + v, '(cnt === 0 ? 0 : Math.trunc(acc / cnt))', (a: number, c: number) => (c === 0 ? 0 : Math.trunc(a / c))),
    big: r('0n', 'acc + v', (a: bigint, v: bigint) => a + v, '(cnt === 0 ? 0n : W(acc) / BigInt(cnt))', (a: bigint, c: number) => (c === 0 ? 0n : a / BigInt(c))),
  },
  Prod: {
    float: r('1', 'acc * v', (a: number, v: number) => a * v),
    int: r('1', 'Math.imul(acc, v)', Math.imul),
    big: r('1n', 'W(acc * v)', (a: bigint, v: bigint) => a * v),
  },
  /** NaN propagates; empty gives -inf (floats) or the lowest value (integers). */
  Max: {
    float: r('-Infinity', '(v > acc || v !== v ? v : acc)', (a: number, v: number) => (v > a || Number.isNaN(v) ? v : a)),
    int: r('LO', 'Math.max(acc, v)', Math.max),
    big: r('LO', '(v > acc ? v : acc)', (a: bigint, v: bigint) => (v > a ? v : a)),
  },
  Min: {
    float: r('Infinity', '(v < acc || v !== v ? v : acc)', (a: number, v: number) => (v < a || Number.isNaN(v) ? v : a)),
    int: r('HI', 'Math.min(acc, v)', Math.min),
    big: r('HI', '(v < acc ? v : acc)', (a: bigint, v: bigint) => (v < a ? v : a)),
  },
  All: { bool: r('1', 'acc & v', (a: number, v: number) => a & v) },
  Any: { bool: r('0', 'acc | v', (a: number, v: number) => a | v) },
} satisfies Record<string, ReduceSpec>;

export type ReduceOpName = keyof typeof REDUCE_OPS;
