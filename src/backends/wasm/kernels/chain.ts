import type { ChainLink } from '../../backend.js';
import { type FunctionBuilder, type ModuleBuilder, ValType } from '../builder/index.js';
import { BINARY, type OpCode, UNARY, temps } from './ops.js';

const { i32 } = { i32: ValType.i32 };
/**
 * Vectors per iteration of the main loop: independent work for the out-of-order core, less loop
 * overhead. Eight for light ops on one array (the bench's relu(x·a+b)·c on 1M floats: 109 µs
 * against 127 with four, a plain wasm copy 103); four where an op is heavy (a long formula whose
 * constants would spill) or a second array is read (eight then spill: `npm run check:spills`).
 */
const UNROLL_LIGHT = 8;
const UNROLL_FEW = 4;

/**
 * Emits `name(p0, …, pk, out, n)`: a loop over n float32 elements computing a chain of
 * elementwise ops on input 0 (the running value) with inputs 1..k as the other operands, each a
 * full array or a scalar (`scalar[i]`): blocks of 8 vectors (4 with a heavy op or two arrays) of four lanes at a time, then single
 * vectors, then a scalar tail. A single binary op is the chain [op with operand 1];
 * `scalar ⊙ vector` is [op reversed] over (vector, scalar).
 */
export function chainFunction(mb: ModuleBuilder, name: string, links: readonly ChainLink[], scalar: readonly boolean[]): FunctionBuilder {
  const k = scalar.length;
  const f = mb.func(name, [...new Array<ValType>(k + 2).fill(i32)], []);
  const out = k;
  const n = k + 1;
  const t = temps(f);
  const acc = { v: f.local(ValType.v128), f: f.local(ValType.f32) };
  const i = f.local(i32);
  const nBlk = f.local(i32);
  const nVec = f.local(i32);
  const code = (l: ChainLink): OpCode => {
    const c = l.operand === undefined ? UNARY[l.op] : BINARY[l.op];
    if (!c) throw new Error(`internal: no wasm code for ${l.op}`);
    return c;
  };
  const arrays = scalar.filter((s) => !s).length;
  const unroll = arrays === 1 && !links.some((l) => code(l).heavy === true) ? UNROLL_LIGHT : UNROLL_FEW;
  const res = Array.from({ length: unroll }, () => f.local(ValType.v128));
  const nAll = f.local(i32);
  // Scalars are loaded once, splat for the vector loop.
  const sv: number[] = [];
  const sf: number[] = [];
  for (let p = 1; p < k; p++) {
    if (!scalar[p]) continue;
    sf[p] = f.local(ValType.f32);
    sv[p] = f.local(ValType.v128);
    f.get(p).f32Load().tee(sf[p] as number).simd('f32x4_splat').set(sv[p] as number);
  }
  // Byte limits: blocks of `unroll` vectors, then single vectors, then single lanes.
  f.get(n).i32(-4 * unroll).op('i32_and').i32(2).op('i32_shl').set(nBlk);
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
  f.get(n).i32(2).op('i32_shl').set(nAll);
  /** Pushes the chain's value at byte offset `at` from i (four lanes, or one). */
  const value = (lanes: boolean, at: number) => {
    const load = (p: number) => {
      if (scalar[p]) f.get(lanes ? (sv[p] as number) : (sf[p] as number));
      else {
        f.get(p).get(i).op('i32_add');
        if (lanes) f.v128Load(at, 0);
        else f.f32Load(at);
      }
    };
    load(0);
    for (const l of links) {
      const c = code(l);
      if (l.operand !== undefined) {
        if (l.reversed) {
          f.set(lanes ? acc.v : acc.f);
          load(l.operand);
          f.get(lanes ? acc.v : acc.f);
        } else load(l.operand);
      }
      if (lanes) c.simd(f, t);
      else c.scalar(f, t);
    }
  };
  // `unroll` independent vectors per iteration, every load before the first store (so an output
  // that is one of the inputs stays right), then the stores.
  f.forLoop(i, () => f.i32(0), () => f.get(nBlk), 16 * unroll, () => {
    for (let u = 0; u < unroll; u++) {
      value(true, 16 * u);
      f.set(res[u] as number);
    }
    for (let u = 0; u < unroll; u++) f.get(out).get(i).op('i32_add').get(res[u] as number).v128Store(16 * u, 0);
  });
  f.forLoop(i, () => f.get(nBlk), () => f.get(nVec), 16, () => {
    f.get(out).get(i).op('i32_add');
    value(true, 0);
    f.v128Store(0, 0);
  });
  f.forLoop(i, () => f.get(nVec), () => f.get(nAll), 4, () => {
    f.get(out).get(i).op('i32_add');
    value(false, 0);
    f.f32Store();
  });
  return f;
}

/** Whether every link is an op this backend has code for. */
export function chainSupported(links: readonly ChainLink[]): boolean {
  return links.every((l) => (l.operand === undefined ? Object.hasOwn(UNARY, l.op) : Object.hasOwn(BINARY, l.op)));
}

/**
 * How an operand's pointer moves from one run of the loop to the next: a run of `inner` values
 * (a full array), one value (a column, read as a scalar by the run's loop), not at all (a row, a
 * scalar), or by a byte step given as a parameter.
 */
export type RunStep = 'run' | 'value' | 'none' | 'param';

/**
 * `name(p0, …, pk, out, inner, rows, steps…)`: `rows` calls of the function `row(p0, …, pk,
 * out, inner)`, out stepping a run each time and each operand as `step[i]` says ('param' steps
 * are the trailing parameters, in operand order): a broadcast or a chain with row or column
 * operands in one call from JS.
 */
export function chainRowsFunction(mb: ModuleBuilder, name: string, row: FunctionBuilder, step: readonly RunStep[]): void {
  const k = step.length;
  const params = step.filter((s) => s === 'param').length;
  const f = mb.func(name, new Array<ValType>(k + 3 + params).fill(i32), []);
  const out = k;
  const inner = k + 1;
  const rows = k + 2;
  const r = f.local(i32);
  const runB = f.local(i32);
  f.get(inner).i32(2).op('i32_shl').set(runB);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    for (let p = 0; p < k; p++) f.get(p);
    f.get(out).get(inner).call(row);
    let param = k + 3;
    for (let p = 0; p < k; p++) {
      const s = step[p];
      if (s === 'run') f.get(p).get(runB).op('i32_add').set(p);
      else if (s === 'value') f.get(p).i32(4).op('i32_add').set(p);
      else if (s === 'param') f.get(p).get(param++).op('i32_add').set(p);
    }
    f.get(out).get(runB).op('i32_add').set(out);
  });
}
