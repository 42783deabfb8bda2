import { InvalidArgumentError } from '../../../core/errors.js';
import { formatNDArray, summarizeFlat } from '../../../core/format.js';
import { shapeDebugString } from '../../../core/shape.js';
import { type KernelEntry, arr, out } from '../values.js';

const utf8 = new TextEncoder();

export const controlKernels: Record<string, KernelEntry> = {
  Assert: (inputs, { env }) => {
    const cond = arr(inputs, 0);
    if (cond.rank !== 0) throw new InvalidArgumentError(null, null, `In[0] should be a scalar: ${shapeDebugString(cond.shape)}`);
    if (cond.data[0]) return [];
    const n = env.attrs.summarize as number;
    const parts = inputs.slice(1).map((_, i) => `[${summarizeFlat(arr(inputs, i + 1), n)}]`);
    throw new InvalidArgumentError(null, null, `assertion failed: ${parts.join(' ')}`);
  },

  Print: (inputs, { env, resources }) => {
    const x = arr(inputs, 0);
    const firstN = env.attrs.first_n as number;
    const count = resources.opState(env.opName, () => ({ n: 0 }));
    if (firstN < 0 || count.n < firstN) {
      count.n++;
      const n = env.attrs.summarize as number;
      const data = inputs.slice(1).map((_, i) => `[${summarizeFlat(arr(inputs, i + 1), n)}]`);
      resources.write('stderr', `${env.attrs.message as string}${data.join('')}\n`);
    }
    return [x];
  },

  StringFormat: (inputs, ctx) => {
    const env = ctx.env;
    const template = env.attrs.template as string;
    const ph = env.attrs.placeholder as string;
    const summarize = env.attrs.summarize as number;
    const pieces = template.split(ph);
    let text = pieces[0] as string;
    inputs.forEach((_, i) => {
      const a = arr(inputs, i);
      const opts = summarize < 0 ? { threshold: Number.POSITIVE_INFINITY, plain: true } : { edgeItems: summarize, threshold: 0, plain: true };
      text += formatNDArray(a, opts) + (pieces[i + 1] as string);
    });
    const o = out(ctx, 0, 'string', []);
    (o.data as Uint8Array[])[0] = utf8.encode(text);
    return [o];
  },

  PrintV2: (inputs, { env, resources }) => {
    const s = arr(inputs, 0);
    resources.write(env.attrs.output_stream as string, `${s.get(0) as string}${env.attrs.end as string}`);
    return [];
  },
};
