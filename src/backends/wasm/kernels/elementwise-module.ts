import { type FunctionBuilder, ModuleBuilder, ValType } from '../builder/index.js';
import { MAX_PAGES } from '../heap.js';
import { chainFunction } from './chain.js';
import { BINARY, UNARY } from './ops.js';

/** The memory every kernel module imports: shared, any size up to 4 GiB. */
export const MEMORY_IMPORT = { initial: 1, maximum: MAX_PAGES, shared: true } as const;

/**
 * The module of single elementwise ops: for each binary op `<op>_vv(a, b, out, n)`,
 * `<op>_vs` (b a scalar), `<op>_sv` (a a scalar; called with the vector first), and for each
 * unary op `<op>(x, out, n)`. Pointers are byte addresses. A binary op's broadcasts also have
 * `<op>_<vv|vs|sv>_rows(a, b, out, inner, rows, aStep, bStep)`: `rows` calls of that loop over
 * `inner` elements, a and b advancing by their byte steps, out by a row.
 */
export function elementwiseModule(): ModuleBuilder {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  for (const op of Object.keys(BINARY)) {
    rowsFunction(mb, `${op}_vv_rows`, chainFunction(mb, `${op}_vv`, [{ op, operand: 1 }], [false, false]));
    rowsFunction(mb, `${op}_vs_rows`, chainFunction(mb, `${op}_vs`, [{ op, operand: 1 }], [false, true]));
    rowsFunction(mb, `${op}_sv_rows`, chainFunction(mb, `${op}_sv`, [{ op, operand: 1, reversed: true }], [false, true]));
  }
  for (const op of Object.keys(UNARY)) chainFunction(mb, op, [{ op }], [false]);
  return mb;
}

/**
 * `name(a, b, out, inner, rows, aStep, bStep)`: `rows` calls of the binary loop `row(a, b, out, n)`,
 * so that a broadcast of many short rows costs one call from JS, not one per row.
 */
function rowsFunction(mb: ModuleBuilder, name: string, row: FunctionBuilder): void {
  const i32 = ValType.i32;
  const f = mb.func(name, [i32, i32, i32, i32, i32, i32, i32], []);
  const [a, b, out, inner, rows, aStep, bStep] = [0, 1, 2, 3, 4, 5, 6];
  const r = f.local(i32);
  const outStep = f.local(i32);
  f.get(inner).i32(2).op('i32_shl').set(outStep);
  f.forLoop(r, () => f.i32(0), () => f.get(rows), 1, () => {
    f.get(a).get(b).get(out).get(inner).call(row);
    f.get(a).get(aStep).op('i32_add').set(a);
    f.get(b).get(bStep).op('i32_add').set(b);
    f.get(out).get(outStep).op('i32_add').set(out);
  });
}
