// Kernels for DynamicPartition, DynamicStitch and ParallelDynamicStitch (any dtype: elements are
// copied as stored, so strings, bigints and float16 bits pass unchanged).
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString, sizeOf } from '../../../core/shape.js';
import type { Kernel } from '../../backend.js';
import type { KernelEntry } from '../values.js';
import { arr, intList, out } from '../values.js';

type Store = unknown[];
const bad = (msg: string): never => {
  throw new InvalidArgumentError(null, null, msg);
};

const startsWith = (shape: readonly number[], prefix: readonly number[]) => prefix.length <= shape.length && prefix.every((d, i) => d === shape[i]);

/** The zero of a dtype's typed-array store (empty bytes for strings). */
function zeroOf(dtype: DType): unknown {
  if (dtype === 'string') return new Uint8Array(0);
  if (dtype === 'int64' || dtype === 'uint64') return 0n;
  return 0;
}

const stitch: Kernel = (inputs, ctx) => {
  const n = inputs.length / 2;
  const idx = Array.from({ length: n }, (_, i) => arr(inputs, i));
  const data = Array.from({ length: n }, (_, i) => arr(inputs, n + i));
  let max = -1;
  for (const t of idx) for (const v of intList(t)) max = Math.max(max, v);
  const first = idx[0] as (typeof idx)[number];
  const d0 = data[0] as (typeof data)[number];
  const inner = d0.shape.slice(first.rank);
  data.forEach((d, m) => {
    const ix = idx[m] as (typeof idx)[number];
    if (!startsWith(d.shape, ix.shape)) {
      bad(`data[${m}].shape = ${shapeDebugString(d.shape)} does not start with indices[${m}].shape = ${shapeDebugString(ix.shape)}`);
    }
    const rest = d.shape.slice(ix.rank);
    if (m > 0 && (rest.length !== inner.length || rest.some((x, k) => x !== inner[k]))) {
      bad(
        `Need data[0].shape[${first.rank}:] = data[${m}].shape[${ix.rank}:], got data[0].shape = ${shapeDebugString(d0.shape)}, data[${m}].shape = ${shapeDebugString(d.shape)}, indices[0].shape = ${shapeDebugString(first.shape)}, indices[${m}].shape = ${shapeDebugString(ix.shape)}`,
      );
    }
  });
  const slice = sizeOf(inner);
  const o = out(ctx, 0, d0.dtype, [max + 1, ...inner]);
  const od = o.data as unknown as Store;
  const zero = zeroOf(d0.dtype);
  for (let k = 0; k < od.length; k++) od[k] = zero;
  idx.forEach((ix, m) => {
    const src = (data[m] as (typeof data)[number]).data as unknown as Store;
    intList(ix).forEach((v, i) => {
      if (v < 0 || v > max) bad(`indices[${i}] is out of range`);
      for (let j = 0; j < slice; j++) od[v * slice + j] = src[i * slice + j];
    });
  });
  return [o];
};

export const partitionKernels: Record<string, KernelEntry> = {
  DynamicPartition: (inputs, ctx) => {
    const data = arr(inputs, 0);
    const parts = arr(inputs, 1);
    const n = ctx.env.attrs.num_partitions as number;
    if (!startsWith(data.shape, parts.shape)) {
      bad(`data.shape must start with partitions.shape, got data.shape = ${shapeDebugString(data.shape)}, partitions.shape = ${shapeDebugString(parts.shape)}`);
    }
    const p = intList(parts);
    const counts = new Array<number>(n).fill(0);
    p.forEach((v, i) => {
      if (v < 0 || v >= n) bad(`partitions${parts.rank > 1 ? shapeDebugString(multiIndex(i, parts.shape)) : `[${i}]`} = ${v} is not in [0, ${n})`);
      counts[v] = (counts[v] as number) + 1;
    });
    const inner = data.shape.slice(parts.rank);
    const slice = sizeOf(inner);
    const outs = counts.map((c, k) => out(ctx, k, data.dtype, [c, ...inner]));
    const pos = new Array<number>(n).fill(0);
    const src = data.data as unknown as Store;
    p.forEach((v, i) => {
      const od = (outs[v] as (typeof outs)[number]).data as unknown as Store;
      const at = (pos[v] as number) * slice;
      for (let j = 0; j < slice; j++) od[at + j] = src[i * slice + j];
      pos[v] = (pos[v] as number) + 1;
    });
    return outs;
  },
  DynamicStitch: stitch,
  ParallelDynamicStitch: stitch,
};

function multiIndex(i: number, shape: readonly number[]): number[] {
  const r: number[] = [];
  for (let k = shape.length - 1; k >= 0; k--) {
    const d = shape[k] as number;
    r.unshift(i % d);
    i = Math.floor(i / d);
  }
  return r;
}
