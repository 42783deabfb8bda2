import { ValueError } from '../core/errors.js';
import type { OpDef } from './opdef.js';

const defs = new Map<string, OpDef>();

/** Registers an op definition under its TensorFlow op type; returns it for the builder to use. */
export function registerOp(def: OpDef): OpDef {
  if (defs.has(def.type)) throw new ValueError(`Op type '${def.type}' is registered twice`);
  defs.set(def.type, def);
  return def;
}

export function getOpDef(type: string): OpDef | undefined {
  return defs.get(type);
}

export function registeredOpTypes(): string[] {
  return [...defs.keys()].sort();
}
