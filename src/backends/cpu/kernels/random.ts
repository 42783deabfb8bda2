// Stateful random kernels (TensorFlow's PhiloxRandomOp family, RandomShuffle, Multinomial). Each
// op keeps a `GuardedPhilox` per session (`resources.opState`): every run reserves the next block
// of the stream, and a new session restarts it. Seeds (0, 0) draw a fresh nondeterministic seed.
import type { DType } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString, sizeOf } from '../../../core/shape.js';
import type { Kernel, KernelContext } from '../../backend.js';
import { GuardedPhilox, SingleSample } from '../compute/philox.js';
import { type RandomFloatDType, fillNormal, fillTruncatedNormal, fillUniform, fillUniformInt32, fillUniformInt64, randDouble } from '../compute/random-dists.js';
import type { CpuTensor } from '../tensor.js';
import { type KernelEntry, arr, out } from '../values.js';

const FLOATS: readonly DType[] = ['float16', 'float32', 'float64'];

/** A nondeterministic 64-bit pair (TF's `random::New64()`), from the platform's CSPRNG. */
function fresh(): [bigint, bigint] {
  const w = new Uint32Array(4);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint32Array) => Uint32Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(w);
  else for (let i = 0; i < 4; i++) w[i] = Math.floor(Math.random() * 4294967296);
  return [(BigInt(w[0] as number) << 32n) | BigInt(w[1] as number), (BigInt(w[2] as number) << 32n) | BigInt(w[3] as number)];
}

/**
 * The op's generator in this session, seeded from its `seed`/`seed2` attrs on first use. Keyed by
 * name and then by the op's attrs object (one per graph op, shared by every plan running it), so
 * ops of the same name in different functions (a cond branch, a loop body) keep separate streams.
 */
function generator(ctx: KernelContext): GuardedPhilox {
  const { env } = ctx;
  const byOp = ctx.resources.opState(`random:${env.opName}`, () => new WeakMap<object, GuardedPhilox>());
  let g = byOp.get(env.attrs);
  if (!g) {
    g = new GuardedPhilox(env.attrs.seed as number, env.attrs.seed2 as number, fresh);
    byOp.set(env.attrs, g);
  }
  return g;
}

/** TF's MakeShape from a shape input: a 1-D int32/int64 tensor of non-negative sizes. */
function shapeFrom(t: CpuTensor): number[] {
  if (t.rank !== 1) throw new InvalidArgumentError(null, null, `shape must be a vector of {int32,int64}, got shape ${shapeDebugString(t.shape)}`);
  const dims = Array.from(t.data as ArrayLike<number | bigint>, Number);
  for (const d of dims) if (d < 0) throw new InvalidArgumentError(null, null, `Dimension ${d} must be >= 0`);
  return dims;
}

type Fill = typeof fillUniform;

/** PhiloxRandomOp: output shape from input 0, 256 calls reserved per output as TF does. */
function philoxKernel(fill: Fill): KernelEntry {
  return {
    select: (sig) => {
      const dtype = sig.outputs[0] as DType;
      if (!FLOATS.includes(dtype)) return undefined;
      const k: Kernel = (inputs, ctx) => {
        const shape = shapeFrom(arr(inputs, 0));
        const o = out(ctx, 0, dtype, shape);
        const n = sizeOf(shape);
        fill(dtype as RandomFloatDType, generator(ctx).reserveOutputs(n, 256), o.data as Float32Array, n);
        return [o];
      };
      return k;
    },
  };
}

function scalarOf(t: CpuTensor, what: string): number | bigint {
  if (t.rank !== 0) throw new InvalidArgumentError(null, null, `${what} must be 0-D, got shape ${shapeDebugString(t.shape)}`);
  return t.data[0] as number | bigint;
}

const randomUniformInt: KernelEntry = {
  select: (sig) => {
    const dtype = sig.outputs[0] as DType;
    if (dtype !== 'int32' && dtype !== 'int64') return undefined;
    const k: Kernel = (inputs, ctx) => {
      const shape = shapeFrom(arr(inputs, 0));
      const lo = scalarOf(arr(inputs, 1), 'minval');
      const hi = scalarOf(arr(inputs, 2), 'maxval');
      const o = out(ctx, 0, dtype, shape);
      const n = sizeOf(shape);
      // Checked after the empty-output exit, as TF does ("zero impossible things are fine").
      if (n === 0) return [o];
      if (!(lo < hi)) throw new InvalidArgumentError(null, null, `Need minval < maxval, got ${lo} >= ${hi}`);
      const gen = generator(ctx).reserveOutputs(n, 256);
      if (dtype === 'int32') fillUniformInt32(gen, lo as number, hi as number, o.data as Int32Array, n);
      else fillUniformInt64(gen, lo as bigint, hi as bigint, o.data as BigInt64Array, n);
      return [o];
    };
    return k;
  },
};

/** A copy of `x` in the op's output buffer. */
function copyOf(x: CpuTensor, ctx: KernelContext): CpuTensor {
  const o = out(ctx, 0, x.dtype, x.shape);
  const src = x.data as unknown as ArrayLike<unknown>;
  const dst = o.data as unknown as unknown[];
  for (let i = 0; i < x.size; i++) dst[i] = src[i];
  return o;
}

/** RandomShuffle: Fisher-Yates over the first dimension, one uint32 per swap (`u % remaining`). */
const randomShuffle: Kernel = (inputs, ctx) => {
  const x = arr(inputs, 0);
  if (x.size <= 1 || (x.shape[0] as number) <= 1) return [copyOf(x, ctx)];
  const size = x.shape[0] as number;
  const samples = size - 1;
  const single = new SingleSample(generator(ctx).reserve32(samples));
  const perm = new Int32Array(size);
  for (let i = 0; i < size; i++) perm[i] = i;
  for (let i = 0; i < size - 1; i++) {
    const j = i + (single.next() % (size - i));
    const t = perm[i] as number;
    perm[i] = perm[j] as number;
    perm[j] = t;
  }
  const o = out(ctx, 0, x.dtype, x.shape);
  const inner = x.size / size;
  const src = x.data as unknown as ArrayLike<unknown>;
  const dst = o.data as unknown as unknown[];
  for (let i = 0; i < size; i++) {
    const from = (perm[i] as number) * inner;
    for (let k = 0; k < inner; k++) dst[i * inner + k] = src[from + k];
  }
  return [o];
};

/**
 * Multinomial: per row, an unnormalized CDF of exp(logit - max) over finite logits, and for each
 * sample the first class whose CDF exceeds `RandDouble() * total`. TF shards rows across threads
 * (each shard skipping to `start_row * (num_samples + 3) / 4`); this runs them as one shard, which
 * is what TF does whenever the work is small.
 */
const multinomial: KernelEntry = {
  select: (sig) => {
    const dtype = sig.inputs[0] as DType;
    const outDtype = sig.outputs[0] as DType;
    if (!FLOATS.includes(dtype)) return undefined;
    const k: Kernel = (inputs, ctx) => {
      const logits = arr(inputs, 0);
      const ns = arr(inputs, 1);
      if (logits.rank !== 2) throw new InvalidArgumentError(null, null, `logits should be a matrix, got shape ${shapeDebugString(logits.shape)}`);
      if (ns.rank !== 0) throw new InvalidArgumentError(null, null, `num_samples should be a scalar, got shape ${shapeDebugString(ns.shape)}`);
      const numSamples = Number(ns.data[0]);
      if (numSamples < 0) throw new InvalidArgumentError(null, null, `num_samples should be non-negative, got ${numSamples}`);
      const [batch, classes] = logits.shape as [number, number];
      if (classes <= 0) throw new InvalidArgumentError(null, null, `num_classes should be positive, got ${classes}`);
      const o = out(ctx, 0, outDtype, [batch, numSamples]);
      if (batch * numSamples === 0) return [o];
      // CPU draws doubles: two uint32 per sample, reserved in groups of four samples.
      const ceil4 = Math.floor((numSamples + 3) / 4) * 4 * 2;
      const single = new SingleSample(generator(ctx).reserveOutputs(batch * ceil4, 256));
      const lv = (i: number): number => logits.get(i) as number;
      const cdf = new Float64Array(classes);
      const big = outDtype === 'int64';
      const od = o.data as Int32Array | BigInt64Array;
      for (let b = 0; b < batch; b++) {
        let max = -Number.MAX_VALUE;
        if (dtype === 'float32') max = -3.4028234663852886e38;
        else if (dtype === 'float16') max = -65504;
        for (let j = 0; j < classes; j++) {
          const v = lv(b * classes + j);
          if (Number.isFinite(v)) max = Math.max(max, v);
        }
        let total = 0;
        for (let j = 0; j < classes; j++) {
          const v = lv(b * classes + j);
          if (Number.isFinite(v)) total += Math.exp(v - max);
          cdf[j] = total;
        }
        for (let s = 0; s < numSamples; s++) {
          const toFind = randDouble(single) * total;
          // upper_bound: the first index whose cdf > toFind.
          let lo = 0;
          let hi = classes;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if ((cdf[mid] as number) <= toFind) lo = mid + 1;
            else hi = mid;
          }
          if (big) (od as BigInt64Array)[b * numSamples + s] = BigInt(lo);
          else (od as Int32Array)[b * numSamples + s] = lo;
        }
      }
      return [o];
    };
    return k;
  },
};

export const randomKernels: Record<string, KernelEntry> = {
  RandomUniform: philoxKernel(fillUniform),
  RandomStandardNormal: philoxKernel(fillNormal),
  TruncatedNormal: philoxKernel(fillTruncatedNormal),
  RandomUniformInt: randomUniformInt,
  RandomShuffle: randomShuffle,
  Multinomial: multinomial,
};

