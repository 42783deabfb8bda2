// BatchMatMulV2 on float32: the batch's products through the GEMM (matmul.ts), the geometry and
// its errors as the CPU kernel's (batch dims broadcast, adj_x / adj_y as operand strides).
import { batchMatMulGeometry } from '../../cpu/kernels/linalg.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import type { WasmTensor } from '../tensor.js';
import type { WasmKernelFactory } from './elementwise.js';
import { GemmJobs, batchedMatmulInto } from './matmul.js';

/** Numbers each distinct geometry a kernel instance meets (part of its job cache's key). */
let geometries = 0;

export const batchMatMulKernel: WasmKernelFactory = (be: WasmBackend, sig) => {
  if (sig.inputs[0] !== 'float32' || sig.inputs[1] !== 'float32') return undefined;
  const cache = new GemmJobs();
  // the last shapes seen and their geometry (a plan's steady state: the same shapes every run)
  let last: { x: readonly number[]; y: readonly number[]; ax: boolean; ay: boolean; id: number; g: ReturnType<typeof batchMatMulGeometry>; xOff: Int32Array; yOff: Int32Array } | null = null;
  const same = (p: readonly number[], q: readonly number[]) => p.length === q.length && p.every((d, i) => d === q[i]);
  return (inputs, ctx) => {
    const x = input(inputs, 0);
    const y = input(inputs, 1);
    const ax = ctx.env.attrs.adj_x === true;
    const ay = ctx.env.attrs.adj_y === true;
    if (!last || last.ax !== ax || last.ay !== ay || !same(last.x, x.shape) || !same(last.y, y.shape)) {
      const g = batchMatMulGeometry(x.shape, y.shape, ax, ay);
      // element offsets of each batch's x and y matrices
      const xs = g.m * g.k;
      const ys = g.k * g.n;
      last = { x: [...x.shape], y: [...y.shape], ax, ay, id: ++geometries, g, xOff: g.xi.map((i) => i * xs), yOff: g.yi.map((i) => i * ys) };
    }
    const { g, xOff, yOff, id } = last;
    const o = ctx.output(0, 'float32', [...g.batch, g.m, g.n]) as WasmTensor;
    batchedMatmulInto(be, x.ptr, y.ptr, o.ptr, g.xi.length, xOff, yOff, g.m, g.n, g.k, ax, ay, id, cache);
    return [o];
  };
};
