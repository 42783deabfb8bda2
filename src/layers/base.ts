// TF1's tf.layers.Layer (tensorflow/python/layers/base.py over the Keras v1 base layer) in graph
// mode: a layer owns a variable scope (`dense`, `dense_1`, … made unique per graph), creates its
// weights with get_variable under it, and calls its ops in the scope's original name scope, so
// a second call reuses the variables and names its ops `dense/MatMul_1`.
import type { DType, DTypeLike } from '../core/dtypes.js';
import { toDType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';
import { getDefaultGraph, type Graph } from '../graph/graph.js';
import { convertToTensor } from '../graph/graph-context.js';
import { GraphKeys } from '../graph/graph-keys.js';
import type { Tensor } from '../ops/types.js';
import type { Variable } from '../graph/variable.js';
import {
  getVariable,
  type InitializerArg,
  type Regularizer,
  type Reuse,
  VariableScope,
  variableScope,
} from '../graph/variable-scope.js';
import { cast } from '../ops/defs/math/cast.js';
import { realdiv } from '../ops/defs/math/binary.js';
import { shape as shapeOf } from '../ops/defs/array/shape.js';
import { getItem } from '../ops/defs/array/get-item.js';

/** A regularizer of a layer's output: `(activations) => loss`. */
export type ActivityRegularizer = (t: Tensor) => Tensor | null | undefined;

/** Options every TF1 layer takes. */
export interface LayerOptions {
  trainable?: boolean;
  name?: string | null;
  dtype?: DTypeLike | null;
  activityRegularizer?: ActivityRegularizer | null;
  /** TF1 `_reuse`: reuse the variables of a layer of the same name. */
  reuse?: Reuse;
}

/** Options of `addWeight`. */
export interface AddWeightOptions {
  shape: readonly number[];
  dtype?: DType;
  initializer?: InitializerArg | null;
  regularizer?: Regularizer | null;
  trainable?: boolean;
  constraint?: unknown;
}

/** Keras' per-graph layer-name uids (`backend.unique_object_name`, zero based). */
const layerNameUids = new WeakMap<Graph, Map<string, number>>();
function uniqueLayerName(g: Graph, base: string): string {
  let m = layerNameUids.get(g);
  if (!m) {
    m = new Map();
    layerNameUids.set(g, m);
  }
  const n = m.get(base) ?? 0;
  m.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** TensorFlow's `to_snake_case` of a class name (`MaxPooling2D` → `max_pooling2d`). */
export function toSnakeCase(name: string): string {
  const s = name.replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s.startsWith('_') ? `private${s}` : s;
}

/** The base of the TF1 layers: scope handling, weights, losses and updates. */
export abstract class Layer {
  readonly trainable: boolean;
  readonly name: string;
  readonly dtype: DType | null;
  built = false;
  /** The layer's own variables, in creation order. */
  protected readonly trainableWeights: Variable[] = [];
  protected readonly nonTrainableWeights: Variable[] = [];
  /** Update ops (moving averages) and losses (regularization) added by calls. */
  readonly updates: Tensor[] = [];
  readonly losses: Tensor[] = [];
  protected readonly activityRegularizer: ActivityRegularizer | null;
  private readonly baseName: string;
  private readonly reuse: Reuse;
  private readonly named: boolean;
  private scope: VariableScope | null = null;
  private graph: Graph | null = null;

  constructor(className: string, o: LayerOptions = {}) {
    this.trainable = o.trainable ?? true;
    this.dtype = o.dtype === undefined || o.dtype === null ? null : toDType(o.dtype);
    this.activityRegularizer = o.activityRegularizer ?? null;
    this.reuse = o.reuse ?? null;
    this.named = Boolean(o.name);
    if (o.name) {
      this.name = o.name;
      this.baseName = o.name;
    } else {
      this.baseName = toSnakeCase(className);
      this.name = uniqueLayerName(getDefaultGraph(), this.baseName);
    }
  }

  /** The variables this layer created or reused: trainable ones first, as Keras lists them. */
  get variables(): Variable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }
  get weights(): Variable[] {
    return this.variables;
  }
  get trainableVariables(): Variable[] {
    return this.trainable ? [...this.trainableWeights] : [];
  }
  get nonTrainableVariables(): Variable[] {
    return this.trainable ? [...this.nonTrainableWeights] : [...this.trainableWeights, ...this.nonTrainableWeights];
  }
  /** The variable scope of the first call (null before it). */
  get variableScope(): VariableScope | null {
    return this.scope;
  }

  /** Creates the weights for an input shape (Keras `build`). */
  protected build(_inputShape: TensorShape): void {}
  /** The layer's computation (Keras `call`), inside its name scope. */
  protected abstract call(inputs: Tensor, training?: unknown): Tensor;

  /** `layer.apply(inputs, training?)` (= calling the layer). */
  apply(inputs: unknown, training?: unknown): Tensor {
    const g = getDefaultGraph();
    if (this.graph !== null && this.graph !== g) {
      throw new ValueError(`Layer ${this.name} was first called in another graph; a TF1 layer belongs to one graph.`);
    }
    this.graph = g;
    this.setScope();
    const scope = this.scope as VariableScope;
    const reuse: Reuse = this.built ? true : this.reuse;
    const nUpdates = this.updates.length;
    const out = variableScope(scope, { reuse, auxiliaryNameScope: false }, () =>
      g.nameScope(scope.originalNameScope, () => {
        const x = convertToTensor(inputs);
        if (!this.built) {
          this.build(x.shape);
          this.built = true;
        }
        const y = this.call(x, training);
        if (this.activityRegularizer) this.handleActivityRegularization(y);
        return y;
      }),
    );
    for (const u of this.updates.slice(nUpdates)) g.addToCollection(GraphKeys.UPDATE_OPS, u);
    return out;
  }

  /** `layer.call(...)` is protected; `layer(inputs)` in Python is `apply` here. */
  callLayer(inputs: unknown, training?: unknown): Tensor {
    return this.apply(inputs, training);
  }

  private setScope(): void {
    if (this.scope !== null) return;
    // As TF1 does: a named or reusing layer enters its name (a second layer of that name without
    // reuse then fails in getVariable); an unnamed one gets a unique default name.
    this.scope = this.reuse || this.named
      ? variableScope(this.baseName, (s) => s)
      : variableScope(null, { defaultName: this.baseName }, (s) => s);
  }

  /** Keras' activity regularization: the loss of the output divided by the batch size. */
  private handleActivityRegularization(y: Tensor): void {
    getDefaultGraph().nameScope('ActivityRegularizer', () => {
      const loss = (this.activityRegularizer as ActivityRegularizer)(y);
      if (loss === null || loss === undefined) return;
      const batch = cast(getItem(shapeOf(y), 0), loss.dtype);
      this.addLoss(realdiv(loss, batch, 'truediv'));
    });
  }

  /** Adds a regularization loss (also to the graph's REGULARIZATION_LOSSES, as TF1 layers do). */
  protected addLoss(loss: Tensor): void {
    this.losses.push(loss);
    getDefaultGraph().addToCollection(GraphKeys.REGULARIZATION_LOSSES, loss);
  }

  /** Adds an update op (collected into UPDATE_OPS when the call returns). */
  protected addUpdate(update: Tensor): void {
    this.updates.push(update);
  }

  /**
   * `add_weight` (TF1 base.Layer): getVariable in the layer's variable scope and name scope; a
   * regularizer runs only for a variable this call created (not one reused).
   */
  protected addWeight(name: string, o: AddWeightOptions): Variable {
    const g = getDefaultGraph();
    const scope = this.scope as VariableScope;
    const reuse: Reuse = this.built || this.reuse === true ? true : this.reuse;
    const trainable = (o.trainable ?? true) && this.trainable;
    const existing = new Set(g.getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES));
    const v = variableScope(scope, { reuse, auxiliaryNameScope: false }, () =>
      g.nameScope(scope.originalNameScope, () =>
        getVariable(name, {
          shape: [...o.shape],
          dtype: o.dtype ?? this.dtype ?? 'float32',
          initializer: o.initializer ?? null,
          trainable,
          constraint: o.constraint ?? null,
        }),
      ),
    );
    if (o.regularizer && !existing.has(v)) {
      const loss = g.nameScope(`${name}/Regularizer`, () => (o.regularizer as Regularizer)(v));
      if (loss !== null && loss !== undefined) this.addLoss(loss);
    }
    (trainable ? this.trainableWeights : this.nonTrainableWeights).push(v);
    return v;
  }
}

/** A layer's dtype or the input's. */
export function layerDType(layer: Layer, x: Tensor): DType {
  return layer.dtype ?? x.dtype;
}
export { VariableScope };
