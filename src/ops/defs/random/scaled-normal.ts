import { type DType, toDType } from '../../../core/dtypes.js';
import { normalizeArgs } from '../../args.js';
import { given } from './common.js';
import { applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { OpDef } from '../../opdef.js';
import { seedAttrs } from '../../seed.js';
import type { Tensor } from '../../types.js';
import { AddV2, Mul } from '../math/binary.js';
import { shapeTensor } from './shape-tensor.js';

/** `random_normal` / `truncated_normal`: `op(shape) * stddev + mean`, TensorFlow's graph and names. */
export function scaledNormal(fnName: string, def: OpDef, args: readonly unknown[]): Tensor {
  const a = normalizeArgs(fnName, ['shape', 'mean', 'stddev', 'dtype', 'seed', 'name'], given(args));
  const dt: DType = a.dtype === undefined || a.dtype === null ? 'float32' : toDType(a.dtype);
  const mean = a.mean ?? 0;
  const stddev = a.stddev ?? 1;
  const ctx = currentContext();
  return ctx.withNameScope(nameArg(a), fnName, [a.shape, mean, stddev], (scope) => {
    const shapeT = shapeTensor(a.shape);
    const meanT = ctx.convertToTensor(mean, dt, undefined, 'mean');
    const stddevT = ctx.convertToTensor(stddev, dt, undefined, 'stddev');
    const rnd = applyOp1(def, [shapeT], { ...seedAttrs(a.seed as number | null | undefined), dtype: dt });
    return applyOp1(AddV2, [applyOp1(Mul, [rnd, stddevT], {}, 'mul'), meanT], {}, scope);
  });
}
