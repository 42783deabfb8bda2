import type { NDArray } from '../core/ndarray.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { Variable } from '../graph/variable.js';

/**
 * What `sess.run(fetches)` returns for a fetch structure: tensors, variables and tensor names give
 * NDArrays, ops give null, an op-or-tensor name gives either; arrays and objects keep their shape.
 */
export type FetchResult<F> = F extends Tensor | Variable | `${string}:${number}`
  ? NDArray
  : F extends Operation
    ? null
    : F extends string
      ? NDArray | null
      : F extends readonly unknown[]
        ? { -readonly [K in keyof F]: FetchResult<F[K]> }
        : F extends object
          ? { -readonly [K in keyof F]: FetchResult<F[K]> }
          : never;
