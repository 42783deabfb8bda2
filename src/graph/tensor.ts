import type { DType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { type ShapeLike, TensorShape } from '../core/shape.js';
import type { Graph } from './graph.js';
import type { Operation } from './operation.js';
import { type SessionLike, evalUsingDefaultSession } from './default-session.js';
import type { NDArray } from '../core/ndarray.js';

// Gives the ops layer's builders their return types (see ops/types.ts).
type GraphTensor = Tensor;
type GraphOperation = Operation;
declare module '../ops/types.js' {
  interface TensorKinds {
    graph: GraphTensor;
  }
  interface SymbolTypes {
    operation: GraphOperation;
  }
}

/** A symbolic output of an operation in a graph (TensorFlow's graph `Tensor`). */
export class Tensor {
  readonly op: Operation;
  readonly valueIndex: number;
  readonly dtype: DType;
  /** A reference to a mutable variable (`float32_ref`), as VariableV2 and Assign outputs are. */
  readonly isRef: boolean;
  private staticShape: TensorShape;
  /** `op_name:index`, e.g. `add:0` (fixed at creation: op names never change). */
  readonly name: string;
  /** @internal ops that consume this tensor, in creation order. */
  readonly _consumers: Operation[] = [];

  /** @internal created by Operation. */
  constructor(op: Operation, valueIndex: number, dtype: DType, shape: TensorShape, isRef: boolean) {
    this.op = op;
    this.valueIndex = valueIndex;
    this.dtype = dtype;
    this.staticShape = shape;
    this.isRef = isRef;
    this.name = `${op.name}:${valueIndex}`;
  }

  get graph(): Graph {
    return this.op.graph;
  }

  /** The static shape inferred at build time (unknown dims are null). */
  get shape(): TensorShape {
    return this.staticShape;
  }

  getShape(): TensorShape {
    return this.staticShape;
  }

  /** Refines the static shape (no op, no runtime check); ValueError when incompatible. */
  setShape(shape: ShapeLike): void {
    const merged = this.staticShape.mergeWith(TensorShape.from(shape));
    this.staticShape = merged;
  }

  /** Ops that use this tensor as a data input. */
  consumers(): Operation[] {
    return [...this._consumers];
  }

  /** Runs this tensor in `session` or the default session (TensorFlow's `Tensor.eval`); see `Session.run`. */
  eval(feedDict?: unknown, session?: SessionLike | null): NDArray {
    return evalUsingDefaultSession(this, feedDict, session, 'tensor') as NDArray;
  }

  /** The tensor's name as a feed/fetch key. */
  ref(): Tensor {
    return this;
  }

  toString(): string {
    // As TensorFlow's Tensor.__str__: the shape is left out when even the rank is unknown.
    const shape = this.staticShape.rank === null ? '' : `, shape=${this.staticShape.toString()}`;
    return `Tensor("${this.name}"${shape}, dtype=${this.dtype}${this.isRef ? '_ref' : ''})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * JS cannot overload operators: `t + 1` or `+t` would silently give a string or NaN, so they
   * throw (as TensorFlow refuses `bool(t)`). Text conversion (`String(t)`, `${t}`) works.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint !== 'string') {
      throw new TypeError(
        'A `tf.Tensor` has no value in graph mode until a session runs it, and JS operators (+, -, *, <, …) cannot be overloaded: ' +
          'use tf.add, tf.multiply, … to compute with it, sess.run() to get its value, and String(t) for its description.',
      );
    }
    return this.toString();
  }
}

export function assertTensorShapeKnown(t: Tensor): void {
  if (!t.shape.isFullyDefined()) throw new ValueError(`Tensor ${t.name} has partially known shape ${t.shape}`);
}
