// TF1's tf.nn.embeddingLookup (embedding_ops._embedding_lookup_and_transform): a Gather for one
// params tensor; for a sharded list, DynamicPartition of the ids, one Gather per shard and a
// ParallelDynamicStitch, with TensorFlow's scopes, names and colocation.
import { ValueError } from '../core/errors.js';
import { TensorShape } from '../core/shape.js';
import { normalizeArgs } from '../ops/args.js';
import { applyOp, applyOp1, nameArg } from '../ops/builder.js';
import { currentContext } from '../ops/context.js';
import { concat } from '../ops/defs/array/concat.js';
import { constant } from '../ops/defs/array/const.js';
import { DynamicPartition, parallelDynamicStitch } from '../ops/defs/array/dynamic-partition.js';
import { gather } from '../ops/defs/array/gather.js';
import { getItem, sl } from '../ops/defs/array/get-item.js';
import { identity } from '../ops/defs/array/identity.js';
import { jsIndexType } from '../ops/defs/array/index-type.js';
import { stack } from '../ops/defs/array/pack.js';
import { Rank, range } from '../ops/defs/array/range.js';
import { reshape } from '../ops/defs/array/reshape.js';
import { shape } from '../ops/defs/array/shape.js';
import { size } from '../ops/defs/array/size.js';
import { FloorDiv, FloorMod, Maximum } from '../ops/defs/math/binary-math.js';
import { Sub } from '../ops/defs/math/binary.js';
import { Cast } from '../ops/defs/math/cast.js';
import { Less } from '../ops/defs/math/compare.js';
import { AddV2 } from '../ops/defs/math/binary.js';
import { Select } from '../ops/defs/math/select.js';
import { reduceSum } from '../ops/defs/math/sum.js';
import type { TensorInput } from '../ops/types.js';
import type { Tensor } from '../graph/tensor.js';
import { clipByNorm } from '../train/clip-ops.js';

/** `tf.nn.embeddingLookup`'s parameters by name. */
export interface EmbeddingLookupOptions {
  partitionStrategy?: 'mod' | 'div';
  name?: string;
  /** Ignored, as in TensorFlow. */
  validateIndices?: boolean;
  maxNorm?: TensorInput | null;
}

const colocated = <R>(t: Tensor, fn: () => R): R => t.graph._withColocation(t.op.colocationGroups(), fn);

/** TensorFlow's embedding_ops._clip: each embedding clipped to an l2 norm of `maxNorm`. */
function clip(params: Tensor, ids: Tensor, maxNorm: TensorInput | null | undefined): Tensor {
  if (maxNorm === null || maxNorm === undefined) return params;
  const [ir, pr] = [ids.shape.rank, params.shape.rank];
  // As TensorFlow: a rank of 0 (or unknown) is taken from the graph.
  const axes =
    ir && pr
      ? Array.from({ length: pr - ir }, (_, i) => ir + i)
      : range(ir ? ir : applyOp1(Rank, [ids], {}, 'Rank'), pr ? pr : applyOp1(Rank, [params], {}, 'Rank'));
  return clipByNorm(params, maxNorm, axes);
}

/**
 * `tf.nn.embeddingLookup(params, ids, partitionStrategy='mod', name, validateIndices, maxNorm)`:
 * rows of `params` (one tensor or variable, or a list of shards split by `'mod'` or `'div'`) at `ids`.
 */
export function embeddingLookup(
  params: TensorInput | readonly TensorInput[],
  ids: TensorInput,
  partitionStrategy?: 'mod' | 'div' | EmbeddingLookupOptions,
  name?: string | EmbeddingLookupOptions,
  validateIndices?: boolean | EmbeddingLookupOptions,
  maxNorm?: TensorInput | null | EmbeddingLookupOptions,
): Tensor;
export function embeddingLookup(...args: unknown[]): Tensor {
  const a = normalizeArgs('embeddingLookup', ['params', 'ids', 'partitionStrategy', 'name', 'validateIndices', 'maxNorm'], args);
  if (a.params === null || a.params === undefined) throw new ValueError('params must be specified');
  if (Array.isArray(a.params) && a.params.length === 0) throw new ValueError('Length of params is currently 0. Need at least one param.');
  const list = (Array.isArray(a.params) ? a.params : [a.params]) as TensorInput[];
  const strategy = (a.partitionStrategy ?? 'mod') as string;
  const maxNorm = a.maxNorm as TensorInput | null | undefined;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), 'embedding_lookup', [...list, a.ids], (scope) => {
    const params = list.map((p) => ctx.convertToTensor(p, undefined, undefined, 'params') as Tensor);
    const ids = ctx.convertToTensor(a.ids, jsIndexType([a.ids]), undefined, 'ids') as Tensor;
    const np = params.length;
    const p0 = params[0] as Tensor;
    if (np === 1) {
      const result = colocated(p0, () => clip(gather(p0, ids, { name: scope }) as Tensor, ids, maxNorm));
      return identity(result) as Tensor;
    }
    const flatIds = reshape(ids, [-1]) as Tensor;
    const originalIndices = range(size(flatIds, { outType: 'int32' }));
    let assignments: Tensor;
    let newIds: Tensor;
    if (strategy === 'mod') {
      assignments = applyOp1(FloorMod, [flatIds, np], {}, 'mod') as Tensor;
      newIds = applyOp1(FloorDiv, [flatIds, np], {}, 'floordiv') as Tensor;
    } else if (strategy === 'div') {
      const dims = params.map((p) => p.shape.dims?.[0] ?? null);
      let total: Tensor;
      if (dims.every((d) => d !== null)) {
        total = constant((dims as number[]).reduce((s, d) => s + d, 0), flatIds.dtype) as Tensor;
      } else {
        const sizes = params.map((p, i) => dims[i] ?? colocated(p, () => getItem(shape(p), 0)));
        const packed = stack(sizes) as Tensor;
        total = reduceSum(packed.dtype === flatIds.dtype ? packed : applyOp1(Cast, [packed], { DstT: flatIds.dtype }, 'Cast')) as Tensor;
      }
      const perPart = applyOp1(FloorDiv, [total, np], {}, 'floordiv');
      const extras = applyOp1(FloorMod, [total, np], {}, 'mod');
      const minusExtras = applyOp1(Sub, [flatIds, extras], {}, 'sub');
      const plusOne = applyOp1(AddV2, [perPart, 1], {}, 'add');
      assignments = applyOp1(
        Maximum,
        [applyOp1(FloorDiv, [flatIds, plusOne], {}, 'floordiv'), applyOp1(FloorDiv, [minusExtras, perPart], {}, 'floordiv')],
        {},
        'Maximum',
      ) as Tensor;
      newIds = applyOp1(
        Select,
        [
          applyOp1(Less, [assignments, extras], {}, 'Less'),
          applyOp1(FloorMod, [flatIds, applyOp1(AddV2, [perPart, 1], {}, 'add')], {}, 'mod'),
          applyOp1(FloorMod, [applyOp1(Sub, [flatIds, extras], {}, 'sub'), perPart], {}, 'mod'),
        ],
        {},
        'Select',
      ) as Tensor;
    } else {
      throw new ValueError(`Unrecognized partition strategy: ${strategy}.Must be one of either \`mod\` or \`div\`.`);
    }
    if (assignments.dtype !== 'int32') assignments = applyOp1(Cast, [assignments], { DstT: 'int32' }, 'Cast') as Tensor;
    const gatherIds = applyOp(DynamicPartition, [newIds, assignments], { num_partitions: np }) as Tensor[];
    const pindices = applyOp(DynamicPartition, [originalIndices, assignments], { num_partitions: np }) as Tensor[];
    const parts = params.map((p, i) => colocated(p, () => gather(p, gatherIds[i] as Tensor) as Tensor));
    let ret = parallelDynamicStitch(pindices, parts, scope) as Tensor;
    let element = new TensorShape(p0.shape.dims === null ? null : p0.shape.dims.slice(1));
    for (const p of params.slice(1)) element = element.mergeWith(p.shape.dims === null ? new TensorShape(null) : new TensorShape(p.shape.dims.slice(1)));
    const elementD: TensorInput = element.isFullyDefined() ? (element.dims as number[]) : colocated(p0, () => getItem(shape(p0), sl(1)));
    ret = reshape(ret, concat([shape(ids), elementD], 0)) as Tensor;
    ret.setShape(ids.shape.dims === null || element.dims === null ? new TensorShape(null) : new TensorShape([...ids.shape.dims, ...element.dims]));
    return clip(ret, ids, maxNorm);
  }) as Tensor;
}
