import { FuncGraph } from '../graph/func-graph.js';
import type { Operation } from '../graph/operation.js';
import type { CompileRequest } from './compile.js';
import type { Plan } from './plan.js';

/** The function attrs of a control-flow op, in sub-plan order. */
export function functionAttrs(op: Operation): [string, string] {
  return op.def.control === 'if' ? ['then_branch', 'else_branch'] : ['cond', 'body'];
}

// Sub-plans depend only on the function, the backends and the passes: cached on the op.
const cache = new WeakMap<Operation, Map<string, Plan[]>>();

/**
 * The plans of a control-flow op's functions, compiled with the same compiler (feeds: the
 * function's inputs; fetches: its outputs). No targets: as in TensorFlow 1 (which lowers If and
 * While to Switch/Merge and prunes), an op of a branch that no output depends on does not run.
 * Cached on the op per backend.
 */
export function subPlans(op: Operation, req: CompileRequest, compile: (r: CompileRequest) => Plan): Plan[] {
  const key = `${req.backend.name}|${req.fallback.name}|${req.noPasses ? '-' : req.passes ? [...req.passes].sort().join(',') : '*'}`;
  let byKey = cache.get(op);
  if (!byKey) {
    byKey = new Map();
    cache.set(op, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const plans = functionAttrs(op).map((attr) => {
    const name = op.attrs[attr] as string;
    const fn = op.graph.getFunction(name);
    if (!(fn instanceof FuncGraph)) throw new Error(`internal: function ${name} of ${op.name} is not in the library`);
    const targets: Operation[] = [];
    return compile({
      graph: fn,
      feeds: fn.inputs,
      fetches: fn.outputs,
      targets,
      backend: req.backend,
      fallback: req.fallback,
      key: `function ${name}`,
      fedShapes: null,
      noPasses: req.noPasses,
      passes: req.passes,
    });
  });
  byKey.set(key, plans);
  return plans;
}
