import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MEMORY_IMPORT } from './elementwise-module.js';

const I = ValType.i32;

/** The params after the two pointers: rows to do, the first row's (ox, oy, b), then the NHWC geometry. */
export const CONV_PARAMS = ['rn', 'ox0', 'oy0', 'b0', 'inH', 'inW', 'inC', 'fH', 'fW', 'outH', 'outW', 'sH', 'sW', 'dH', 'dW', 'padTop', 'padLeft'] as const;
type P = Record<(typeof CONV_PARAMS)[number], number>;

/**
 * `n` bytes (a multiple of 4) from `src` to `dst`: 16 at a time, then 4; `add` adds into dst
 * instead. Advances nothing: the caller's locals stay as they were.
 */
function copyBytes(f: FunctionBuilder, dst: number, src: number | null, n: number, add: boolean, i: number, nVec: number): void {
  f.get(n).i32(-16).op('i32_and').set(nVec);
  const vec = () => {
    f.get(dst).get(i).op('i32_add');
    if (src === null) f.f32x4(0);
    else {
      f.get(src).get(i).op('i32_add').v128Load(0, 0);
      if (add) f.get(dst).get(i).op('i32_add').v128Load(0, 0).simd('f32x4_add');
    }
    f.v128Store(0, 0);
  };
  const one = () => {
    f.get(dst).get(i).op('i32_add');
    if (src === null) f.f32(0);
    else {
      f.get(src).get(i).op('i32_add').f32Load();
      if (add) f.get(dst).get(i).op('i32_add').f32Load().op('f32_add');
    }
    f.f32Store();
  };
  f.forLoop(i, () => f.i32(0), () => f.get(nVec), 16, vec);
  f.forLoop(i, () => f.get(nVec), () => f.get(n), 4, one);
}

/**
 * The patch loops over rows (output pixels) of one image batch: for each row and each (ky, kx)
 * of the window, `inner(colsAt, xAt)` with xAt the input cell's address, or `outside(colsAt)`
 * when the cell is padding. cols advances by inC floats per cell.
 */
function patchLoops(f: FunctionBuilder, cols: number, x: number, p: P, inner: (c: number, xa: number, n: number) => void, outside: (c: number, n: number) => void): void {
  const L = () => f.local(I);
  const [r, ox, oy, b, ky, kx, ya, xa, iy, ix, c, cellB, rowB, imgB, xrow, xcell] = Array.from({ length: 16 }, L) as number[];
  f.get(p.inC).i32(2).op('i32_shl').set(cellB as number);
  f.get(p.inW).get(cellB as number).op('i32_mul').set(rowB as number);
  f.get(p.inH).get(rowB as number).op('i32_mul').set(imgB as number);
  f.get(p.ox0).set(ox as number);
  f.get(p.oy0).set(oy as number);
  f.get(p.b0).set(b as number);
  f.get(cols).set(c as number);
  f.forLoop(r as number, () => f.i32(0), () => f.get(p.rn), 1, () => {
    f.get(oy as number).get(p.sH).op('i32_mul').get(p.padTop).op('i32_sub').set(ya as number);
    f.get(ox as number).get(p.sW).op('i32_mul').get(p.padLeft).op('i32_sub').set(xa as number);
    f.forLoop(ky as number, () => f.i32(0), () => f.get(p.fH), 1, () => {
      f.get(ya as number).get(ky as number).get(p.dH).op('i32_mul', 'i32_add').set(iy as number);
      // unsigned: a negative row is out of range too
      f.get(iy as number).get(p.inH).op('i32_ge_u').if(
        () => {
          f.get(p.fW).get(cellB as number).op('i32_mul').set(xcell as number);
          outside(c as number, xcell as number);
          f.get(c as number).get(xcell as number).op('i32_add').set(c as number);
        },
        () => {
          f.get(x).get(b as number).get(imgB as number).op('i32_mul', 'i32_add').get(iy as number).get(rowB as number).op('i32_mul', 'i32_add').set(xrow as number);
          f.forLoop(kx as number, () => f.i32(0), () => f.get(p.fW), 1, () => {
            f.get(xa as number).get(kx as number).get(p.dW).op('i32_mul', 'i32_add').set(ix as number);
            f.get(ix as number).get(p.inW).op('i32_ge_u').if(
              () => outside(c as number, cellB as number),
              () => {
                f.get(xrow as number).get(ix as number).get(cellB as number).op('i32_mul', 'i32_add').set(xcell as number);
                inner(c as number, xcell as number, cellB as number);
              },
            );
            f.get(c as number).get(cellB as number).op('i32_add').set(c as number);
          });
        },
      );
    });
    // next output pixel
    f.get(ox as number).i32(1).op('i32_add').tee(ox as number).get(p.outW).op('i32_eq').if(() => {
      f.i32(0).set(ox as number);
      f.get(oy as number).i32(1).op('i32_add').tee(oy as number).get(p.outH).op('i32_eq').if(() => {
        f.i32(0).set(oy as number);
        f.get(b as number).i32(1).op('i32_add').set(b as number);
      });
    });
  });
}

/**
 * `im2col(x, cols, …)`: rows of the patch matrix (zero where the window is padding).
 * `col2im(cols, dx, …)`: the adjoint, rows added back into dx.
 */
export function convModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const params = new Array<ValType>(2 + CONV_PARAMS.length).fill(I);
  const named = Object.fromEntries(CONV_PARAMS.map((n, i) => [n, i + 2])) as P;
  {
    const f = mb.func('im2col', params);
    const [i, nVec] = [f.local(I), f.local(I)];
    patchLoops(
      f,
      1,
      0,
      named,
      (c, xa, n) => copyBytes(f, c, xa, n, false, i, nVec),
      (c, n) => copyBytes(f, c, null, n, false, i, nVec),
    );
  }
  {
    const f = mb.func('col2im', params);
    const [i, nVec] = [f.local(I), f.local(I)];
    patchLoops(
      f,
      0,
      1,
      named,
      (c, xa, n) => copyBytes(f, xa, c, n, true, i, nVec),
      () => {},
    );
  }
  return mb;
}
