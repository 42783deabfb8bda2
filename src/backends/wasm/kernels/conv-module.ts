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

/** The i32 fields of the geometry block `packPatches` reads (byte offset = 4 · index). */
export const PATCH_GEOMETRY = ['x', 'inH', 'inW', 'inC', 'fW', 'outH', 'outW', 'sH', 'sW', 'dH', 'dW', 'padTop', 'padLeft'] as const;

/**
 * packPatches(geo, row0, p0, dst, mc, kc): the GEMM's packA for a convolution, reading the patch
 * matrix straight from x (no im2col matrix): rows row0.. row0+mc (output pixels, batch-major) ×
 * patch columns p0.. p0+kc (p = (ky·fW + kx)·inC + ci) as MR-row panels, each kc steps of MR
 * floats; padding cells and rows past mc are zero. `geo` holds PATCH_GEOMETRY (i32s).
 */
export function packPatches(mb: ModuleBuilder, MR: number): FunctionBuilder {
  const f = mb.func('packPatches', [I, I, I, I, I, I]);
  const [geo, row0, p0, dst, mc, kc] = [0, 1, 2, 3, 4, 5];
  const g = Object.fromEntries(PATCH_GEOMETRY.map((name, i) => [name, i])) as Record<(typeof PATCH_GEOMETRY)[number], number>;
  const v = Object.fromEntries(PATCH_GEOMETRY.map((name) => [name, f.local(I)])) as Record<(typeof PATCH_GEOMETRY)[number], number>;
  for (const name of PATCH_GEOMETRY) f.get(geo).i32Load((g[name] as number) * 4).set(v[name]);
  const L = () => f.local(I);
  const [cellB, rowB, imgB, ir, r, d, row, t, b, ya, xa, ci, kx, ky, left, run, iy, ix, src, end] = Array.from({ length: 20 }, L) as number[];
  const step = MR * 4;
  f.get(v.inC).i32(2).op('i32_shl').set(cellB as number);
  f.get(v.inW).get(cellB as number).op('i32_mul').set(rowB as number);
  f.get(v.inH).get(rowB as number).op('i32_mul').set(imgB as number);
  // zeros at d for `n` steps (d advances)
  const zeros = (n: number) => {
    f.get(d as number).get(n).i32(step).op('i32_mul', 'i32_add').set(end as number);
    f.block(() =>
      f.loop(() => {
        f.get(d as number).get(end as number).op('i32_ge_u').brIf(1);
        f.get(d as number).f32(0).f32Store();
        f.get(d as number).i32(step).op('i32_add').set(d as number);
        f.br(0);
      }),
    );
  };
  f.forLoop(ir as number, () => f.i32(0), () => f.get(mc), MR, () => {
    f.forLoop(r as number, () => f.i32(0), () => f.i32(MR), 1, () => {
      // this row's column of the panel: dst + ir·kc·4 + r·4
      f.get(dst).get(ir as number).get(kc).op('i32_mul').i32(2).op('i32_shl', 'i32_add').get(r as number).i32(2).op('i32_shl', 'i32_add').set(d as number);
      f.get(ir as number).get(r as number).op('i32_add').get(mc).op('i32_ge_u').if(
        () => zeros(kc),
        () => {
          f.get(row0).get(ir as number).op('i32_add').get(r as number).op('i32_add').set(row as number);
          f.get(row as number).get(v.outW).op('i32_div_u').set(t as number);
          // xa = (row % outW)·sW - padLeft; ya = (t % outH)·sH - padTop; b = t / outH
          f.get(row as number).get(t as number).get(v.outW).op('i32_mul', 'i32_sub').get(v.sW).op('i32_mul').get(v.padLeft).op('i32_sub').set(xa as number);
          f.get(t as number).get(v.outH).op('i32_div_u').set(b as number);
          f.get(t as number).get(b as number).get(v.outH).op('i32_mul', 'i32_sub').get(v.sH).op('i32_mul').get(v.padTop).op('i32_sub').set(ya as number);
          f.get(p0).get(v.inC).op('i32_div_u').set(t as number); // the cell of p0
          f.get(p0).get(t as number).get(v.inC).op('i32_mul', 'i32_sub').set(ci as number);
          f.get(t as number).get(v.fW).op('i32_div_u').set(ky as number);
          f.get(t as number).get(ky as number).get(v.fW).op('i32_mul', 'i32_sub').set(kx as number);
          f.get(kc).set(left as number);
          f.block(() =>
            f.loop(() => {
              f.get(left as number).op('i32_eqz').brIf(1);
              // run = min(inC - ci, left)
              f.get(v.inC).get(ci as number).op('i32_sub').set(run as number);
              f.get(run as number).get(left as number).get(run as number).get(left as number).op('i32_lt_u', 'select').set(run as number);
              f.get(ya as number).get(ky as number).get(v.dH).op('i32_mul', 'i32_add').set(iy as number);
              f.get(xa as number).get(kx as number).get(v.dW).op('i32_mul', 'i32_add').set(ix as number);
              // unsigned: a negative row or column is out of range too
              f.get(iy as number).get(v.inH).op('i32_lt_u').get(ix as number).get(v.inW).op('i32_lt_u').op('i32_and').if(
                () => {
                  f.get(v.x).get(b as number).get(imgB as number).op('i32_mul', 'i32_add').get(iy as number).get(rowB as number).op('i32_mul', 'i32_add');
                  f.get(ix as number).get(cellB as number).op('i32_mul', 'i32_add').get(ci as number).i32(2).op('i32_shl', 'i32_add').set(src as number);
                  f.get(d as number).get(run as number).i32(step).op('i32_mul', 'i32_add').set(end as number);
                  f.block(() =>
                    f.loop(() => {
                      f.get(d as number).get(end as number).op('i32_ge_u').brIf(1);
                      f.get(d as number).get(src as number).f32Load().f32Store();
                      f.get(d as number).i32(step).op('i32_add').set(d as number);
                      f.get(src as number).i32(4).op('i32_add').set(src as number);
                      f.br(0);
                    }),
                  );
                },
                () => zeros(run as number),
              );
              f.get(left as number).get(run as number).op('i32_sub').set(left as number);
              f.i32(0).set(ci as number);
              f.get(kx as number).i32(1).op('i32_add').tee(kx as number).get(v.fW).op('i32_eq').if(() => {
                f.i32(0).set(kx as number);
                f.get(ky as number).i32(1).op('i32_add').set(ky as number);
              });
              f.br(0);
            }),
          );
        },
      );
    });
  });
  return f;
}
