// Max and Min on the wasm backend. float32 reductions over one contiguous run of axes (size-1
// dimensions ignored) run in wasm: a row per output when the run is last, else columns folded row
// by row; axis sets that interleave run the CPU backend's loops on views of the heap (as
// reduce.ts's Sum and Mean). Other dtypes run the CPU kernel on heap views (hosted.ts).
import { reduceMax, reduceMin } from '../../cpu/compute/index.js';
import { reductionAxes } from '../../cpu/kernels/reduce.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { Job, PoolModule } from '../pool.js';
import type { WasmTensor } from '../tensor.js';
import { heapCopy } from './copy.js';
import { PARALLEL_MIN, type WasmKernelFactory } from './elementwise.js';
import { hostedKernel } from './hosted.js';
import { INIT, type MaxMin, maxMinModule } from './maxmin-module.js';
import { splitRows } from './rows.js';

const module = (): PoolModule => kernelModule('maxmin', maxMinModule);

/**
 * x viewed as [outer, R, inner] when the reduced dimensions of size > 1 are one contiguous run
 * (R their product); null when they interleave with kept ones.
 */
export function contiguousRun(shape: readonly number[], reduced: ReadonlySet<number>): { outer: number; R: number; inner: number } | null {
  const dims = shape.flatMap((d, i) => (d === 1 ? [] : [{ d, red: reduced.has(i) }]));
  const first = dims.findIndex((e) => e.red);
  const end = first < 0 ? first : dims.findIndex((e, k) => k > first && !e.red);
  const last = end < 0 ? dims.length : end;
  if (first >= 0 && dims.slice(last).some((e) => e.red)) return null;
  const prod = (es: typeof dims) => es.reduce((p, e) => p * e.d, 1);
  if (first < 0) return { outer: prod(dims), R: 1, inner: 1 };
  return { outer: prod(dims.slice(0, first)), R: prod(dims.slice(first, last)), inner: prod(dims.slice(last)) };
}

/**
 * out[o, c] = op over r of x[o, r, c] for x [outer, R, inner] (R ≥ 2, inner ≥ 2): split over
 * the blocks when there are enough of them for the threads, else over the columns (in fours).
 */
function reduceColumns(be: WasmBackend, fn: string, x: number, out: number, outer: number, R: number, inner: number): void {
  const threads = outer * R * inner >= PARALLEL_MIN ? be.threads : 1;
  const jobs: Job[] = [];
  if (outer >= threads) {
    const per = Math.ceil(outer / threads);
    for (let i0 = 0; i0 < outer; i0 += per) jobs.push({ module: module(), fn, args: [x + i0 * R * inner * 4, out + i0 * inner * 4, Math.min(per, outer - i0), R, inner, inner] });
  } else {
    const per = Math.ceil(inner / threads / 4) * 4;
    for (let c0 = 0; c0 < inner; c0 += per) jobs.push({ module: module(), fn, args: [x + c0 * 4, out + c0 * 4, outer, R, inner, Math.min(per, inner - c0)] });
  }
  be.parallel(jobs);
}

export function maxMinKernel(opType: 'Max' | 'Min'): WasmKernelFactory {
  const hosted = hostedKernel(opType);
  const op: MaxMin = opType === 'Max' ? 'max' : 'min';
  return (be, sig, attrs) => {
    if (sig.inputs[0] !== 'float32') return hosted(be, sig, attrs);
    const general = op === 'max' ? reduceMax('float32') : reduceMin('float32');
    return (inputs, ctx) => {
      const x = input(inputs, 0);
      const axesIn = Array.from(input(inputs, 1).data() as ArrayLike<number | bigint>, Number);
      // TensorFlow's checks (range, duplicates), as the CPU kernel makes them.
      const sorted = reductionAxes(axesIn, x.shape.length);
      const axes = new Set(sorted);
      const keep = ctx.env.attrs.keep_dims === true;
      const outShape = x.shape.flatMap((d, i) => (axes.has(i) ? (keep ? [1] : []) : [d]));
      const o = ctx.output(0, 'float32', outShape) as WasmTensor;
      if (o.size === 0) return [o];
      const run = contiguousRun(x.shape, axes);
      if (x.size === 0) o.f32().fill(INIT[op]);
      else if (run === null) general(x.data() as Float32Array, x.shape, sorted, o.data() as Float32Array);
      else if (run.R === 1) heapCopy(be, o.ptr, x.ptr, x.byteLength);
      else if (run.inner === 1) splitRows(be, module(), `${op}_rows`, run.outer, run.R, (r0, n) => [x.ptr + r0 * run.R * 4, o.ptr + r0 * 4, n, run.R]);
      else reduceColumns(be, `${op}_cols`, x.ptr, o.ptr, run.outer, run.R, run.inner);
      return [o];
    };
  };
}
