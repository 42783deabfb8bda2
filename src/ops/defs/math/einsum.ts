// Einsum for equations without ellipsis or repeated labels in one operand (matmul, batch matmul,
// transposes, outer products, contractions such as 'bi,bi->b' or 'bhqd,bhkd->bhqk'), one or two
// operands; other forms raise an error naming the equation. The gradient is itself an Einsum.
import { ValueError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import { TensorShape } from '../../../core/shape.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { GradFn, OpDef } from '../../opdef.js';
import { registerOp } from '../../registry.js';
import type { Tensor, TensorInput } from '../../types.js';
import { Const } from '../array/const.js';
import { ZerosLike } from '../array/like.js';
import { Reshape } from '../array/reshape.js';
import { Shape } from '../array/shape.js';
import { ALL } from '../dtype-sets.js';
import { AddV2, Mul } from './binary.js';

/** A parsed equation: each input's labels and the output's. */
export interface EinsumSpec {
  readonly inputs: readonly string[];
  readonly output: string;
}

/**
 * Parses (and resolves, as TensorFlow does: spaces dropped, the implicit output of an equation
 * without `->` is the labels used once, sorted) an equation; throws ValueError for forms this
 * implementation does not support.
 */
export function parseEinsum(equation: string): EinsumSpec & { readonly resolved: string } {
  const eq = equation.replace(/\s+/g, '');
  const unsupported = (why: string) => new ValueError(`Einsum equation '${equation}' is not supported by tensorgraph (${why}).`);
  if (eq.includes('.')) throw unsupported('ellipsis');
  const arrow = eq.indexOf('->');
  const lhs = arrow < 0 ? eq : eq.slice(0, arrow);
  const inputs = lhs.split(',');
  for (const s of inputs) {
    if (!/^[a-zA-Z]*$/.test(s)) throw new ValueError(`Invalid einsum equation: '${equation}'`);
    if (new Set(s).size !== s.length) throw unsupported(`a label repeated within the operand '${s}'`);
  }
  let output: string;
  if (arrow < 0) {
    const count = new Map<string, number>();
    for (const c of inputs.join('')) count.set(c, (count.get(c) ?? 0) + 1);
    output = [...count].filter(([, n]) => n === 1).map(([c]) => c).sort().join('');
  } else {
    output = eq.slice(arrow + 2);
    if (!/^[a-zA-Z]*$/.test(output)) throw new ValueError(`Invalid einsum equation: '${equation}'`);
    if (new Set(output).size !== output.length) throw unsupported(`a label repeated in the output '${output}'`);
    for (const c of output) {
      if (!inputs.some((s) => s.includes(c))) throw new ValueError(`Output subscripts contain the label ${c} not present in the input subscripts.`);
    }
  }
  if (inputs.length > 2) throw unsupported('more than two operands');
  return { inputs, output, resolved: `${inputs.join(',')}->${output}` };
}

const i32 = (v: number[]) => applyOp1(Const, [], { value: new NDArray('int32', [v.length], Int32Array.from(v)), dtype: 'int32' });

/**
 * d/d(input k): an Einsum of dy with the other operand onto input k's labels that appear there;
 * labels input k sums away alone are put back by broadcasting (reshape to 1 there, add zeros).
 */
const grad: GradFn = (op, [dy]) => {
  const n = op.inputs.length;
  if (!dy) return new Array(n).fill(null);
  const spec = parseEinsum(op.attrs.equation as string);
  return op.inputs.map((x, k) => {
    const own = spec.inputs[k] as string;
    const other = n === 2 ? (spec.inputs[1 - k] as string) : '';
    const avail = spec.output + other;
    const kept = [...own].filter((c) => avail.includes(c)).join('');
    const operands = n === 2 ? [dy, op.inputs[1 - k] as Tensor] : [dy];
    const eq = `${[spec.output, ...(n === 2 ? [other] : [])].join(',')}->${kept}`;
    let g = applyOp1(Einsum, [operands], { equation: eq });
    if (kept.length === own.length) return g;
    const mask = [...own].map((c) => (kept.includes(c) ? 1 : 0));
    const shape = applyOp1(AddV2, [applyOp1(Mul, [applyOp1(Shape, [x], {}), i32(mask)], {}), i32(mask.map((m) => 1 - m))], {});
    g = applyOp1(Reshape, [g, shape], {});
    return applyOp1(AddV2, [g, applyOp1(ZerosLike, [x], {})], {});
  });
};

export const Einsum: OpDef = registerOp({
  type: 'Einsum',
  grad,
  inputs: [{ name: 'inputs', typeAttr: 'T', numberAttr: 'N' }],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'equation', type: 'string' },
    { name: 'N', type: 'int' },
    { name: 'T', type: 'type', allowed: ALL },
  ],
  shape: (ctx) => {
    const equation = ctx.attr<string>('equation');
    const spec: EinsumSpec = (() => {
      try {
        return parseEinsum(equation);
      } catch (e) {
        return ctx.fail((e as Error).message);
      }
    })();
    if (spec.inputs.length !== ctx.numInputs) ctx.fail(`Expecting ${spec.inputs.length} inputs for equation ${equation}, got ${ctx.numInputs}`);
    const size = new Map<string, number | null>();
    spec.inputs.forEach((labels, i) => {
      const s = ctx.inputShape(i);
      if (s.dims === null) return;
      if (s.dims.length !== labels.length) {
        ctx.fail(`Shape must be rank ${labels.length} but is rank ${s.dims.length}\n\t for ${i}th input and equation: ${equation}`);
      }
      [...labels].forEach((c, j) => {
        const d = s.dims?.[j] ?? null;
        const prev = size.get(c) ?? null;
        if (prev !== null && d !== null && prev !== d) ctx.fail(`Dimensions must be equal, but are ${prev} and ${d}`);
        if (prev === null) size.set(c, d);
      });
    });
    return [new TensorShape([...spec.output].map((c) => size.get(c) ?? null))];
  },
});

/** `tf.einsum(equation, ...inputs, name?)`'s options. */
export interface EinsumOptions {
  name?: string;
}

/**
 * `tf.einsum(equation, ...inputs)`: an Einsum op named `einsum/Einsum` (TensorFlow's scope), its
 * equation resolved (spaces dropped, implicit output made explicit). A trailing options object
 * may give `name`.
 */
export function einsum(equation: string, ...inputs: (TensorInput | EinsumOptions)[]): Tensor {
  const last = inputs[inputs.length - 1];
  const opts = last !== null && typeof last === 'object' && !Array.isArray(last) && !ArrayBuffer.isView(last) && Object.getPrototypeOf(last) === Object.prototype ? (inputs.pop() as EinsumOptions) : {};
  const a = normalizeArgs('einsum', ['name'], [opts]);
  const spec = parseEinsum(equation);
  if (spec.inputs.length !== inputs.length) {
    throw new ValueError(`Got ${inputs.length} inputs for equation "${equation}", expecting ${spec.inputs.length}`);
  }
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'einsum', inputs, () => applyOp1(Einsum, [inputs], { equation: spec.resolved }));
}
