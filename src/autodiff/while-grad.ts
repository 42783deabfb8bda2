// The gradient of `While` / `StatelessWhile` (TensorFlow's while_v2 `_WhileGrad`), by
// recomputation with a stack (docs/control-flow-gradients.md): a copy of the forward loop pushes
// each iteration's loop variables onto stacks (StackV2 / StackPushV2), then a backward loop runs
// as many iterations, pops them in reverse order, replays the body on them and differentiates it.
// Loop-invariant captures accumulate their gradient over the iterations.
import { toNDArray } from '../core/convert.js';
import { TensorShape } from '../core/shape.js';
import { checkRecomputable, copyFunctionBody } from '../graph/func-copy.js';
import { graphOp1 } from '../graph/graph-context.js';
import { getDefaultGraph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { whileLoop } from '../graph/while-loop.js';
import { Const } from '../ops/defs/array/const.js';
import { Identity } from '../ops/defs/array/identity.js';
import { ZerosLike } from '../ops/defs/array/like.js';
import { StackPopV2, StackPushV2, StackV2 } from '../ops/defs/control/stack.js';
import { AddV2 } from '../ops/defs/math/binary.js';
import { Less } from '../ops/defs/math/compare.js';
import type { Tensor as AnyTensor } from '../ops/types.js';
import { graphOperation, libraryFunction } from './cond-grad.js';
import { gradients } from './gradients.js';
import { isTrainable } from './graph-walk.js';

const int32 = (v: number, name: string): Tensor => graphOp1(Const, [], { value: toNDArray(v, 'int32'), dtype: 'int32' }, name);

/** The local placeholder of an outer tensor inside the function being traced. */
function local(t: Tensor): Tensor {
  const g = getDefaultGraph();
  return t.graph === g ? t : g._capture(t);
}

/** `_WhileGrad`: gradients of the loop variables' initial values and of the captured tensors. */
export function whileGrad(opView: unknown, dys: readonly (AnyTensor | null)[]): (AnyTensor | null)[] {
  const op = graphOperation(opView, 'While');
  const condFn = libraryFunction(op, 'cond');
  const bodyFn = libraryFunction(op, 'body');
  const ne = bodyFn.captures.length;
  const nv = op.inputs.length - 2 - ne;
  const vars = op.inputs.slice(2, 2 + nv);
  const extra = op.inputs.slice(2 + nv);
  const shapes = (op.attrs.output_shapes as readonly TensorShape[]).slice(0, 2 + nv);
  const fv = vars.map((_, k) => k).filter((k) => isTrainable(vars[k] as Tensor) && isTrainable(op.outputs[2 + k] as Tensor));
  const fe = extra.map((_, j) => j).filter((j) => isTrainable(extra[j] as Tensor));
  const result: (Tensor | null)[] = op.inputs.map(() => null);
  if (fv.length === 0) return result;
  const dy = (i: number): Tensor => (dys[i] as Tensor | null | undefined) ?? graphOp1(ZerosLike, [op.outputs[i] as Tensor], {}, 'zeros_like');

  // One stack per loop variable; the forward copy pushes each iteration's values.
  const handles = vars.map((v) => graphOp1(StackV2, [int32(-1, 'max_size')], { elem_type: v.dtype, stack_name: '' }, 'StackV2'));
  const forward = whileLoop(
    (...a: Tensor[]) => {
      const copy = copyFunctionBody(condFn, [...a, ...extra]);
      checkRecomputable(copy, copy.outputs, 'the tf.whileLoop condition');
      return copy.outputs[0];
    },
    (c: Tensor, m: Tensor, ...vs: Tensor[]) => {
      const pushes = vs.map((v, k) => graphOp1(StackPushV2, [local(handles[k] as Tensor), v], { swap_memory: false }, 'StackPushV2'));
      const copy = copyFunctionBody(bodyFn, [c, m, ...vs, ...extra]);
      const outs = copy.outputs.slice(0, 2 + nv);
      checkRecomputable(copy, outs, 'the tf.whileLoop body');
      return getDefaultGraph().controlDependencies(
        pushes.map((p) => p.op),
        () => outs.map((o) => graphOp1(Identity, [o], {}, 'Identity')),
      );
    },
    op.inputs.slice(0, 2 + nv),
    { shapeInvariants: shapes, name: 'forward', parallelIterations: op.attrs.parallel_iterations as number, returnSameStructure: true },
  ) as Tensor[];
  const n = forward[0] as Tensor;

  // The backward loop: [i, d(var) for the float vars, accumulated d(capture) for the float captures].
  const backward = whileLoop(
    (i: Tensor) => graphOp1(Less, [i, local(n)], {}, 'Less'),
    (i: Tensor, ...acc: Tensor[]) => {
      const dvs = acc.slice(0, fv.length);
      const des = acc.slice(fv.length);
      const pops = vars.map((v, k) => {
        const p = graphOp1(StackPopV2, [local(handles[k] as Tensor)], { elem_type: v.dtype }, 'StackPopV2');
        p.setShape(shapes[2 + k] as TensorShape);
        return p;
      });
      const ex = extra.map(local);
      const copy = copyFunctionBody(bodyFn, [i, i, ...pops, ...ex]);
      const ys = fv.map((k) => copy.outputs[2 + k] as Tensor);
      const xs = [...fv.map((k) => pops[k] as Tensor), ...fe.map((j) => ex[j] as Tensor)];
      const grads = gradients(ys, xs, dvs) as (Tensor | null)[];
      checkRecomputable(copy, grads.filter((t): t is Tensor => t !== null), 'the tf.whileLoop body');
      // The result depends on the forward values through the stacks, which tf.gradients cannot
      // see: a zero term on each initial value makes the dependency visible, so a gradient of this
      // gradient reaches this loop and is refused (func-copy.ts) instead of being silently null.
      const nextDv = fv.map((k, q) =>
        graphOp1(AddV2, [grads[q] ?? graphOp1(ZerosLike, [pops[k] as Tensor], {}, 'zeros_like'), graphOp1(ZerosLike, [local(vars[k] as Tensor)], {}, 'zeros_like')], {}, 'add'),
      );
      const nextDe = fe.map((_, q) => {
        const gq = grads[fv.length + q];
        return gq ? graphOp1(AddV2, [des[q] as Tensor, gq], {}, 'add') : graphOp1(Identity, [des[q] as Tensor], {}, 'Identity');
      });
      // Every pop runs, so the stacks end empty.
      const next = getDefaultGraph().controlDependencies(
        pops.map((p) => p.op),
        () => graphOp1(AddV2, [i, int32(1, 'one')], {}, 'add'),
      );
      return [next, ...nextDv, ...nextDe];
    },
    [int32(0, 'i'), ...fv.map((k) => dy(2 + k)), ...fe.map((j) => dy(2 + nv + j))],
    {
      shapeInvariants: [TensorShape.scalar(), ...fv.map((k) => shapes[2 + k] as TensorShape), ...fe.map((j) => (extra[j] as Tensor).shape)],
      name: 'backward',
      parallelIterations: op.attrs.parallel_iterations as number,
      returnSameStructure: true,
    },
  ) as Tensor[];
  fv.forEach((k, q) => {
    result[2 + k] = backward[1 + q] as Tensor;
  });
  fe.forEach((j, q) => {
    result[2 + nv + j] = backward[1 + fv.length + q] as Tensor;
  });
  return result;
}
