// `tf.case` (TensorFlow 1's control_flow_case.case): nested tf.conds, built as TensorFlow's
// `_case_helper` builds them, with its exclusivity and default-action asserts.
import { ValueError } from '../core/errors.js';
import { normalizeArgs } from '../ops/args.js';
import { stack } from '../ops/defs/array/pack.js';
import { Assert_ } from '../ops/defs/control/assert.js';
import { cast } from '../ops/defs/math/cast.js';
import { equal, lessEqual } from '../ops/defs/math/compare-more.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import { constant } from '../ops/defs/array/const.js';
import { annotateBuildError } from './build-site.js';
import { cond } from './cond.js';
import { getDefaultGraph } from './graph.js';
import { graphOfInputs } from './graph-context.js';
import type { Operation } from './operation.js';
import { Tensor } from './tensor.js';

type Action = () => unknown;

/** `tf.case`'s optional parameters by name. */
export interface CaseOptions {
  default?: Action | null;
  exclusive?: boolean;
  strict?: boolean;
  name?: string;
}

const pyRepr = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : v instanceof Tensor ? v.toString() : String(v));

/** An entry as Python prints a tuple: `(a, b)`, `(a,)`. */
const tupleRepr = (v: unknown): string => (Array.isArray(v) ? `(${v.map(pyRepr).join(', ')}${v.length === 1 ? ',' : ''})` : pyRepr(v));

/** TensorFlow's `_case_verify_and_canonicalize_args`: `[pred, fn]` pairs (an array, or a Map in order). */
function canonicalize(pairs: unknown): [Tensor[], Action[]] {
  let list: unknown[];
  if (pairs instanceof Map) list = [...pairs.entries()];
  else if (Array.isArray(pairs)) list = pairs;
  else throw new TypeError(`'pred_fn_pairs' must be a list, tuple, or dict. Received: <class '${pairs === null || pairs === undefined ? 'NoneType' : typeof pairs}'>`);
  const preds: Tensor[] = [];
  const fns: Action[] = [];
  for (const pair of list) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(`Each entry in 'pred_fn_pairs' must be a 2-tuple. Received ${tupleRepr(pair)}.`);
    }
    const [pred, fn] = pair as [unknown, unknown];
    if (!(pred instanceof Tensor)) throw new TypeError(`pred must be a Tensor, got: ${pyRepr(pred)}`);
    if (pred.dtype !== 'bool') throw new TypeError(`pred must be Tensor of type bool: ${pred.name}`);
    if (typeof fn !== 'function') throw new TypeError(`fn for pred ${pred.name} must be callable.`);
    preds.push(pred);
    fns.push(fn as Action);
  }
  if (preds.length === 0) throw new ValueError('not enough values to unpack (expected 2, got 0)');
  return [preds, fns];
}

/** TensorFlow's `_assert_at_most_n_true`: an Assert that at most `n` of `preds` are true. */
function assertAtMostNTrue(preds: readonly Tensor[], n: number, msg: string): Operation {
  const predsC = stack(preds, { name: 'preds_c' });
  const numTrue = reduceSum(cast(predsC, 'int32'), { name: 'num_true_conds' });
  const condition = lessEqual(numTrue, constant(n, { name: 'n_true_conds', dtype: 'int32' }));
  const names = preds.map((p) => p.name).join(', ');
  return Assert_(condition, [`${msg}: more than ${n} conditions (${names}) evaluated as True:`, predsC], { summarize: preds.length }) as unknown as Operation;
}

/**
 * `tf.case(predFnPairs, default, exclusive, strict, name)` (TF1): the result of the first pair
 * whose predicate is true, else of `default`, as nested `tf.cond`s built in reverse (so the
 * predicates are tested in order). Without `default` the last pair's function is the default,
 * behind Asserts that its predicate is true and no other is. `exclusive` adds an Assert that at
 * most one predicate is true.
 */
export function case_(predFnPairs: unknown, defaultFn?: Action | null | CaseOptions, exclusive?: boolean | CaseOptions, strict?: boolean | CaseOptions, name?: string | CaseOptions): unknown;
export function case_(...args: unknown[]): unknown {
  const a = normalizeArgs('case', ['predFnPairs', 'default', 'exclusive', 'strict', 'name'], args);
  try {
    let [preds, fns] = canonicalize(a.predFnPairs);
    const g = graphOfInputs(preds);
    const exclusive = a.exclusive === true;
    const strict = a.strict === true;
    return g.asDefault(() =>
      g.nameScope((a.name as string | undefined) || 'case', () => {
        let fn: Action;
        if (a.default === null || a.default === undefined) {
          const k = preds.length - 1;
          const allPreds = preds;
          const predicate = preds[k] as Tensor;
          const action = fns[k] as Action;
          preds = preds.slice(0, k);
          fns = fns.slice(0, k);
          const others = preds;
          fn = () => {
            const othersMsg = `Implementation error: selected default action #${k} was called, but some of other predicates are True: `;
            const deps: Operation[] = [];
            if (others.length > 0) deps.push(assertAtMostNTrue(others, 0, othersMsg));
            deps.push(Assert_(predicate, ['Input error: None of conditions evaluated as True:', stack(allPreds, { name: 'preds_c' })]) as unknown as Operation);
            return getDefaultGraph().controlDependencies(deps, action);
          };
        } else {
          if (typeof a.default !== 'function') throw new TypeError('default must be callable.');
          fn = a.default as Action;
        }
        for (let i = preds.length - 1; i >= 0; i--) {
          const p = preds[i] as Tensor;
          const t = fns[i] as Action;
          const f = fn;
          fn = () => cond(p, t, f, strict);
        }
        if (exclusive && preds.length > 0) {
          const assert = assertAtMostNTrue(preds, 1, 'Input error: exclusive=True');
          return g.controlDependencies([assert], fn);
        }
        return fn();
      }),
    );
  } catch (e) {
    throw annotateBuildError(e);
  }
}

/** `tf.switchCase`'s optional parameters by name. */
export interface SwitchCaseOptions {
  default?: Action | null;
  name?: string;
}

/** TensorFlow's `_indexed_case_verify_and_canonicalize_args`: the branch functions in index order, then `default`. */
function indexedActions(branchIndex: unknown, branchFns: unknown, defaultFn: unknown): Action[] {
  if (!(branchIndex instanceof Tensor)) throw new TypeError(`'branch_index' must be a Tensor, got <class '${typeof branchIndex}'>`);
  if (!/^u?int/.test(branchIndex.dtype)) throw new TypeError(`'branch_index' must be an integer Tensor, got <dtype: '${branchIndex.dtype}'>`);
  const entries: unknown[] =
    branchFns instanceof Map ? [...branchFns.entries()] : Array.isArray(branchFns) ? branchFns : branchFns === null || branchFns === undefined ? [] : [branchFns];
  if (entries.length === 0) throw new ValueError("Must provide at least one item in 'branch_fns'");
  if (!(branchFns instanceof Map) && !Array.isArray(branchFns)) throw new TypeError("'branch_fns' must be a list, tuple, or dict");
  const pairs = entries.every((f) => typeof f === 'function') ? entries.map((f, i) => [i, f]) : entries;
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`Each entry in 'branch_fns' must be a 2-tuple. Received ${tupleRepr(pair)}.`);
    const [key, fn] = pair as [unknown, unknown];
    if (typeof key !== 'number' || !Number.isInteger(key)) throw new TypeError(`key must be a Python \`int\`, got <class '${typeof key}'>`);
    if (typeof fn !== 'function') throw new TypeError(`fn for key ${key} must be callable.`);
  }
  const keyed = pairs as [number, Action][];
  const keys = keyed.map((p) => p[0]);
  if (Math.min(...keys) < 0 || Math.max(...keys) >= keys.length || new Set(keys).size !== keys.length) {
    throw new ValueError(`branch indices (keys) must form contiguous range of [0 to ${keys.length}) but found {${[...keys].sort((a, b) => a - b).join(',')}}`);
  }
  const actions = [...keyed].sort((a, b) => a[0] - b[0]).map((p) => p[1]);
  if (defaultFn !== null && defaultFn !== undefined) {
    if (typeof defaultFn !== 'function') throw new TypeError('default must be callable.');
    actions.push(defaultFn as Action);
  }
  return actions;
}

/**
 * `tf.switchCase(branchIndex, branchFns, default, name)`: the result of `branchFns[branchIndex]`,
 * or of the last function (`default` when given) for an index out of range, as TensorFlow's `Case`
 * op behaves. Built as nested `tf.cond`s on `branchIndex == i` (see docs/compatibility.md).
 */
export function switchCase(branchIndex: unknown, branchFns: unknown, defaultFn?: Action | null | SwitchCaseOptions, name?: string | SwitchCaseOptions): unknown;
export function switchCase(...args: unknown[]): unknown {
  const a = normalizeArgs('switchCase', ['branchIndex', 'branchFns', 'default', 'name'], args);
  try {
    const actions = indexedActions(a.branchIndex, a.branchFns, a.default);
    const index = a.branchIndex as Tensor;
    const g = graphOfInputs([index]);
    return g.asDefault(() =>
      g.nameScope((a.name as string | undefined) || 'switch_case', () => {
        let fn = actions[actions.length - 1] as Action;
        for (let i = actions.length - 2; i >= 0; i--) {
          const t = actions[i] as Action;
          const f = fn;
          fn = () => cond(equal(index, constant(i, { dtype: index.dtype })), t, f);
        }
        return fn();
      }),
    );
  } catch (e) {
    throw annotateBuildError(e);
  }
}
