import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import type { OpDef } from '../ops/opdef.js';
import { getOpDef } from '../ops/registry.js';
import { Graph } from './graph.js';
import { convertToTensor } from './graph-context.js';
import { Tensor } from './tensor.js';

/** A Placeholder whose output is a ref: a captured variable's cell passed into a function. */
let refPlaceholder: OpDef | null = null;
function refPlaceholderDef(): OpDef {
  if (!refPlaceholder) {
    const p = getOpDef('Placeholder') as OpDef;
    refPlaceholder = { ...p, outputs: [{ ...(p.outputs[0] as OpDef['outputs'][number]), isRef: true }] };
  }
  return refPlaceholder;
}

let uid = 0;

/**
 * A function's name in the library: TensorFlow's `unique_fn_name(scope, name)`, the name scope
 * and name with a global counter, `/` replaced by `_` (`cond/` + `true` → `cond_true_3`).
 */
export function uniqueFunctionName(scope: string, name: string): string {
  return `${scope}${name}_${++uid}`.replace(/\//g, '_');
}

/**
 * A graph traced from a JS function (TensorFlow's FuncGraph): its inputs are Placeholder args,
 * then one Placeholder per captured tensor of an enclosing graph (in capture order, as TF's
 * `captures`); its outputs are the function's results. Ops built while it is the default graph
 * belong to it, so they run only when the function runs.
 */
export class FuncGraph extends Graph {
  readonly args: Tensor[] = [];
  /** (outer tensor, inner placeholder) pairs, in capture order. */
  readonly captures: [Tensor, Tensor][] = [];
  outputs: Tensor[] = [];
  private readonly byOuter = new Map<Tensor, Tensor>();

  constructor(
    readonly name: string,
    private readonly outer: Graph,
  ) {
    super();
    this.seed = outer.seed;
  }

  override get outerGraph(): Graph {
    return this.outer;
  }

  /** The function's inputs: its args, then the captured tensors' placeholders. */
  get inputs(): Tensor[] {
    return [...this.args, ...this.captures.map((c) => c[1])];
  }

  /** The outer tensors the caller passes for the captures. */
  get capturedInputs(): Tensor[] {
    return this.captures.map((c) => c[0]);
  }

  /** Adds an argument placeholder. */
  addArg(dtype: DType, shape: TensorShape, name: string): Tensor {
    const t = this.placeholder(dtype, shape, name, false);
    this.args.push(t);
    return t;
  }

  override _capture(t: Tensor): Tensor {
    if (t.graph === this) return t;
    if (!this._encloses(t.graph)) throw new ValueError(`Tensor ${t.toString()} must be from the same graph as ${this.toString()}.`);
    const src = t.graph === this.outer ? t : this.outer._capture(t);
    let inner = this.byOuter.get(src);
    if (!inner) {
      inner = this.placeholder(src.dtype, src.shape, src.op.name, src.isRef);
      this.byOuter.set(src, inner);
      this.captures.push([src, inner]);
    }
    return inner;
  }

  /** Captures every tensor of `order` (of the outer graph) and puts the captures in that order. */
  orderCaptures(order: readonly Tensor[]): void {
    for (const t of order) this._capture(t);
    const inner = new Map(this.captures);
    this.captures.splice(0, this.captures.length, ...order.map((t): [Tensor, Tensor] => [t, inner.get(t) as Tensor]));
  }

  /** Whether any op of the function (or of a function it calls) is stateful: If vs StatelessIf. */
  get hasStatefulOps(): boolean {
    return this.getOperations().some((op) => op.def.stateful === true || op.def.random === true || op.def.sideEffect === true);
  }

  /** Converts the traced function's results into the function's outputs (captures outer tensors). */
  setOutputs(values: readonly unknown[]): Tensor[] {
    this.outputs = this.asDefault(() =>
      values.map((v) => {
        const t = v instanceof Tensor ? v : convertToTensor(v);
        return t.graph === this ? t : this._capture(t);
      }),
    );
    return this.outputs;
  }

  private placeholder(dtype: DType, shape: TensorShape, name: string, isRef: boolean): Tensor {
    const def = isRef ? refPlaceholderDef() : (getOpDef('Placeholder') as OpDef);
    // Placeholders are the function's inputs: never under the block's control dependencies.
    return this.controlDependencies(null, () => {
      const op = this._addOp(this._opName(name.replace(/^.*\//, ''), 'Placeholder'), def, [], { dtype, shape }, [shape]);
      return op.outputs[0] as Tensor;
    });
  }

  override toString(): string {
    return `<FuncGraph ${this.name}>`;
  }
}
