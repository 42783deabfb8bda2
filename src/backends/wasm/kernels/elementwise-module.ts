import { ModuleBuilder } from '../builder/index.js';
import { MAX_PAGES } from '../heap.js';
import { chainFunction, chainRowsFunction } from './chain.js';
import { BINARY, UNARY } from './ops.js';

/** The memory every kernel module imports: shared, any size up to 4 GiB. */
export const MEMORY_IMPORT = { initial: 1, maximum: MAX_PAGES, shared: true } as const;

/** A broadcast's two operands step by byte counts given per call (aStep, bStep). */
const STEPS = ['param', 'param'] as const;

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
    chainRowsFunction(mb, `${op}_vv_rows`, chainFunction(mb, `${op}_vv`, [{ op, operand: 1 }], [false, false]), STEPS);
    chainRowsFunction(mb, `${op}_vs_rows`, chainFunction(mb, `${op}_vs`, [{ op, operand: 1 }], [false, true]), STEPS);
    chainRowsFunction(mb, `${op}_sv_rows`, chainFunction(mb, `${op}_sv`, [{ op, operand: 1, reversed: true }], [false, true]), STEPS);
  }
  for (const op of Object.keys(UNARY)) chainFunction(mb, op, [{ op }], [false]);
  return mb;
}

