import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { sparseXentLabels } from '../../cpu/kernels/nn.js';
import { ModuleBuilder, ValType } from '../builder/index.js';
import { kernelModule } from '../modules.js';
import type { PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { MEMORY_IMPORT } from './elementwise-module.js';
import type { WasmKernelFactory } from './elementwise.js';
import { emitExpNonPositive, temps } from './vmath.js';
import { rowLocals, splitRows } from './rows.js';
import { heapScratch } from './scratch.js';

const I = ValType.i32;

/** Vectors per iteration of softmax's max and exp loops (four exps in flight: 2.9× one, 2026-12-02). */
const UNROLL = 4;

/**
 * `rows(x, out, rows, cols, st)`: softmax of each row: the row's max, exp(x - max) written and
 * summed, then scaled by 1/sum (as TensorFlow's kernel: a product with the inverse). When st is
 * not 0, st[2r] = the row's max and st[2r + 1] = its sum of exponentials (the cross-entropies'
 * loss needs them).
 * `stats(x, st, rows, cols)`: only those two values per row (LogSoftmax's first pass).
 * `logrows(x, out, rows, cols, st)`: out = (x - st[2r]) - st[2r + 1] (LogSoftmax's second pass,
 * st[2r + 1] replaced by log(sum) on the host: wasm has no log).
 */
function softmaxModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  rowsFunction(mb, 'rows', true);
  rowsFunction(mb, 'stats', false);
  logRowsFunction(mb);
  return mb;
}

function rowsFunction(mb: ModuleBuilder, name: string, write: boolean): void {
  const f = write ? mb.func(name, [I, I, I, I, I]) : mb.func(name, [I, I, I, I]);
  // `stats` has no output: its st is the second parameter
  const [x, out, rows, cols, st] = write ? [0, 1, 2, 3, 4] : [0, -1, 2, 3, 1];
  const t = temps(f);
  const { r: row, j, n4, nAll } = rowLocals(f, cols);
  const acc = f.local(ValType.v128);
  const mv = f.local(ValType.v128);
  const s = f.local(ValType.f32);
  const m = f.local(ValType.f32);
  // blocks of UNROLL vectors (independent exps for the out-of-order core: one at a time waits
  // on each one's chain of ~20 dependent instructions), then single vectors, then lanes
  const nBlk = f.local(I);
  f.get(cols).i32(-4 * UNROLL).op('i32_and').i32(2).op('i32_shl').set(nBlk);
  const r = Array.from({ length: UNROLL }, () => f.local(ValType.v128));
  const lanes = (op: 'f32_max' | 'f32_add') => f.get(acc).extractLane(0).get(acc).extractLane(1).op(op).get(acc).extractLane(2).get(acc).extractLane(3).op(op).op(op);
  f.forLoop(row, () => f.i32(0), () => f.get(rows), 1, () => {
    // the row's max: UNROLL running maxima, then one
    for (const v of r) f.f32x4(Number.NEGATIVE_INFINITY).set(v);
    f.forLoop(j, () => f.i32(0), () => f.get(nBlk), 16 * UNROLL, () => {
      r.forEach((v, u) => {
        f.get(v).get(x).get(j).op('i32_add').v128Load(16 * u, 0).simd('f32x4_max').set(v);
      });
    });
    f.get(r[0] as number).get(r[1] as number).simd('f32x4_max').get(r[2] as number).get(r[3] as number).simd('f32x4_max', 'f32x4_max').set(acc);
    f.forLoop(j, () => f.get(nBlk), () => f.get(n4), 16, () => {
      f.get(acc).get(x).get(j).op('i32_add').v128Load(0, 0).simd('f32x4_max').set(acc);
    });
    lanes('f32_max');
    f.set(s);
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(s).get(x).get(j).op('i32_add').f32Load().op('f32_max').set(s);
    });
    f.get(s).tee(m).simd('f32x4_splat').set(mv);
    // exp(x - max) into out (when writing), summed; x - max ≤ 0, so the exp without overflow handling
    f.f32x4(0).set(acc);
    f.forLoop(j, () => f.i32(0), () => f.get(nBlk), 16 * UNROLL, () => {
      r.forEach((v, u) => {
        f.get(x).get(j).op('i32_add').v128Load(16 * u, 0).get(mv).simd('f32x4_sub');
        emitExpNonPositive(f, t);
        f.set(v);
      });
      if (write) {
        r.forEach((v, u) => {
          f.get(out).get(j).op('i32_add').get(v).v128Store(16 * u, 0);
        });
      }
      f.get(acc).get(r[0] as number).get(r[1] as number).simd('f32x4_add').get(r[2] as number).get(r[3] as number).simd('f32x4_add', 'f32x4_add', 'f32x4_add').set(acc);
    });
    f.forLoop(j, () => f.get(nBlk), () => f.get(n4), 16, () => {
      if (write) f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').v128Load(0, 0).get(mv).simd('f32x4_sub');
      emitExpNonPositive(f, t);
      if (write) f.tee(t.v).v128Store(0, 0);
      else f.set(t.v);
      f.get(acc).get(t.v).simd('f32x4_add').set(acc);
    });
    lanes('f32_add');
    f.set(s);
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      if (write) f.get(out).get(j).op('i32_add');
      f.get(x).get(j).op('i32_add').f32Load().simd('f32x4_splat').get(mv).simd('f32x4_sub');
      emitExpNonPositive(f, t);
      f.extractLane(0);
      if (write) f.tee(t.f).f32Store();
      else f.set(t.f);
      f.get(s).get(t.f).op('f32_add').set(s);
    });
    f.get(st).if(() => {
      f.get(st).get(row).i32(3).op('i32_shl', 'i32_add').get(m).f32Store();
      f.get(st).get(row).i32(3).op('i32_shl', 'i32_add').get(s).f32Store(4);
    });
    if (write) {
      // · 1/sum
      f.f32(1).get(s).op('f32_div').tee(s).simd('f32x4_splat').set(mv);
      f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
        f.get(out).get(j).op('i32_add').get(out).get(j).op('i32_add').v128Load(0, 0).get(mv).simd('f32x4_mul').v128Store(0, 0);
      });
      f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
        f.get(out).get(j).op('i32_add').get(out).get(j).op('i32_add').f32Load().get(s).op('f32_mul').f32Store();
      });
      f.get(out).get(nAll).op('i32_add').set(out);
    }
    f.get(x).get(nAll).op('i32_add').set(x);
  });
}

function logRowsFunction(mb: ModuleBuilder): void {
  const f = mb.func('logrows', [I, I, I, I, I]);
  const [x, out, rows, cols, st] = [0, 1, 2, 3, 4];
  const { r, j, n4, nAll } = rowLocals(f, cols);
  const mv = f.local(ValType.v128);
  const lv = f.local(ValType.v128);
  const m = f.local(ValType.f32);
  const l = f.local(ValType.f32);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.get(st).get(r).i32(3).op('i32_shl', 'i32_add').f32Load().tee(m).simd('f32x4_splat').set(mv);
    f.get(st).get(r).i32(3).op('i32_shl', 'i32_add').f32Load(4).tee(l).simd('f32x4_splat').set(lv);
    f.forLoop(j, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(out).get(j).op('i32_add').get(x).get(j).op('i32_add').v128Load(0, 0).get(mv).simd('f32x4_sub').get(lv).simd('f32x4_sub').v128Store(0, 0);
    });
    f.forLoop(j, () => f.get(n4), () => f.get(nAll), 4, () => {
      f.get(out).get(j).op('i32_add').get(x).get(j).op('i32_add').f32Load().get(m).op('f32_sub').get(l).op('f32_sub').f32Store();
    });
    f.get(x).get(nAll).op('i32_add').set(x);
    f.get(out).get(nAll).op('i32_add').set(out);
  });
}

const softmax = (): PoolModule => kernelModule('softmax rows', softmaxModule);

/** Runs `fn(x, out, rows, cols, st)` (or `stats`'s (x, st, rows, cols)) over row blocks split over threads when large. */
function softmaxRows(be: WasmBackend, fn: string, x: number, out: number | null, nRows: number, cols: number, st: number): void {
  splitRows(be, softmax(), fn, nRows, cols, (r0, n) => {
    const stAt = st === 0 ? 0 : st + r0 * 8;
    return out === null ? [x + r0 * cols * 4, stAt, n, cols] : [x + r0 * cols * 4, out + r0 * cols * 4, n, cols, stAt];
  });
}

/**
 * A float32 kernel over the rows of the last axis (Softmax, LogSoftmax): checks the logits' rank
 * as TensorFlow does, makes the output of x's shape and, when it is not empty, runs `rows` on it.
 */
function lastAxisKernel(rows: (be: WasmBackend, x: WasmTensor, o: WasmTensor, nRows: number, cols: number) => void): WasmKernelFactory {
  return (be: WasmBackend, sig) => {
    if (sig.inputs[0] !== 'float32') return undefined;
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      if (x.shape.length < 1) throw new InvalidArgumentError(null, null, `logits must have >= 1 dimension, got ${shapeDebugString(x.shape)}`);
      const o = ctx.output(0, 'float32', x.shape) as WasmTensor;
      const cols = x.shape[x.shape.length - 1] as number;
      if (o.size > 0) rows(be, x, o, o.size / cols, cols);
      return [o];
    };
  };
}

/** Softmax of float32 logits over the last axis, rows split over threads when large. */
export const softmaxKernel = lastAxisKernel((be, x, o, nRows, cols) => softmaxRows(be, 'rows', x.ptr, o.ptr, nRows, cols, 0));

/** A heap block for two float32 statistics (max, sum of exponentials) per row. */
const rowStats = (be: WasmBackend, nRows: number): number => heapScratch(be, 'softmax row stats', nRows * 8);

/**
 * LogSoftmax of float32 logits over the last axis: (x - max) - log(Σ exp(x - max)), as
 * TensorFlow's kernel; the log of each row's sum is taken on the host between two wasm passes.
 */
export const logSoftmaxKernel = lastAxisKernel((be, x, o, nRows, cols) => {
  const st = rowStats(be, nRows);
  softmaxRows(be, 'stats', x.ptr, null, nRows, cols, st);
  const s = new Float32Array(be.heap.buffer(), st, nRows * 2);
  for (let r = 0; r < nRows; r++) s[2 * r + 1] = Math.log(s[2 * r + 1] as number);
  softmaxRows(be, 'logrows', x.ptr, o.ptr, nRows, cols, st);
});

/**
 * SparseSoftmaxCrossEntropyWithLogits for float32 logits and int32/int64 labels: the backprop
 * (softmax - one-hot) in wasm over row blocks, then per row on the host loss = log(sum) -
 * (logit[label] - max) and backprop[label] -= 1. Checks and messages as the CPU kernel's.
 */
export const sparseXentKernel: WasmKernelFactory = (be: WasmBackend, sig) => {
  if (sig.inputs[0] !== 'float32' || (sig.inputs[1] !== 'int32' && sig.inputs[1] !== 'int64')) return undefined;
  return (inputs, ctx) => {
    const f = input(inputs, 0);
    const l = input(inputs, 1);
    const labels = sparseXentLabels(f.shape, l.shape, l.data() as ArrayLike<number | bigint>);
    const [rows, cols] = f.shape as [number, number];
    const loss = ctx.output(0, 'float32', [rows]) as WasmTensor;
    const backprop = ctx.output(1, 'float32', [rows, cols]) as WasmTensor;
    if (rows === 0) return [loss, backprop];
    const st = rowStats(be, rows);
    softmaxRows(be, 'rows', f.ptr, backprop.ptr, rows, cols, st);
    const buf = be.heap.buffer();
    const s = new Float32Array(buf, st, rows * 2);
    const x = new Float32Array(buf, f.ptr, f.size);
    const bp = new Float32Array(buf, backprop.ptr, backprop.size);
    const lo = new Float32Array(buf, loss.ptr, rows);
    for (let r = 0; r < rows; r++) {
      const k = r * cols + (labels[r] as number);
      lo[r] = Math.log(s[2 * r + 1] as number) - ((x[k] as number) - (s[2 * r] as number));
      bp[k] = (bp[k] as number) - 1;
    }
    return [loss, backprop];
  };
};
