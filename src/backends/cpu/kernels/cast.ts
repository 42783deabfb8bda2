import { type DType, dtypeTfName } from '../../../core/dtypes.js';
import { UnimplementedError } from '../../../core/errors.js';
import { type KernelEntry, arr, out } from '../values.js';

export const castKernels: Record<string, KernelEntry> = {
  Cast: (inputs, ctx) => {
    const env = ctx.env;
    const x = arr(inputs, 0);
    const to = env.attrs.DstT as DType;
    if (x.dtype === to) return [x];
    const o = out(ctx, 0, to, x.shape);
    const n = x.size;
    const src = x.data as ArrayLike<number | bigint | Uint8Array>;
    const dst = o.data as unknown as unknown[];
    if (to === 'string' || x.dtype === 'string') {
      throw new UnimplementedError(null, null, `Cast ${dtypeTfName(x.dtype)} to ${dtypeTfName(to)} is not supported`);
    }
    for (let i = 0; i < n; i++) {
      let v = src[i] as number | bigint;
      if (x.dtype === 'bool') v = Number(v);
      switch (to) {
        case 'bool':
          dst[i] = Number(v) !== 0 ? 1 : 0;
          break;
        case 'int64':
          dst[i] = typeof v === 'bigint' ? v : Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : v > 0 ? 9223372036854775807n : -9223372036854775808n;
          break;
        case 'int32':
          dst[i] = typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : Number.isNaN(v) ? 0 : Math.trunc(Math.max(-2147483648, Math.min(2147483647, v)));
          break;
        case 'uint8':
          dst[i] = typeof v === 'bigint' ? Number(BigInt.asUintN(8, v)) : Math.trunc(v) & 255;
          break;
        default:
          dst[i] = Number(v);
      }
    }
    return [o];
  },
};
