// Einsum over labelled axes: out[o] = Σ_c Π_k input_k[o, c] for one or two inputs whose labels
// each appear once per operand (the op layer refuses other forms). For every output position the
// contraction runs over precomputed offsets of the contracted labels.
import type { ComputeArray, ComputeDType } from './dtypes.js';
import { floatToHalf, halfToFloat } from './float16.js';

/** Strides of each label in one operand (0 where the operand lacks it). */
function labelStrides(labels: string, shape: readonly number[], all: readonly string[]): number[] {
  const strides = new Array<number>(all.length).fill(0);
  let s = 1;
  for (let j = labels.length - 1; j >= 0; j--) {
    strides[all.indexOf(labels[j] as string)] = s;
    s *= shape[j] as number;
  }
  return strides;
}

/** Offsets, per operand, of every position of the labels `which` (row-major over their sizes). */
function offsets(which: readonly number[], sizes: readonly number[], strides: readonly number[][]): Float64Array[] {
  const n = which.reduce((p, l) => p * (sizes[l] as number), 1);
  const res = strides.map(() => new Float64Array(n));
  const counter = new Array<number>(which.length).fill(0);
  for (let i = 0; i < n; i++) {
    strides.forEach((st, k) => {
      let off = 0;
      which.forEach((l, j) => {
        off += (counter[j] as number) * (st[l] as number);
      });
      (res[k] as Float64Array)[i] = off;
    });
    for (let j = which.length - 1; j >= 0; j--) {
      counter[j] = (counter[j] as number) + 1;
      if ((counter[j] as number) < (sizes[which[j] as number] as number)) break;
      counter[j] = 0;
    }
  }
  return res;
}

/**
 * Computes the einsum of `inputs` (labels `inLabels`, shapes `shapes`) into `out` (labels
 * `outLabels`); `sizes` maps each label to its dimension.
 */
export function einsum(
  dtype: ComputeDType,
  inLabels: readonly string[],
  shapes: readonly (readonly number[])[],
  inputs: readonly ComputeArray[],
  outLabels: string,
  sizes: ReadonlyMap<string, number>,
  out: ComputeArray,
): void {
  const all = [...sizes.keys()];
  const size = all.map((l) => sizes.get(l) as number);
  const strides = inLabels.map((labels, k) => labelStrides(labels, shapes[k] as readonly number[], all));
  const outIdx = [...outLabels].map((l) => all.indexOf(l));
  const contracted = all.map((_l, i) => i).filter((i) => !outIdx.includes(i));
  const [oOff, cOff] = [offsets(outIdx, size, strides), offsets(contracted, size, strides)];
  const nOut = (oOff[0] as Float64Array).length;
  const nC = (cOff[0] as Float64Array).length;
  const two = inputs.length === 2;
  const a = inputs[0] as ComputeArray;
  const b = (two ? inputs[1] : inputs[0]) as ComputeArray;
  const [ao, bo] = [oOff[0] as Float64Array, (two ? oOff[1] : oOff[0]) as Float64Array];
  const [ac, bc] = [cOff[0] as Float64Array, (two ? cOff[1] : cOff[0]) as Float64Array];
  if (dtype === 'int64' || dtype === 'uint64') {
    const [x, y, o] = [a as BigInt64Array, b as BigInt64Array, out as BigInt64Array];
    for (let i = 0; i < nOut; i++) {
      let acc = 0n;
      for (let c = 0; c < nC; c++) acc += two ? (x[(ao[i] as number) + (ac[c] as number)] as bigint) * (y[(bo[i] as number) + (bc[c] as number)] as bigint) : (x[(ao[i] as number) + (ac[c] as number)] as bigint);
      o[i] = acc;
    }
    return;
  }
  const half = dtype === 'float16';
  const int = !half && dtype !== 'float32' && dtype !== 'float64';
  const get = half ? (arr: ComputeArray, j: number) => halfToFloat(arr[j] as number) : (arr: ComputeArray, j: number) => arr[j] as number;
  const o = out as Float64Array;
  for (let i = 0; i < nOut; i++) {
    let acc = 0;
    const ai = ao[i] as number;
    const bi = bo[i] as number;
    for (let c = 0; c < nC; c++) {
      const p = get(a, ai + (ac[c] as number));
      if (!two) acc = int ? (acc + p) | 0 : acc + p;
      else if (int) acc = (acc + Math.imul(p, get(b, bi + (bc[c] as number)))) | 0;
      else acc += p * get(b, bi + (bc[c] as number));
    }
    o[i] = half ? floatToHalf(acc) : acc;
  }
}
