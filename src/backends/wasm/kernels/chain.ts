import type { ChainLink } from '../../backend.js';
import { type FunctionBuilder, type ModuleBuilder, ValType } from '../builder/index.js';
import { BINARY, type OpCode, UNARY, temps } from './ops.js';

const { i32 } = { i32: ValType.i32 };

/**
 * Emits `name(p0, …, pk, out, n)`: a loop over n float32 elements computing a chain of
 * elementwise ops on input 0 (the running value) with inputs 1..k as the other operands, each a
 * full array or a scalar (`scalar[i]`), four lanes at a time and then a scalar tail. A single
 * binary op is the chain [op with operand 1]; `scalar ⊙ vector` is [op reversed] over (vector, scalar).
 */
export function chainFunction(mb: ModuleBuilder, name: string, links: readonly ChainLink[], scalar: readonly boolean[]): FunctionBuilder {
  const k = scalar.length;
  const f = mb.func(name, [...new Array<ValType>(k + 2).fill(i32)], []);
  const out = k;
  const n = k + 1;
  const t = temps(f);
  const acc = { v: f.local(ValType.v128), f: f.local(ValType.f32) };
  const i = f.local(i32);
  const nVec = f.local(i32);
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
  const code = (l: ChainLink): OpCode => {
    const c = l.operand === undefined ? UNARY[l.op] : BINARY[l.op];
    if (!c) throw new Error(`internal: no wasm code for ${l.op}`);
    return c;
  };
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
  f.get(n).i32(2).op('i32_shl').set(nAll);
  const body = (lanes: boolean) => {
    const load = (p: number) => {
      if (scalar[p]) f.get(lanes ? (sv[p] as number) : (sf[p] as number));
      else {
        f.get(p).get(i).op('i32_add');
        if (lanes) f.v128Load(0, 0);
        else f.f32Load();
      }
    };
    f.get(out).get(i).op('i32_add');
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
    if (lanes) f.v128Store(0, 0);
    else f.f32Store();
  };
  f.forLoop(i, () => f.i32(0), () => f.get(nVec), 16, () => body(true));
  f.forLoop(i, () => f.get(nVec), () => f.get(nAll), 4, () => body(false));
  return f;
}

/** Whether every link is an op this backend has code for. */
export function chainSupported(links: readonly ChainLink[]): boolean {
  return links.every((l) => (l.operand === undefined ? Object.hasOwn(UNARY, l.op) : Object.hasOwn(BINARY, l.op)));
}
