import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import type { OpDef } from '../ops/opdef.js';
import { formatAttrValue } from '../ops/node-desc.js';
import type { AttrValue } from '../ops/types.js';
import { type CapturedStack, creationSiteOf } from './creation-site.js';
import { type SessionLike, evalUsingDefaultSession } from './default-session.js';
import type { Graph } from './graph.js';
import { nodeDefText } from './node-def-text.js';
import { Tensor } from './tensor.js';

/** A node of a graph: TensorFlow's `Operation`. */
export class Operation {
  readonly graph: Graph;
  /** Creation order within the graph, from 1. */
  readonly id: number;
  readonly name: string;
  readonly def: OpDef;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly attrs: Readonly<Record<string, AttrValue>>;
  /** The device string (placement is not modelled yet; always ''). */
  readonly device: string = '';
  private readonly _controlInputs: Operation[];
  /** The creation stack, captured unformatted: formatting every op's stack cost a third of graph building. */
  private captured: CapturedStack | undefined;
  private stackText: string | undefined | null = null;
  /** The `_class` colocation groups set when the op was created (null: none). */
  private readonly colocation: readonly string[] | null;
  private site: string | undefined | null = null;

  /** @internal created by Graph. */
  constructor(
    graph: Graph,
    id: number,
    name: string,
    def: OpDef,
    inputs: readonly Tensor[],
    attrs: Record<string, AttrValue>,
    outputShapes: readonly TensorShape[],
    controlInputs: readonly Operation[],
    stack: CapturedStack | string | undefined,
    colocation: readonly string[] | null = null,
  ) {
    this.colocation = colocation === null ? null : Object.freeze([...colocation]);
    this.graph = graph;
    this.id = id;
    this.name = name;
    this.def = def;
    this.inputs = Object.freeze([...inputs]);
    this.attrs = Object.freeze({ ...attrs });
    this._controlInputs = [...controlInputs];
    if (typeof stack === 'string') this.stackText = stack;
    else this.captured = stack;
    this.outputs = Object.freeze(
      def.outputs.flatMap((arg, i) => {
        const types = arg.typeListAttr ? (attrs[arg.typeListAttr] as readonly DType[]) : null;
        const count = types ? types.length : arg.numberAttr ? (attrs[arg.numberAttr] as number) : 1;
        return Array.from({ length: count }, (_, j) => {
          const dtype = (types ? types[j] : (arg.dtype ?? attrs[arg.typeAttr as string])) as DType;
          return { dtype, isRef: arg.isRef === true, i };
        });
      }).map((o, k) => new Tensor(this, k, o.dtype, outputShapes[k] as TensorShape, o.isRef)),
    );
    for (const t of inputs) t._consumers.push(this);
  }

  /** TensorFlow's `colocation_groups()`: its `loc:@` classes, else `loc:@<own name>`. */
  colocationGroups(): string[] {
    return this.colocation ? [...this.colocation] : [`loc:@${this.name}`];
  }

  /** @internal The `_class` attr value, or null when the op has none. */
  get _colocationClass(): readonly string[] | null {
    return this.colocation;
  }

  /** The op type, e.g. `MatMul`. */
  get type(): string {
    return this.def.type;
  }

  get controlInputs(): readonly Operation[] {
    return this._controlInputs;
  }

  /** Where the op was created (first stack frame outside tensorgraph), for error messages. */
  get creationSite(): string | undefined {
    if (this.site === null) this.site = creationSiteOf(this.traceback);
    return this.site;
  }

  /** The full JS stack at creation (formatted on first read). */
  get traceback(): string | undefined {
    if (this.stackText === null) {
      this.stackText = this.captured?.stack;
      this.captured = undefined;
    }
    return this.stackText;
  }

  /** An attr value by its TensorFlow name (`T`, `transpose_a`). */
  getAttr(name: string): AttrValue {
    if (!(name in this.attrs)) throw new ValueError(`Operation '${this.name}' has no attr named '${name}'.`);
    return this.attrs[name] as AttrValue;
  }

  /** Runs this op in `session` or the default session (returns nothing, as TensorFlow). */
  run(feedDict?: unknown, session?: SessionLike | null): void {
    evalUsingDefaultSession(this, feedDict, session, 'operation');
  }

  /** @internal TensorFlow's `_add_control_input`. */
  _addControlInput(op: Operation): void {
    this.graph._checkNotFinalized();
    if (!this._controlInputs.includes(op)) this._controlInputs.push(op);
  }

  /** How this op's inputs print in a NodeDef: `a`, `a:1`, `^c`. */
  nodeInputs(): string[] {
    return [
      ...this.inputs.map((t) => (t.valueIndex === 0 ? t.op.name : t.name)),
      ...this._controlInputs.map((c) => `^${c.name}`),
    ];
  }

  /** The NodeDef as a plain object (GraphDef JSON form). */
  get nodeDef(): { name: string; op: string; input: string[]; attr: Record<string, string> } {
    const attr: Record<string, string> = {};
    for (const k of Object.keys(this.attrs).sort()) {
      attr[k] = formatAttrValue(this.attrs[k] as AttrValue, this.def.attrs.find((a) => a.name === k));
    }
    return { name: this.name, op: this.type, input: this.nodeInputs(), attr };
  }

  /** The NodeDef in protobuf text format, as TensorFlow's `str(op)` / `print(op)`. */
  toString(): string {
    return nodeDefText(this);
  }

  /** The short form, TensorFlow's `repr(op)`: `<tf.Operation 'name' type=Type>`. */
  repr(): string {
    return `<tf.Operation '${this.name}' type=${this.type}>`;
  }

  /** `console.log(op)` prints the NodeDef, as Python's `print(op)`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return nodeDefText(this);
  }
}
