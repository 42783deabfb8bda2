import { type TypedData, copyData } from '../../../core/dtypes.js';
import { InvalidArgumentError } from '../../../core/errors.js';
import { NDArray } from '../../../core/ndarray.js';
import type { KernelValue, SessionResources } from '../../backend.js';
import { type KernelEntry, arr, out, outFrom } from '../values.js';

const utf8 = new TextEncoder();
const text = new TextDecoder();

/** The session's stacks by handle; a stack is dropped once its last element is popped. */
interface Stacks {
  next: number;
  readonly byHandle: Map<string, NDArray[]>;
}

const stacks = (r: SessionResources): Stacks =>
  r.opState<Stacks>('\u0000stacks', () => ({ next: 0, byHandle: new Map() }));

const handleOf = (inputs: readonly KernelValue[]): string =>
  text.decode((arr(inputs, 0).data as unknown as Uint8Array[])[0]);

export const stackKernels: Record<string, KernelEntry> = {
  StackV2: (_inputs, ctx) => {
    const s = stacks(ctx.resources);
    const o = out(ctx, 0, 'string', []);
    (o.data as unknown as Uint8Array[])[0] = utf8.encode(`${ctx.env.opName}#${s.next++}`);
    return [o];
  },

  StackPushV2: (inputs, ctx) => {
    const s = stacks(ctx.resources);
    const h = handleOf(inputs);
    const x = arr(inputs, 1);
    let list = s.byHandle.get(h);
    if (!list) {
      list = [];
      s.byHandle.set(h, list);
    }
    // A copy: the plan reuses the input's buffer after this step.
    list.push(new NDArray(x.dtype, x.shape, copyData(x.data as TypedData) as never));
    return [x];
  },

  StackPopV2: (inputs, ctx) => {
    const s = stacks(ctx.resources);
    const h = handleOf(inputs);
    const list = s.byHandle.get(h);
    const top = list?.pop();
    if (!top) throw new InvalidArgumentError(null, null, `Stack[${h}] is empty.`);
    if (list?.length === 0) s.byHandle.delete(h);
    const want = ctx.env.attrs.elem_type;
    if (top.dtype !== want) throw new InvalidArgumentError(null, null, `Stack[${h}] holds ${top.dtype}, not ${String(want)}.`);
    return [outFrom(ctx, 0, top)];
  },
};
