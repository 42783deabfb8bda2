import { ValueError } from '../../../core/errors.js';
import { isOptionsObject, normalizeArgs } from '../../args.js';
import { applyOpAsOperation, applyOp1, nameArg } from '../../builder.js';
import { currentContext } from '../../context.js';
import { registerOp } from '../../registry.js';
import { noOutputs, scalarShape, unchangedShape } from '../../shape-fns.js';
import type { Operation, Tensor, TensorInput } from '../../types.js';
import { ALL } from '../dtype-sets.js';

/** Legacy `tf.Print`: an identity that prints `message` and `data` when its output is computed. */
export const Print = registerOp({
  type: 'Print',
  sideEffect: true,
  forwardsInput: true,
  grad: (op, [dy]) => [dy ?? null, ...op.inputs.slice(1).map(() => null)],
  inputs: [
    { name: 'input', typeAttr: 'T' },
    { name: 'data', typeListAttr: 'U' },
  ],
  outputs: [{ name: 'output', typeAttr: 'T' }],
  attrs: [
    { name: 'T', type: 'type', allowed: ALL },
    { name: 'U', type: 'list(type)' },
    { name: 'message', type: 'string', default: '' },
    { name: 'first_n', type: 'int', default: -1 },
    { name: 'summarize', type: 'int', default: 3 },
  ],
  stateful: true,
  shape: unchangedShape,
});

/** Legacy `tf.Print`'s parameters by name, for an options object at any position after `input, data`. */
export interface LegacyPrintOptions {
  message?: string | null;
  firstN?: number | null;
  summarize?: number | null;
  name?: string;
}

/** `tf.Print(input, data, message, firstN, summarize, name)` (deprecated in TF; kept for porting). */
export function Print_(
  input: TensorInput,
  data: readonly TensorInput[],
  message?: string | null | LegacyPrintOptions,
  firstN?: number | null | LegacyPrintOptions,
  summarize?: number | null | LegacyPrintOptions,
  name?: string | LegacyPrintOptions,
): Tensor;
export function Print_(...args: unknown[]): Tensor {
  const a = normalizeArgs('Print', ['input', 'data', 'message', 'firstN', 'summarize', 'name'], args);
  return applyOp1(
    Print,
    [a.input, a.data],
    {
      message: (a.message as string | undefined) ?? '',
      first_n: (a.firstN as number | undefined) ?? -1,
      summarize: (a.summarize as number | undefined) ?? 3,
    },
    nameArg(a),
  );
}

/** Formats its inputs into one string: `{}` in `template` is replaced by each input in turn. */
export const StringFormat = registerOp({
  type: 'StringFormat',
  grad: null,
  inputs: [{ name: 'inputs', typeListAttr: 'T' }],
  outputs: [{ name: 'output', dtype: 'string' }],
  attrs: [
    { name: 'T', type: 'list(type)' },
    { name: 'template', type: 'string', default: '%s' },
    { name: 'placeholder', type: 'string', default: '%s' },
    { name: 'summarize', type: 'int', default: 3 },
  ],
  shape: (ctx) => {
    const template = ctx.attr<string>('template');
    const ph = ctx.attr<string>('placeholder');
    const n = template.split(ph).length - 1;
    if (n !== ctx.numInputs) {
      ctx.fail(`${n} placeholder(s) in template does not match ${ctx.numInputs} input(s) provided`);
    }
    return scalarShape(ctx);
  },
});

/** Prints a scalar string to a stream. */
export const PrintV2 = registerOp({
  type: 'PrintV2',
  sideEffect: true,
  grad: null,
  inputs: [{ name: 'input', dtype: 'string' }],
  outputs: [],
  attrs: [
    { name: 'output_stream', type: 'string', default: 'stderr' },
    { name: 'end', type: 'string', default: '\n' },
  ],
  stateful: true,
  shape: (ctx) => {
    const s = ctx.inputShape(0);
    if (s.rank !== null && s.rank !== 0) ctx.fail(`Shape must be rank 0 but is rank ${s.rank}`);
    return noOutputs(ctx);
  },
});

/** `tf.print`'s keyword-only parameters: options only, after the inputs. */
export interface PrintOptions {
  outputStream?: string;
  summarize?: number;
  sep?: string;
  end?: string;
  name?: string;
}
const STREAMS = ['stderr', 'stdout', 'log(info)', 'log(warning)', 'log(error)'];

/**
 * `tf.print(...inputs, { outputStream, summarize, sep, end, name })`: in a TF1 graph it returns the
 * print op, which prints only when run (fetched or made a control dependency). Strings are
 * printed as they are, tensors numpy-like with `summarize` elements at each end of each axis.
 */
export function print(...inputs: (TensorInput | PrintOptions)[]): Operation;
export function print(...args: (TensorInput | PrintOptions)[]): Operation {
  const last = args[args.length - 1];
  const opts = (args.length > 0 && isOptionsObject(last) ? last : {}) as PrintOptions;
  const inputs = opts === last ? args.slice(0, -1) : args;
  normalizeArgs('print', ['outputStream', 'summarize', 'sep', 'end', 'name'], [opts]);
  const stream = opts.outputStream ?? 'stderr';
  if (!STREAMS.includes(stream)) {
    throw new ValueError(`Unsupported output stream or logging level '${stream}'. Supported: ${STREAMS.join(', ')}`);
  }
  const ctx = currentContext();
  return ctx.atomic(inputs, () => {
    const end = opts.end ?? '\n';
    const name = opts.name;
    const items = inputs.map((x) => (typeof x === 'string' ? x : ctx.convertToTensor(x)));
    // A lone scalar string tensor is printed as it is (TensorFlow skips StringFormat for it).
    const only = items[0];
    if (items.length === 1 && typeof only !== 'string' && only?.dtype === 'string' && only.shape.rank === 0) {
      return applyOpAsOperation(PrintV2, [only], { output_stream: stream, end }, name);
    }
    const placeholder = placeholderFor(items.filter((x): x is string => typeof x === 'string'));
    const tensors: unknown[] = [];
    const parts = items.map((x) => {
      if (typeof x === 'string') return x;
      tensors.push(x);
      return placeholder;
    });
    const formatted = applyOp1(
      StringFormat,
      [tensors],
      { template: parts.join(opts.sep ?? ' '), placeholder, summarize: opts.summarize ?? 3 },
      name ? `${name}_format` : undefined,
    );
    return applyOpAsOperation(PrintV2, [formatted], { output_stream: stream, end }, name);
  });
}

/** A placeholder that none of the literal strings contains (TensorFlow's _generate_placeholder_string). */
function placeholderFor(strings: readonly string[]): string {
  let candidate = '{}';
  for (let i = 0; strings.some((s) => s.includes(candidate)); i++) candidate = `{tg_placeholder_${i}}`;
  return candidate;
}
