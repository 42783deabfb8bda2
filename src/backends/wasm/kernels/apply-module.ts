// The optimizers' dense float32 updates (TensorFlow's training_ops.cc formulas, in float32 as its
// Eigen kernels compute them) as wasm SIMD loops: each function `name(r0, …, rk-1, consts, g, n)`
// updates the refs r0 (the variable) … rk-1 (its slots) in place from the gradient g over n
// elements; `consts` points at the float32 constants the kernel computed from the scalar inputs.
import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

/** An expression over one element: a ref's old value, the gradient, a constant, a temp. */
export type Expr =
  | { readonly ref: number }
  | 'g'
  | { readonly c: number }
  | { readonly t: number }
  | { readonly op: 'add' | 'sub' | 'mul' | 'div'; readonly a: Expr; readonly b: Expr }
  | { readonly sqrt: Expr };

/** A statement: a temp gets a value, or a ref's element is written. */
export type Stmt = { readonly let: number; readonly e: Expr } | { readonly store: number; readonly e: Expr };

export interface UpdateSpec {
  readonly refs: number;
  readonly consts: number;
  readonly temps: number;
  readonly body: readonly Stmt[];
}

// Builders for readable formulas.
export const ref = (k: number): Expr => ({ ref: k });
export const c = (k: number): Expr => ({ c: k });
export const t = (k: number): Expr => ({ t: k });
export const add = (a: Expr, b: Expr): Expr => ({ op: 'add', a, b });
export const sub = (a: Expr, b: Expr): Expr => ({ op: 'sub', a, b });
export const mul = (a: Expr, b: Expr): Expr => ({ op: 'mul', a, b });
export const div = (a: Expr, b: Expr): Expr => ({ op: 'div', a, b });
export const sqrt = (a: Expr): Expr => ({ sqrt: a });

const SIMD = { add: 'f32x4_add', sub: 'f32x4_sub', mul: 'f32x4_mul', div: 'f32x4_div' } as const;
const SCALAR = { add: 'f32_add', sub: 'f32_sub', mul: 'f32_mul', div: 'f32_div' } as const;

/** Emits one update function (see the file comment): a four-lane loop, then a one-lane tail. */
function updateFunction(mb: ModuleBuilder, name: string, spec: UpdateSpec): FunctionBuilder {
  const i32 = ValType.i32;
  const f32 = ValType.f32;
  const v128 = ValType.v128;
  const k = spec.refs;
  const f = mb.func(name, new Array<ValType>(k + 3).fill(i32), []);
  const cp = k;
  const gp = k + 1;
  const n = k + 2;
  const i = f.local(i32);
  const nVec = f.local(i32);
  const nAll = f.local(i32);
  const cf: number[] = [];
  const cv: number[] = [];
  for (let j = 0; j < spec.consts; j++) {
    cf.push(f.local(f32));
    cv.push(f.local(v128));
    f.get(cp).f32Load(4 * j).tee(cf[j] as number).simd('f32x4_splat').set(cv[j] as number);
  }
  const lanes = { g: f.local(v128), t: Array.from({ length: spec.temps }, () => f.local(v128)) };
  const one = { g: f.local(f32), t: Array.from({ length: spec.temps }, () => f.local(f32)) };
  f.get(n).i32(-4).op('i32_and').i32(2).op('i32_shl').set(nVec);
  f.get(n).i32(2).op('i32_shl').set(nAll);
  const body = (vec: boolean) => {
    const L = vec ? lanes : one;
    const addr = (p: number) => f.get(p).get(i).op('i32_add');
    const emit = (e: Expr): void => {
      if (e === 'g') f.get(L.g);
      else if ('ref' in e) {
        addr(e.ref);
        if (vec) f.v128Load(0, 0);
        else f.f32Load();
      } else if ('c' in e) f.get((vec ? cv : cf)[e.c] as number);
      else if ('t' in e) f.get(L.t[e.t] as number);
      else if ('sqrt' in e) {
        emit(e.sqrt);
        if (vec) f.simd('f32x4_sqrt');
        else f.op('f32_sqrt');
      } else {
        emit(e.a);
        emit(e.b);
        if (vec) f.simd(SIMD[e.op]);
        else f.op(SCALAR[e.op]);
      }
    };
    addr(gp);
    if (vec) f.v128Load(0, 0);
    else f.f32Load();
    f.set(L.g);
    for (const s of spec.body) {
      if ('let' in s) {
        emit(s.e);
        f.set(L.t[s.let] as number);
      } else {
        addr(s.store);
        emit(s.e);
        if (vec) f.v128Store(0, 0);
        else f.f32Store();
      }
    }
  };
  f.forLoop(i, () => f.i32(0), () => f.get(nVec), 16, () => body(true));
  f.forLoop(i, () => f.get(nVec), () => f.get(nAll), 4, () => body(false));
  return f;
}

/** The module of every update in `specs`, by name. */
export function applyModule(specs: Readonly<Record<string, UpdateSpec>>): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  for (const [name, spec] of Object.entries(specs)) updateFunction(mb, name, spec);
  return mb;
}
