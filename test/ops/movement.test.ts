// The data-movement kernels (compute/strided-copy.ts and the kernels over it: Transpose, Slice,
// StridedSlice(+Grad), ReverseV2, ConcatV2, Pack, Unpack, Split(V), Tile, Pad(V2), MirrorPad,
// GatherV2, ResizeNearestNeighbor) and ResizeBilinear's row cache, against naive per-element
// references written here: bit for bit (NaN payloads, -0), every storage width, on the CPU backend
// and on the wasm backend (hosted on its heap: one buffer for inputs and outputs), over shapes
// chosen to reach each path (merged dims, runs below and above the `set`/`copyWithin`
// thresholds, blocked transposes with partial blocks, empty and size-1 dims).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backend } from '../../src/backends/backend.js';
import { cpuBackend } from '../../src/backends/cpu/backend.js';
import { resizeBilinear } from '../../src/backends/cpu/compute/resize.js';
import type { DType } from '../../src/core/dtypes.js';
import { NDArray } from '../../src/core/ndarray.js';
import * as tf from '../../src/v1.js';
import { runKernel, wasm1 } from '../backends/wasm/helpers.js';
import { evalT, expectArray } from './helpers.js';

let seed = 2024;
const rnd = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const rint = (n: number): number => Math.floor(rnd() * n);

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const stridesOf = (s: readonly number[]) => s.map((_, i) => size(s.slice(i + 1)));
/** The multi-index of flat position `f` in `shape`. */
const unflat = (f: number, shape: readonly number[]) => stridesOf(shape).map((st, i) => Math.floor(f / st) % (shape[i] as number));

const WIDTH: Partial<Record<DType, number>> = { float64: 8, int64: 8, uint64: 8, float32: 4, int32: 4, uint32: 4, float16: 2, int16: 2, uint16: 2, int8: 1, uint8: 1 };

/** A tensor of random bits (every NaN payload, -0, subnormals for the float types); bools 0/1; strings. */
function randomOf(dtype: DType, shape: readonly number[]): NDArray {
  const n = size(shape);
  const a = new NDArray(dtype, shape);
  if (dtype === 'string') {
    const d = a.data as Uint8Array[];
    for (let i = 0; i < n; i++) d[i] = Uint8Array.from({ length: rint(4) }, () => 97 + rint(26));
  } else if (dtype === 'bool') {
    const d = a.data as Uint8Array;
    for (let i = 0; i < n; i++) d[i] = rint(2);
  } else {
    const t = a.data as Uint8Array;
    const bytes = new Uint8Array(t.buffer, t.byteOffset, n * (WIDTH[dtype] as number));
    for (let i = 0; i < bytes.length; i++) bytes[i] = rint(256);
  }
  return a;
}

/** Element `i` as a comparable key: its bytes (so NaN payloads and -0 count), or a string's text. */
function keyOf(a: NDArray, i: number): string {
  if (a.dtype === 'string') return `s:${Array.from((a.data as Uint8Array[])[i] as Uint8Array).join(',')}`;
  const w = a.dtype === 'bool' ? 1 : (WIDTH[a.dtype] as number);
  const t = a.data as Uint8Array;
  return Array.from(new Uint8Array(t.buffer, t.byteOffset + i * w, w)).join(',');
}

/** `got` equals the reference: dtype, shape and each element's bits. */
function assertBits(got: NDArray, dtype: DType, shape: readonly number[], want: (i: number) => string, what: string): void {
  assert.equal(got.dtype, dtype, `${what}: dtype`);
  assert.deepEqual([...got.shape], [...shape], `${what}: shape`);
  for (let i = 0; i < size(shape); i++) {
    const k = keyOf(got, i);
    if (k !== want(i)) assert.fail(`${what}: element ${i} (${unflat(i, shape).join(',')}) is ${k}, want ${want(i)}`);
  }
}

const DTYPES: DType[] = ['float32', 'float64', 'int64', 'uint64', 'float16', 'int16', 'int8', 'uint8', 'bool', 'int32', 'uint32', 'uint16', 'string'];
/** The backends that run `dtype` (wasm keeps strings on the host: no hosted kernel for them). */
const backendsFor = (dtype: DType): Backend[] => (dtype === 'string' ? [cpuBackend] : [cpuBackend, wasm1]);
const i32 = (xs: readonly number[], shape = [xs.length]) => new NDArray('int32', shape, Int32Array.from(xs));
const i64 = (xs: readonly number[], shape = [xs.length]) => new NDArray('int64', shape, BigInt64Array.from(xs.map(BigInt)));

/**
 * Runs `op` on every backend for `dtype` and checks output `k` against `src(k, outIndex)`: the flat
 * input element it copies, or null for a filled one (`fill` gives its key).
 */
function check(
  op: string,
  x: NDArray,
  rest: NDArray[],
  attrs: Record<string, unknown>,
  shapes: readonly (readonly number[])[],
  src: (k: number, idx: number[]) => { from: NDArray; at: number } | null,
  what: string,
  fill?: NDArray,
): void {
  for (const be of backendsFor(x.dtype)) {
    const outs = runKernel(be, op, [x, ...rest], attrs, shapes.map(() => x.dtype));
    assert.equal(outs.length, shapes.length, `${what}: outputs`);
    outs.forEach((o, k) => {
      const shape = shapes[k] as number[];
      assertBits(
        o,
        x.dtype,
        shape,
        (i) => {
          const s = src(k, unflat(i, shape));
          return s ? keyOf(s.from, s.at) : keyOf(fill as NDArray, 0);
        },
        `${what} on ${be.name} (${x.dtype}) output ${k}`,
      );
    });
  }
}

const at = (x: NDArray, idx: readonly number[]) => idx.reduce((acc, v, i) => acc + v * (stridesOf(x.shape)[i] as number), 0);

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('Transpose', () => {
  test('every permutation of rank ≤ 4 over shapes with 1- and 0-size dims; every dtype', () => {
    const shapes = [[], [5], [0, 3], [1, 7], [3, 1, 2], [2, 3, 4], [1, 2, 1, 3], [2, 0, 3, 1], [3, 2, 2, 5]];
    for (const shape of shapes) {
      for (const perm of permutations(shape.length)) {
        for (const dtype of DTYPES) {
          const x = randomOf(dtype, shape);
          const outShape = perm.map((p) => shape[p] as number);
          check('Transpose', x, [i32(perm)], {}, [outShape], (_k, idx) => {
            const xi = new Array<number>(shape.length);
            perm.forEach((p, j) => {
              xi[p] = idx[j] as number;
            });
            return { from: x, at: at(x, xi) };
          }, `Transpose [${shape}] by [${perm}]`);
        }
      }
    }
  });

  test('blocked 2-D swaps with partial blocks, batch and inner dims, 8-byte pairs; an int64 perm', () => {
    const cases: [number[], number[]][] = [
      [[70, 45], [1, 0]],
      [[3, 33, 65], [0, 2, 1]],
      [[9, 40, 7], [2, 1, 0]],
      [[2, 37, 3, 41], [0, 3, 1, 2]],
      [[2, 41, 37, 3], [0, 3, 1, 2]],
      [[4, 30, 5, 6], [2, 0, 1, 3]],
      [[1000, 2, 3], [0, 2, 1]],
    ];
    for (const [shape, perm] of cases) {
      for (const dtype of ['float32', 'float64', 'float16', 'uint8', 'string'] as DType[]) {
        const x = randomOf(dtype, shape);
        const outShape = perm.map((p) => shape[p] as number);
        for (const p of dtype === 'float32' ? [i32(perm), i64(perm)] : [i32(perm)]) {
          check('Transpose', x, [p], {}, [outShape], (_k, idx) => {
            const xi = new Array<number>(shape.length);
            perm.forEach((q, j) => {
              xi[q] = idx[j] as number;
            });
            return { from: x, at: at(x, xi) };
          }, `Transpose [${shape}] by [${perm}] (${p.dtype})`);
        }
      }
    }
  });
});

describe('Slice, StridedSlice, StridedSliceGrad, ReverseV2', () => {
  test('Slice: random boxes incl. -1 sizes, empty and whole ones', () => {
    for (let t = 0; t < 60; t++) {
      // Every third case has a long last dim (runs above the copy thresholds).
      const shape = Array.from({ length: 1 + rint(4) }, () => rint(6));
      if (t % 3 === 0) shape[shape.length - 1] = (shape[shape.length - 1] as number) + 70;
      const dtype = DTYPES[t % DTYPES.length] as DType;
      const x = randomOf(dtype, shape);
      const begin = shape.map((d) => rint(d + 1));
      const sz = shape.map((d, i) => (rint(4) === 0 ? -1 : rint(d - (begin[i] as number) + 1)));
      const outShape = shape.map((d, i) => (sz[i] === -1 ? d - (begin[i] as number) : (sz[i] as number)));
      check('Slice', x, [i32(begin), i32(sz)], {}, [outShape], (_k, idx) => ({ from: x, at: at(x, idx.map((v, i) => v + (begin[i] as number))) }), `Slice [${shape}] at [${begin}] size [${sz}]`);
    }
  });

  const masks = { begin_mask: 0, end_mask: 0, ellipsis_mask: 0, new_axis_mask: 0, shrink_axis_mask: 0 };
  /** In-range (begin, end, step) per axis and the indices they select. */
  function ranges(shape: number[]) {
    return shape.map((d) => {
      const step = [1, 1, 2, 3, -1, -2][rint(6)] as number;
      if (d === 0) return { b: 0, e: 0, step: 1, idx: [] as number[] };
      const b = step > 0 ? rint(d) : rint(d);
      const e = step > 0 ? b + rint(d - b + 1) : rint(b + 1);
      const idx: number[] = [];
      for (let i = b; step > 0 ? i < e : i > e; i += step) idx.push(i);
      return { b, e, step, idx };
    });
  }

  test('StridedSlice and StridedSliceGrad: steps ±1, ±2, 3 on every axis', () => {
    for (let t = 0; t < 60; t++) {
      const shape = Array.from({ length: 1 + rint(4) }, () => rint(5) + 1);
      if (t % 4 === 0) shape[shape.length - 1] = (shape[shape.length - 1] as number) + 70;
      const dtype = DTYPES[t % DTYPES.length] as DType;
      const x = randomOf(dtype, shape);
      const rs = ranges(shape);
      const outShape = rs.map((r) => r.idx.length);
      const args = [i32(rs.map((r) => r.b)), i32(rs.map((r) => r.e)), i32(rs.map((r) => r.step))];
      const what = `StridedSlice [${shape}] ${rs.map((r) => `${r.b}:${r.e}:${r.step}`).join(',')}`;
      check('StridedSlice', x, args, { ...masks, Index: 'int32' }, [outShape], (_k, idx) => ({ from: x, at: at(x, idx.map((v, i) => rs[i]?.idx[v] as number)) }), what);
      if (dtype === 'string' || dtype === 'bool') continue;
      // The gradient scatters dy into zeros of the input's shape.
      const dy = randomOf(dtype, outShape);
      const zero = new NDArray(dtype, [1]);
      for (const be of backendsFor(dtype)) {
        const [g] = runKernel(be, 'StridedSliceGrad', [i32(shape), ...args, dy], { ...masks, Index: 'int32' }, [dtype]);
        assertBits(
          g as NDArray,
          dtype,
          shape,
          (i) => {
            const xi = unflat(i, shape);
            const oi = xi.map((v, k) => rs[k]?.idx.indexOf(v) as number);
            return oi.every((v) => v >= 0) ? keyOf(dy, at(dy, oi)) : keyOf(zero, 0);
          },
          `Grad of ${what} on ${be.name}`,
        );
      }
    }
  });

  test('ReverseV2 over every axis subset', () => {
    for (const shape of [[7], [3, 40], [2, 1, 33], [2, 3, 0]]) {
      for (let mask = 0; mask < 1 << shape.length; mask++) {
        const axes = shape.flatMap((_, i) => ((mask >> i) & 1 ? [i] : []));
        for (const dtype of ['float32', 'int64', 'bool', 'string'] as DType[]) {
          const x = randomOf(dtype, shape);
          check('ReverseV2', x, [i32(axes)], {}, [shape], (_k, idx) => ({ from: x, at: at(x, idx.map((v, i) => (axes.includes(i) ? (shape[i] as number) - 1 - v : v))) }), `ReverseV2 [${shape}] axes [${axes}]`);
        }
      }
    }
  });
});

describe('ConcatV2, Pack, Unpack, Split, SplitV', () => {
  test('ConcatV2 along every axis, with empty inputs and runs of every length', () => {
    for (const [shapes, axis] of [
      [[[2, 3], [2, 0], [2, 70]], 1],
      [[[0, 4], [3, 4], [1, 4]], 0],
      [[[2, 1, 5], [2, 3, 5]], -2],
      [[[4, 40, 2], [4, 40, 2], [4, 40, 2]], 2],
      [[[5], [0], [64]], 0],
    ] as [number[][], number][]) {
      for (const dtype of DTYPES) {
        const xs = shapes.map((s) => randomOf(dtype, s));
        const ax = axis < 0 ? axis + (shapes[0] as number[]).length : axis;
        const outShape = (shapes[0] as number[]).map((d, i) => (i === ax ? shapes.reduce((a, s) => a + (s[i] as number), 0) : d));
        const x0 = xs[0] as NDArray;
        check('ConcatV2', x0, [...xs.slice(1), i32([axis], [])], { N: xs.length }, [outShape], (_k, idx) => {
          let j = idx[ax] as number;
          for (const x of xs) {
            if (j < (x.shape[ax] as number)) return { from: x, at: at(x, idx.map((v, i) => (i === ax ? j : v))) };
            j -= x.shape[ax] as number;
          }
          throw new Error('unreachable');
        }, `ConcatV2 of [${shapes.map((s) => `[${s}]`)}] axis ${axis}`);
      }
    }
  });

  test('Pack and Unpack along every axis; Split and SplitV (with -1) along every axis', () => {
    for (const shape of [[3, 40], [2, 1, 5], [70], [0, 3]]) {
      for (const dtype of ['float32', 'int64', 'float16', 'bool', 'string'] as DType[]) {
        for (let axis = 0; axis <= shape.length; axis++) {
          const xs = [0, 1, 2].map(() => randomOf(dtype, shape));
          const outShape = [...shape.slice(0, axis), 3, ...shape.slice(axis)];
          check('Pack', xs[0] as NDArray, xs.slice(1), { N: 3, axis }, [outShape], (_k, idx) => {
            const x = xs[idx[axis] as number] as NDArray;
            return { from: x, at: at(x, idx.filter((_, i) => i !== axis)) };
          }, `Pack [${shape}] axis ${axis}`);
        }
        for (let axis = 0; axis < shape.length; axis++) {
          const x = randomOf(dtype, shape);
          const d = shape[axis] as number;
          const outs = Array.from({ length: d }, () => shape.filter((_, i) => i !== axis));
          check('Unpack', x, [], { num: d, axis }, outs, (k, idx) => ({ from: x, at: at(x, [...idx.slice(0, axis), k, ...idx.slice(axis)]) }), `Unpack [${shape}] axis ${axis}`);
          if (d === 0) continue;
          const n = d % 2 === 0 ? 2 : 1;
          const part = shape.map((v, i) => (i === axis ? d / n : v));
          for (const be of backendsFor(dtype)) {
            const got = runKernel(be, 'Split', [i32([axis], []), x], { num_split: n }, new Array(n).fill(dtype));
            got.forEach((o, k) => {
              assertBits(o, dtype, part, (i) => {
                const idx = unflat(i, part);
                idx[axis] = (idx[axis] as number) + (k * d) / n;
                return keyOf(x, at(x, idx));
              }, `Split [${shape}] axis ${axis} part ${k} on ${be.name}`);
            });
          }
          const sizes = [Math.floor(d / 3), -1, 0];
          const real = [Math.floor(d / 3), d - Math.floor(d / 3), 0];
          let start = 0;
          const starts = real.map((v) => {
            const s = start;
            start += v;
            return s;
          });
          check('SplitV', x, [i32(sizes), i32([axis - shape.length], [])], { num_split: 3 }, real.map((v) => shape.map((w, i) => (i === axis ? v : w))), (k, idx) => ({
            from: x,
            at: at(x, idx.map((v, i) => (i === axis ? v + (starts[k] as number) : v))),
          }), `SplitV [${shape}] axis ${axis} sizes [${sizes}]`);
        }
      }
    }
  });
});

describe('Tile, Pad, PadV2, MirrorPad', () => {
  test('Tile: multiples 0, 1, 2, 3 on 1-size, empty and long dims', () => {
    for (const [shape, mult] of [
      [[2, 3], [2, 2]],
      [[1, 40], [3, 1]],
      [[3, 1], [1, 5]],
      [[2, 1, 3], [2, 3, 2]],
      [[4], [0]],
      [[0, 2], [3, 2]],
      [[], []],
      [[33, 5], [2, 3]],
    ] as [number[], number[]][]) {
      for (const dtype of DTYPES) {
        const x = randomOf(dtype, shape);
        const outShape = shape.map((d, i) => d * (mult[i] as number));
        for (const m of [i32(mult), i64(mult)]) {
          check('Tile', x, [m], {}, [outShape], (_k, idx) => ({ from: x, at: at(x, idx.map((v, i) => v % (shape[i] as number))) }), `Tile [${shape}] × [${mult}]`);
        }
      }
    }
  });

  const PADS: [number[], number[][]][] = [
    [[2, 3], [[1, 0], [0, 2]]],
    [[2, 5, 5, 3], [[0, 0], [1, 1], [2, 1], [0, 0]]],
    [[3, 40], [[2, 1], [0, 0]]],
    [[4], [[0, 0]]],
    [[0, 2], [[1, 1], [1, 0]]],
    [[], []],
    [[3, 1, 4], [[1, 2], [3, 0], [0, 1]]],
  ];

  test('Pad (zeros) and PadV2 (a constant): the padding slabs and the copy', () => {
    for (const [shape, pads] of PADS) {
      for (const dtype of DTYPES) {
        const x = randomOf(dtype, shape);
        const outShape = shape.map((d, i) => d + (pads[i]?.[0] as number) + (pads[i]?.[1] as number));
        const p = i32(pads.flat(), [shape.length, 2]);
        const src = (_k: number, idx: number[]) => {
          const xi = idx.map((v, i) => v - (pads[i]?.[0] as number));
          return xi.every((v, i) => v >= 0 && v < (shape[i] as number)) ? { from: x, at: at(x, xi) } : null;
        };
        check('Pad', x, [p], {}, [outShape], src, `Pad [${shape}] by ${JSON.stringify(pads)}`, new NDArray(dtype, []));
        const c = randomOf(dtype, []);
        check('PadV2', x, [p, c], {}, [outShape], src, `PadV2 [${shape}] by ${JSON.stringify(pads)}`, c);
      }
    }
  });

  test('MirrorPad REFLECT and SYMMETRIC: the mirrored boxes', () => {
    for (const [shape, pads] of [
      [[3, 4], [[1, 2], [2, 0]]],
      [[2, 5, 4, 3], [[1, 1], [2, 2], [3, 0], [0, 0]]],
      [[40], [[3, 2]]],
      [[], []],
    ] as [number[], number[][]][]) {
      for (const mode of ['REFLECT', 'SYMMETRIC']) {
        const off = mode === 'REFLECT' ? 1 : 0;
        for (const dtype of ['float32', 'float64', 'bool', 'string'] as DType[]) {
          const x = randomOf(dtype, shape);
          const outShape = shape.map((d, i) => d + (pads[i]?.[0] as number) + (pads[i]?.[1] as number));
          check('MirrorPad', x, [i32(pads.flat(), [shape.length, 2])], { mode }, [outShape], (_k, idx) => {
            const xi = idx.map((v, i) => {
              const d = shape[i] as number;
              const j = v - (pads[i]?.[0] as number);
              return j < 0 ? -j - 1 + off : j >= d ? 2 * d - j - 1 - off : j;
            });
            return { from: x, at: at(x, xi) };
          }, `MirrorPad ${mode} [${shape}] by ${JSON.stringify(pads)}`);
        }
      }
    }
  });
});

describe('GatherV2 and ResizeNearestNeighbor: rows of every length', () => {
  test('GatherV2 on axis 0, inner axes and with batch_dims; int32 and int64 indices', () => {
    for (const [shape, axis, idxShape, bd] of [
      [[10, 64], 0, [7], 0],
      [[10, 1], 0, [3, 2], 0],
      [[6, 24], 0, [5], 0],
      [[6, 100], 0, [4], 0],
      [[3, 9, 5], 1, [4], 0],
      [[3, 9, 70], 1, [2, 2], 0],
      [[4, 6, 30], 2, [3], 0],
      [[3, 5, 40], 1, [3, 4], 1],
      [[0, 4], 1, [2], 0],
      [[5, 3], 0, [0], 0],
    ] as [number[], number, number[], number][]) {
      for (const dtype of ['float32', 'float64', 'int64', 'float16', 'uint8', 'bool', 'string'] as DType[]) {
        const x = randomOf(dtype, shape);
        const n = shape[axis] as number;
        const ids = Array.from({ length: size(idxShape) }, () => (n > 0 ? rint(n) : 0));
        if (n === 0 && ids.length > 0) continue;
        const outShape = [...shape.slice(0, axis), ...idxShape.slice(bd), ...shape.slice(axis + 1)];
        for (const idx of [i32(ids, idxShape), i64(ids, idxShape)]) {
          check('GatherV2', x, [idx, i32([axis], [])], { batch_dims: bd }, [outShape], (_k, oi) => {
            const head = oi.slice(0, axis);
            const mid = oi.slice(axis, axis + idxShape.length - bd);
            const tail = oi.slice(axis + idxShape.length - bd);
            const flatIdx = [...head.slice(0, bd), ...mid].reduce((acc, v, i) => acc + v * (stridesOf(idxShape)[i] as number), 0);
            return { from: x, at: at(x, [...head, ids[flatIdx] as number, ...tail]) };
          }, `GatherV2 [${shape}] axis ${axis} indices [${idxShape}] batch_dims ${bd} (${idx.dtype})`);
        }
      }
    }
  });

  test('ResizeNearestNeighbor copies whole cells (depth 1, 30, 70) for every mode', () => {
    for (const [inH, inW, outH, outW, depth] of [
      [3, 4, 5, 7, 1],
      [4, 4, 2, 3, 30],
      [2, 3, 4, 6, 70],
    ] as const) {
      for (const [align, half] of [[false, false], [true, false], [false, true]]) {
        for (const dtype of ['float32', 'int64', 'float16', 'uint8'] as DType[]) {
          const x = randomOf(dtype, [2, inH, inW, depth]);
          const attrs = { align_corners: align, half_pixel_centers: half };
          // The source cells from the CPU kernel's own index rule, restated.
          const index = (o: number, inS: number, outS: number) => {
            const scale = align && outS > 1 ? Math.fround((inS - 1) / (outS - 1)) : Math.fround(inS / outS);
            const s = half ? Math.fround(Math.fround(o + 0.5) * scale) : Math.fround(o * scale);
            const k = Math.min(align ? Math.floor(s + 0.5) : Math.floor(s), inS - 1);
            return half ? Math.max(0, k) : k;
          };
          check('ResizeNearestNeighbor', x, [i32([outH, outW])], attrs, [[2, outH, outW, depth]], (_k, [b, y, xo, d]) => ({
            from: x,
            at: at(x, [b as number, index(y as number, inH, outH), index(xo as number, inW, outW), d as number]),
          }), `ResizeNearestNeighbor ${inH}×${inW}→${outH}×${outW}×${depth} align ${align} half ${half}`);
        }
      }
    }
  });
});

describe('ResizeBilinear through the row cache', () => {
  /** The per-element formula the row cache replaces: four source cells, float32 steps. */
  function reference(x: ArrayLike<number>, g: Parameters<typeof resizeBilinear>[1]): Float32Array {
    const f = Math.fround;
    const weights = (outS: number, inS: number) => {
      const scale = g.alignCorners && outS > 1 ? f((inS - 1) / (outS - 1)) : f(inS / outS);
      return Array.from({ length: outS }, (_, i) => {
        const src = g.halfPixelCenters ? f(f(f(i + 0.5) * scale) - 0.5) : f(i * scale);
        const fl = Math.floor(src);
        return { lo: Math.max(fl, 0), hi: Math.min(Math.ceil(src), inS - 1), l: f(src - fl) };
      });
    };
    const ys = weights(g.outH, g.inH);
    const xs = weights(g.outW, g.inW);
    const out = new Float32Array(g.batch * g.outH * g.outW * g.depth);
    let o = 0;
    for (let b = 0; b < g.batch; b++)
      for (const y of ys)
        for (const xw of xs)
          for (let d = 0; d < g.depth; d++, o++) {
            const v = (h: number, w: number) => x[((b * g.inH + h) * g.inW + w) * g.depth + d] as number;
            const t = f(v(y.lo, xw.lo) + f(f(v(y.lo, xw.hi) - v(y.lo, xw.lo)) * xw.l));
            const bo = f(v(y.hi, xw.lo) + f(f(v(y.hi, xw.hi) - v(y.hi, xw.lo)) * xw.l));
            out[o] = t + f(f(bo - t) * y.l);
          }
    return out;
  }

  test('bit-exact with the per-element formula: up/down-scaling, every mode, specials, float64 and int inputs', () => {
    const specials = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-40, 3e38, -3e38];
    for (const [inH, inW, outH, outW, depth] of [
      [4, 5, 8, 10, 3],
      [8, 8, 3, 5, 2],
      [1, 1, 3, 2, 4],
      [5, 3, 5, 3, 1],
      [3, 7, 7, 2, 5],
    ] as const) {
      for (const [alignCorners, halfPixelCenters] of [[false, false], [true, false], [false, true]] as const) {
        const g = { batch: 2, inH, inW, depth, outH, outW, alignCorners, halfPixelCenters };
        const n = 2 * inH * inW * depth;
        const f32 = Float32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? (specials[i % specials.length] as number) : (rnd() - 0.5) * 100));
        const f64 = Float64Array.from({ length: n }, () => (rnd() - 0.5) * 1e5);
        const ints = Int32Array.from({ length: n }, () => rint(2 ** 31) - 2 ** 30);
        for (const x of [f32, f64, ints]) {
          const got = new Float32Array(2 * outH * outW * depth);
          resizeBilinear(x, g, got);
          const want = reference(x, g);
          const gb = new Int32Array(got.buffer);
          const wb = new Int32Array(want.buffer);
          for (let i = 0; i < got.length; i++) {
            // NaN results compare as NaN (their payload comes from the arithmetic, not a copy).
            if (Number.isNaN(got[i]) && Number.isNaN(want[i])) continue;
            if (gb[i] !== wb[i]) assert.fail(`${x.constructor.name} ${JSON.stringify(g)} element ${i}: ${got[i]} vs ${want[i]}`);
          }
        }
      }
    }
  });

  test('through the op on both backends (float32 and float16 inputs)', () => {
    const x = () => tf.reshape(tf.range(0, 2 * 3 * 4 * 3, 1, 'float32'), [2, 3, 4, 3]);
    const g = { batch: 2, inH: 3, inW: 4, depth: 3, outH: 5, outW: 7, alignCorners: false, halfPixelCenters: true };
    const want = Array.from(reference(Float32Array.from({ length: 72 }, (_, i) => i), g));
    for (const input of [x, () => tf.cast(x(), 'float16')]) {
      const got = evalT(() => tf.image.resizeBilinear(input(), [5, 7], { halfPixelCenters: true }));
      assert.equal(got.dtype, 'float32');
      assert.deepEqual([...got.shape], [2, 5, 7, 3]);
      assert.deepEqual(Array.from(got.data as Float32Array), want);
    }
  });
});

describe('Cast fast paths', () => {
  const cast = (x: NDArray, to: DType) =>
    [cpuBackend, wasm1].map((be) => runKernel(be, 'Cast', [x], { SrcT: x.dtype, DstT: to, Truncate: false }, [to])[0] as NDArray);

  test('integers to float32 round to nearest even; to float64 exactly', () => {
    const xs = [2 ** 24 + 1, 2 ** 24 + 3, -2147483648, 2147483647, -(2 ** 24) - 1, 0, -1, 7];
    for (const r of cast(i32(xs), 'float32')) expectArray(r, 'float32', [8], [16777216, 16777220, -2147483648, 2147483648, -16777216, 0, -1, 7]);
    for (const r of cast(i32(xs), 'float64')) expectArray(r, 'float64', [8], xs);
    const u8 = new NDArray('uint8', [3], Uint8Array.from([255, 0, 128]));
    for (const r of cast(u8, 'float32')) expectArray(r, 'float32', [3], [255, 0, 128]);
    const u32 = new NDArray('uint32', [2], Uint32Array.from([4294967295, 2 ** 31 + 1]));
    for (const r of cast(u32, 'float32')) expectArray(r, 'float32', [2], [4294967296, 2147483648]);
  });

  test('float64 → float32 rounds to nearest even; float32 → float64 is exact', () => {
    const xs = [1 + 2 ** -24, 1 + 3 * 2 ** -24, 0.1, -0, 3.5e38, -1e-46, Number.NaN];
    const f64 = new NDArray('float64', [xs.length], Float64Array.from(xs));
    for (const r of cast(f64, 'float32')) {
      const d = r.data as Float32Array;
      assert.deepEqual(Array.from(d.subarray(0, 6)), [1, 1 + 4 * 2 ** -24, Math.fround(0.1), -0, Number.POSITIVE_INFINITY, -0]);
      assert.ok(Object.is(d[3], -0) && Object.is(d[5], -0) && Number.isNaN(d[6]));
    }
    const f32 = new NDArray('float32', [2], Float32Array.from([0.1, -0]));
    for (const r of cast(f32, 'float64')) assert.ok(r.data[0] === Math.fround(0.1) && Object.is(r.data[1], -0));
  });

  test('narrow and wide integers: wrap, sign- and zero-extend; int64 ↔ uint64 keep the bits', () => {
    const xs = [-2147483648, -1, 0, 1, 255, 256, 2147483647];
    for (const r of cast(i32(xs), 'int64')) expectArray(r, 'int64', [7], xs.map(BigInt));
    for (const r of cast(i32(xs), 'uint64')) expectArray(r, 'uint64', [7], xs.map((v) => BigInt.asUintN(64, BigInt(v))));
    for (const r of cast(i32(xs), 'uint8')) expectArray(r, 'uint8', [7], [0, 255, 0, 1, 255, 0, 255]);
    const u32 = new NDArray('uint32', [2], Uint32Array.from([4294967295, 5]));
    for (const r of cast(u32, 'int64')) expectArray(r, 'int64', [2], [4294967295n, 5n]);
    for (const r of cast(u32, 'int32')) expectArray(r, 'int32', [2], [-1, 5]);
    const big = new NDArray('int64', [4], BigInt64Array.from([-(2n ** 63n), -1n, 2n ** 32n + 7n, 2n ** 63n - 1n]));
    for (const r of cast(big, 'int32')) expectArray(r, 'int32', [4], [0, -1, 7, -1]);
    for (const r of cast(big, 'uint16')) expectArray(r, 'uint16', [4], [0, 65535, 7, 65535]);
    for (const r of cast(big, 'uint64')) expectArray(r, 'uint64', [4], [2n ** 63n, 2n ** 64n - 1n, 2n ** 32n + 7n, 2n ** 63n - 1n]);
    for (const r of cast(big, 'bool')) expectArray(r, 'bool', [4], [true, true, true, true]);
    for (const r of cast(new NDArray('int64', [2], BigInt64Array.from([0n, 2n ** 40n])), 'bool')) expectArray(r, 'bool', [2], [false, true]);
    const b = new NDArray('bool', [2], Uint8Array.from([1, 0]));
    for (const r of cast(b, 'int64')) expectArray(r, 'int64', [2], [1n, 0n]);
    for (const r of cast(b, 'float64')) expectArray(r, 'float64', [2], [1, 0]);
  });

  test('floats to integers: truncation, and x86 results out of range', () => {
    const xs = [2.7, -2.7, -0, Number.NaN, 2147483648, -2147483648.9, -2147483649, 300.7, 1e20, -1e20];
    const f64 = new NDArray('float64', [xs.length], Float64Array.from(xs));
    for (const r of cast(f64, 'int32')) expectArray(r, 'int32', [10], [2, -2, 0, -2147483648, -2147483648, -2147483648, -2147483648, 300, -2147483648, -2147483648]);
    for (const r of cast(f64, 'uint8')) expectArray(r, 'uint8', [10], [2, 254, 0, 0, 0, 0, 0, 44, 0, 0]);
    for (const r of cast(f64, 'uint32')) expectArray(r, 'uint32', [10], [2, 4294967294, 0, 0, 2147483648, 2147483648, 2147483647, 300, 0, 0]);
    for (const r of cast(f64, 'bool')) expectArray(r, 'bool', [10], [true, true, false, true, true, true, true, true, true, true]);
    const half = new NDArray('float16', [3], Uint16Array.from([0x3c00, 0x8000, 0x7e01]));
    for (const r of cast(half, 'float32')) {
      assert.deepEqual(Array.from((r.data as Float32Array).subarray(0, 1)), [1]);
      assert.ok(Object.is(r.data[1], -0) && Number.isNaN(r.data[2]));
    }
  });
});
