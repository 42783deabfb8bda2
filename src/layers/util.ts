// Helpers shared by the TF1 layers: smart_cond, activations, conv_utils' argument normalisation.
import { ValueError } from '../core/errors.js';
import { constantValue } from '../graph/const-eval.js';
import { cond } from '../graph/cond.js';
import type { Tensor } from '../ops/types.js';
import { Tensor as GraphTensor } from '../graph/tensor.js';
import { identity } from '../ops/defs/array/identity.js';
import { relu, relu6, elu, selu, softplus, softsign } from '../ops/defs/nn/activations.js';
import { softmax } from '../ops/defs/nn/softmax.js';
import { sigmoid, tanh } from '../ops/defs/math/unary.js';

/** An activation: a function of the pre-activation, or a Keras activation name. */
export type Activation = ((x: Tensor) => Tensor) | string | null | undefined;

const NAMED: Record<string, ((x: Tensor) => Tensor) | null> = {
  linear: null,
  relu: (x) => relu(x),
  relu6: (x) => relu6(x),
  elu: (x) => elu(x),
  selu: (x) => selu(x),
  softplus: (x) => softplus(x),
  softsign: (x) => softsign(x),
  sigmoid: (x) => sigmoid(x),
  tanh: (x) => tanh(x),
  softmax: (x) => softmax(x),
};

/** `activations.get`: null/'linear' → none, a name → its op, a function as is. */
export function getActivation(a: Activation): ((x: Tensor) => Tensor) | null {
  if (a === null || a === undefined) return null;
  if (typeof a === 'function') return a;
  if (typeof a === 'string' && a in NAMED) return NAMED[a] ?? null;
  throw new ValueError(`Unknown activation function: ${String(a)}`);
}

/** `control_flow_util.constant_value`: a bool's or a constant bool tensor's value, else null. */
export function constantBool(pred: unknown): boolean | null {
  if (typeof pred === 'boolean') return pred;
  if (typeof pred === 'number') return pred !== 0;
  if (pred === null || pred === undefined) return null;
  const v = pred instanceof GraphTensor ? constantValue(pred) : null;
  if (v === null) return null;
  return Boolean(v.item());
}

/** `smart_cond`: calls one function when `pred` is known while building, else builds a `cond`. */
export function smartCond<T>(pred: unknown, trueFn: () => T, falseFn: () => T, name?: string): T {
  const v = constantBool(pred);
  if (v !== null) return v ? trueFn() : falseFn();
  return cond(pred, trueFn, falseFn, { name }) as T;
}

/** `conv_utils.normalize_tuple`: an int repeated n times, or a list of n ints. */
export function normalizeTuple(value: unknown, n: number, name: string): number[] {
  if (typeof value === 'number') return new Array<number>(n).fill(value);
  if (!Array.isArray(value) || value.length !== n || !value.every((v) => Number.isInteger(v))) {
    throw new ValueError(`The \`${name}\` argument must be a tuple of ${n} integers. Received: ${JSON.stringify(value)}`);
  }
  return [...(value as number[])];
}

/** `conv_utils.normalize_padding`: 'valid' | 'same' (case-insensitive). */
export function normalizePadding(value: unknown): 'valid' | 'same' {
  const p = typeof value === 'string' ? value.toLowerCase() : value;
  if (p !== 'valid' && p !== 'same') {
    throw new ValueError(`The \`padding\` argument must be a list/tuple or one of "valid", "same" (or "causal", only for \`Conv1D). Received: ${String(value)}`);
  }
  return p;
}

/** `conv_utils.normalize_data_format`: 'channels_last' | 'channels_first'. */
export function normalizeDataFormat(value: unknown): 'channels_last' | 'channels_first' {
  const f = value === undefined || value === null ? 'channels_last' : typeof value === 'string' ? value.toLowerCase() : value;
  if (f !== 'channels_last' && f !== 'channels_first') {
    throw new ValueError(`The \`data_format\` argument must be one of "channels_first", "channels_last". Received: ${String(value)}`);
  }
  return f;
}

export const identityOf = (x: Tensor): Tensor => identity(x);
