// TF1's global step (training/training_util.py).
import { isInteger } from '../core/dtypes.js';
import { KeyError, ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import { zeros } from '../ops/defs/array/zeros-ones.js';
import { getDefaultGraph, type Graph } from '../graph/graph.js';
import { GraphKeys } from '../graph/graph-keys.js';
import { Tensor } from '../graph/tensor.js';
import { getVariable } from '../graph/variable-scope.js';
import { Variable } from '../graph/variable.js';

/** `tf.train.assertGlobalStep(t)`: a Variable or Tensor, integer, scalar (or of unknown shape). */
export function assertGlobalStep(t: unknown): void {
  if (!(t instanceof Variable || t instanceof Tensor)) {
    throw new TypeError(`Existing "global_step" must be a Variable or Tensor: ${String(t)}.`);
  }
  if (!isInteger(t.dtype)) {
    throw new TypeError(`Existing "global_step" does not have integer type: <dtype: '${t.dtype}${t instanceof Variable ? '_ref' : ''}'>`);
  }
  const s = t.shape;
  if (s.rank !== 0 && s.isFullyDefined()) throw new TypeError(`Existing "global_step" is not scalar: ${s.toString()}`);
}

/**
 * `tf.train.getGlobalStep(graph?)`: the one variable in the GLOBAL_STEP collection, else the tensor
 * named `global_step:0`, else null.
 */
export function getGlobalStep(graph?: Graph | null): Variable | Tensor | null {
  const g = graph ?? getDefaultGraph();
  const found = g.getCollection<Variable | Tensor>(GraphKeys.GLOBAL_STEP);
  let step: Variable | Tensor;
  if (found.length === 1) step = found[0] as Variable | Tensor;
  else if (found.length === 0) {
    try {
      step = g.getTensorByName('global_step:0');
    } catch (e) {
      if (e instanceof KeyError || e instanceof ValueError) return null;
      throw e;
    }
    const v = g.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES).find((x) => x instanceof Variable && x._ref === step);
    if (v) step = v;
  } else {
    // TensorFlow logs "Multiple tensors in global_step collection." and returns None.
    return null;
  }
  assertGlobalStep(step);
  return step;
}

/**
 * `tf.train.createGlobalStep(graph?)`: an int64 scalar variable `global_step` initialized to 0,
 * not trainable, in GLOBAL_VARIABLES and GLOBAL_STEP, created at the root name scope.
 */
export function createGlobalStep(graph?: Graph | null): Variable {
  const g = graph ?? getDefaultGraph();
  if (getGlobalStep(g) !== null) throw new ValueError('"global_step" already exists.');
  return g.asDefault(() =>
    g.nameScope(null, () =>
      getVariable(GraphKeys.GLOBAL_STEP, [], 'int64', {
        initializer: { call: (shape: number[]) => zeros(shape, 'int64') as Tensor },
        trainable: false,
        collections: [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP],
      }),
    ),
  );
}

/** `tf.train.getOrCreateGlobalStep(graph?)`. */
export function getOrCreateGlobalStep(graph?: Graph | null): Variable | Tensor {
  const g = graph ?? getDefaultGraph();
  return getGlobalStep(g) ?? createGlobalStep(g);
}

/** `tf.train.globalStep(sess, globalStepTensor)`: the step's value as a number. */
export function globalStep(sess: { run(fetches: unknown): unknown }, globalStepTensor: Variable | Tensor): number {
  return Number((sess.run(globalStepTensor) as NDArray).item());
}
