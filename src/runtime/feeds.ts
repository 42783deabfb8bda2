import { jsTypeName, pyRepr, toNDArray } from '../core/convert.js';
import { KeyError, ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import { byName } from '../compile/plan-cache.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { Variable } from '../graph/variable.js';
import { isOptionsObject } from '../ops/args.js';

/** A feed dictionary: a Map keyed by tensors or names, or an object keyed by tensor/op names. */
export type FeedDict = Map<unknown, unknown> | Record<string, unknown>;

export interface FeedEntry {
  readonly tensor: Tensor;
  readonly value: NDArray;
}

/** A feed key as a tensor of `graph`, with TensorFlow's TypeError when it is not one. */
export function resolveFeedKey(graph: Graph, key: unknown): Tensor {
  try {
    if (typeof key === 'string' && !key.includes(':')) {
      // `{ x: value }` names op x's first output (DESIGN §4); an op without outputs keeps TF's error.
      const op = graph.asGraphElement(key, false, true) as Operation;
      if (op.outputs.length > 0) return op.outputs[0] as Tensor;
    }
    const el = graph.asGraphElement(key, true, false);
    return el as Tensor;
  } catch (e) {
    if (e instanceof KeyError || e instanceof ValueError || e instanceof TypeError) {
      throw new TypeError(`Cannot interpret feed_dict key as Tensor: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Resolves and checks a feed dict as TensorFlow's `Session._run` does, in its order: the key is a
 * tensor of this graph; the value is not a tensor; it converts to the tensor's dtype (strictly:
 * no silent truncation); its shape is compatible with the static shape; the tensor is feedable.
 * Returns entries sorted by tensor name (the plan's canonical feed order).
 */
export function resolveFeeds(graph: Graph, feedDict: FeedDict | null | undefined): FeedEntry[] {
  if (feedDict === null || feedDict === undefined) return [];
  if (!(feedDict instanceof Map) && !isOptionsObject(feedDict)) {
    throw new TypeError(
      `feed_dict must be a Map (keys: tensors or names) or a plain object keyed by tensor names, got ${Array.isArray(feedDict) ? 'an array' : typeof feedDict === 'object' ? (feedDict as object).constructor?.name : typeof feedDict}`,
    );
  }
  const pairs: [unknown, unknown][] =
    feedDict instanceof Map ? [...feedDict.entries()] : Object.entries(feedDict as Record<string, unknown>);
  const seen = new Map<Tensor, FeedEntry>();
  for (const [key, value] of pairs) {
    const tensor = resolveFeedKey(graph, key);
    if (value instanceof Tensor || value instanceof Operation || value instanceof Variable) {
      throw new TypeError(
        `The value of a feed cannot be a tf.Tensor object. Acceptable feed values include JS numbers, booleans, strings, bigints, nested arrays, typed arrays and NDArrays. For reference, the tensor object was ${value instanceof Operation ? value.repr() : String(value)} which was passed to the feed with key ${String(key instanceof Tensor ? key : tensor)}.`,
      );
    }
    if (value === null || value === undefined) {
      throw new TypeError(`Cannot feed ${String(value)} to Tensor ${tensor.name}: a feed value must be a JS number, boolean, string, bigint, nested array, typed array or NDArray.`);
    }
    let arr: NDArray;
    try {
      arr = toNDArray(value, tensor.dtype);
    } catch (e) {
      if (e instanceof TypeError) {
        const detail = (e as Error).message;
        throw new TypeError(
          `Type of feed value ${pyRepr(value)} with type ${jsTypeName(value)} is not compatible with Tensor type ${tensor.dtype}. ${detail} Try explicitly setting the type of the feed tensor to a larger type (e.g. int64), or convert the value first.`,
        );
      }
      throw e;
    }
    if (!tensor.shape.isCompatibleWith(arr.shape)) {
      throw new ValueError(
        `Cannot feed value of shape (${arr.shape.join(', ')}${arr.shape.length === 1 ? ',' : ''}) for Tensor ${tensor.name}, which has shape ${tensor.shape.toString()}`,
      );
    }
    if (!graph.isFeedable(tensor)) throw new ValueError(`Tensor ${tensor.name} may not be fed.`);
    seen.set(tensor, { tensor, value: arr });
  }
  const entries = [...seen.values()];
  if (entries.length < 2) return entries;
  const order = byName(entries.map((e) => e.tensor));
  return order.map((t) => seen.get(t) as FeedEntry);
}
