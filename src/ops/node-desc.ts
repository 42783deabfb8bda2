import { type DType, dtypeAttrName, isDType } from '../core/dtypes.js';
import { NDArray } from '../core/ndarray.js';
import { TensorShape } from '../core/shape.js';
import type { AttrDef } from './opdef.js';
import type { AttrValue } from './types.js';

/** One attr value as a NodeDef prints it: `DT_FLOAT`, `false`, `[2,3]`, `"x"`. */
export function formatAttrValue(v: AttrValue, def?: AttrDef): string {
  if (v === null) return '<none>';
  if (v instanceof TensorShape) return v.toDebugString();
  if (v instanceof NDArray) return `<tensor ${v.dtype} ${JSON.stringify(v.shape)}>`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && def?.type === 'func') return v;
  if (typeof v === 'string') return def?.type === 'type' || (!def && isDType(v)) ? dtypeAttrName(v as DType) : `"${v}"`;
  return `[${(v as readonly AttrValue[]).map((x) => formatAttrValue(x, def?.type === 'list(type)' ? { name: '', type: 'type' } : undefined)).join(', ')}]`;
}

/** TensorFlow's node description: `{{node MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false](a, b)`. */
export function describeNode(
  name: string,
  type: string,
  attrs: Readonly<Record<string, AttrValue>>,
  attrDefs: readonly AttrDef[],
  inputNames: readonly string[],
): string {
  const keys = Object.keys(attrs).sort();
  const attrText = keys
    .map((k) => `${k}=${formatAttrValue(attrs[k] as AttrValue, attrDefs.find((d) => d.name === k))}`)
    .join(', ');
  return `{{node ${name}}} = ${type}${keys.length ? `[${attrText}]` : ''}(${inputNames.join(', ')})`;
}
