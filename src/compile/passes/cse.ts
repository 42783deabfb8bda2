import { NDArray } from '../../core/ndarray.js';
import { TensorShape } from '../../core/shape.js';
import { isPure } from '../../ops/opdef.js';
import type { AttrValue } from '../../ops/types.js';
import { type Node, type Pass, type RunIR, type Value, replaceUses } from '../ir.js';

const arrayIds = new WeakMap<NDArray, number>();
let nextArrayId = 0;

function attrKey(v: AttrValue): string {
  if (v instanceof TensorShape) return `s${v.toDebugString()}`;
  if (v instanceof NDArray) {
    let id = arrayIds.get(v);
    if (id === undefined) {
      id = nextArrayId++;
      arrayIds.set(v, id);
    }
    return `a${id}`;
  }
  if (Array.isArray(v)) return `[${v.map((x) => attrKey(x as AttrValue)).join(',')}]`;
  return `${typeof v}:${String(v)}`;
}

function nodeKey(n: Node): string {
  const attrs = Object.keys(n.op.attrs)
    .sort()
    .map((k) => `${k}=${attrKey(n.op.attrs[k] as AttrValue)}`)
    .join(';');
  const inputs = n.inputs.map((v) => v.id).join(',');
  const control = n.op.controlInputs.map((c) => c.name).sort().join(',');
  return `${n.op.type}|${attrs}|${inputs}|${control}`;
}

/**
 * Common-subexpression elimination: a pure node with the same type, attrs, inputs and control
 * inputs as an earlier one is dropped, its uses rewired to the earlier node's outputs. Stateful,
 * random and side-effecting ops are never merged.
 */
export const commonSubexpressions: Pass = (ir: RunIR) => {
  const report: string[] = [];
  const seen = new Map<string, Node>();
  const kept: Node[] = [];
  const map = new Map<Value, Value>();
  for (const n of ir.nodes) {
    for (let i = 0; i < n.inputs.length; i++) {
      const r = map.get(n.inputs[i] as Value);
      if (r) n.inputs[i] = r;
    }
    if (!isPure(n.op.def) || ir.targets.has(n.op)) {
      kept.push(n);
      continue;
    }
    const key = nodeKey(n);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, n);
      kept.push(n);
      continue;
    }
    n.outputs.forEach((v, i) => {
      map.set(v, first.outputs[i] as Value);
    });
    report.push(`${n.op.name} = ${first.op.name}`);
  }
  ir.nodes = kept;
  replaceUses(ir, map);
  return report;
};
