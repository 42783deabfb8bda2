import { NDArray } from '../core/ndarray.js';

/**
 * The one argument normaliser every builder uses (DESIGN §4): TensorFlow's positional order, and
 * an optional trailing options object holding parameters by their camelCase names.
 *
 * `params` lists the parameter names in Python order; names after a `'*'` entry are keyword-only.
 * Returns the parameters by name; missing ones are `undefined`.
 */
export function normalizeArgs(
  fnName: string,
  params: readonly string[],
  args: readonly unknown[],
): Record<string, unknown> {
  const star = params.indexOf('*');
  const positional = star < 0 ? params : params.slice(0, star);
  const all = params.filter((p) => p !== '*');
  let list = args;
  let options: Record<string, unknown> = {};
  const last = args[args.length - 1];
  if (args.length > 0 && isOptionsObject(last)) {
    options = last as Record<string, unknown>;
    list = args.slice(0, -1);
  }
  while (list.length > 0 && list[list.length - 1] === undefined) list = list.slice(0, -1);
  if (list.length > positional.length) {
    throw new TypeError(`${fnName}() takes ${positional.length} positional arguments but ${list.length} were given`);
  }
  const out: Record<string, unknown> = {};
  list.forEach((v, i) => {
    out[positional[i] as string] = v;
  });
  for (const [k, v] of Object.entries(options)) {
    if (!all.includes(k)) {
      throw new TypeError(`${fnName}() got an unexpected keyword argument '${k}'. Valid options: ${all.join(', ')}`);
    }
    if (out[k] !== undefined && v !== undefined) {
      throw new TypeError(`${fnName}() got multiple values for argument '${k}'`);
    }
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** A plain `{...}` object: the trailing options object, never a value (values are tensors, arrays, numbers). */
export function isOptionsObject(x: unknown): boolean {
  if (x === null || typeof x !== 'object' || Array.isArray(x) || x instanceof NDArray) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
