// Generates docs/ops.md from the op registry and the backends' kernel tables:
//   npm run docs:ops
// test/docs/ops-doc.test.ts fails when the committed file differs from what this renders.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../src/backends/backend.js';
import { cpuBackend, cpuKernelTypes } from '../src/backends/cpu/backend.js';
import { resolveBackend } from '../src/backends/select.js';
import { WASM_KERNELS } from '../src/backends/wasm/kernels/index.js';
import type { DType } from '../src/core/dtypes.js';
import type { OpDef } from '../src/ops/opdef.js';
import { getOpDef, registeredOpTypes } from '../src/ops/registry.js';
import type { Attrs } from '../src/ops/types.js';
import '../src/api-v1.js';

/** The backends listed, in column order. */
export const DOC_BACKENDS: readonly Backend[] = [cpuBackend, resolveBackend('wasm')];

/**
 * Each attr's default, or for a required one a plain example (a 1×1 window and stride, SAME
 * padding), so that a kernel that reads it (a pooling op's ksize) can say whether it has code.
 */
function defaults(def: OpDef): Attrs {
  const a: Record<string, unknown> = {};
  for (const attr of def.attrs) {
    if (attr.default !== undefined) a[attr.name] = attr.default;
    else if (attr.type === 'list(int)') a[attr.name] = [1, 1, 1, 1];
    else if (attr.type === 'int') a[attr.name] = 1;
    else if (attr.type === 'string' && attr.name === 'padding') a[attr.name] = 'SAME';
  }
  return a as Attrs;
}

/**
 * The `type` attr the table is about: `T` when the op has it, else the first one typing an input or
 * output; the other type attrs take their default or first allowed dtype.
 */
function primaryTypeAttr(def: OpDef): string | undefined {
  const typed = [...def.inputs, ...def.outputs].map((a) => a.typeAttr).filter((t): t is string => t !== undefined);
  return typed.includes('T') ? 'T' : typed[0];
}

/** A signature and attrs for the op with its primary type attr set to `t`, or undefined if lists are involved. */
function instance(def: OpDef, primary: string, t: DType): { sig: { inputs: DType[]; outputs: DType[] }; attrs: Attrs } | undefined {
  const attrs: Record<string, unknown> = { ...defaults(def) };
  for (const a of def.attrs) {
    if (a.type === 'type' && attrs[a.name] === undefined) attrs[a.name] = a.allowed?.[0];
  }
  attrs[primary] = t;
  if ([...def.inputs, ...def.outputs].some((x) => x.typeListAttr !== undefined)) return undefined;
  const expand = (x: OpDef['inputs'][number]): DType[] => {
    const d = (x.typeAttr ? attrs[x.typeAttr] : x.dtype) as DType | undefined;
    if (d === undefined) return [];
    const n = x.numberAttr ? ((attrs[x.numberAttr] as number | undefined) ?? 2) : 1;
    if (x.numberAttr) attrs[x.numberAttr] = n;
    return new Array<DType>(n).fill(d);
  };
  return { sig: { inputs: def.inputs.flatMap(expand), outputs: def.outputs.flatMap(expand) }, attrs: attrs as Attrs };
}

/** Which of `dtypes` a backend has a kernel for, or yes/— for ops without a type attr. */
function kernelDtypes(backend: Backend, def: OpDef, primary: string | undefined, dtypes: readonly DType[]): string {
  if (def.control !== undefined) return 'control step';
  const has = (i: ReturnType<typeof instance>) => {
    if (i === undefined) return hasEntry(backend, def.type);
    try {
      return backend.kernel(def.type, i.sig, i.attrs) !== undefined;
    } catch {
      return false;
    }
  };
  if (primary === undefined) {
    const fixed = [...def.inputs, ...def.outputs].every((x) => x.dtype !== undefined);
    const sig = { inputs: def.inputs.map((x) => x.dtype as DType), outputs: def.outputs.map((x) => x.dtype as DType) };
    return (fixed ? has({ sig, attrs: defaults(def) }) : hasEntry(backend, def.type)) ? 'yes' : '—';
  }
  const ok = dtypes.filter((t) => has(instance(def, primary, t)));
  if (ok.length === 0) return '—';
  return ok.length === dtypes.length ? 'all' : ok.join(', ');
}

/** Whether the backend has any kernel for the op type (its table lists it). */
function hasEntry(backend: Backend, type: string): boolean {
  return backend.name === 'cpu' ? cpuKernelTypes().includes(type) : type in WASM_KERNELS;
}

const ALL_TYPES: readonly DType[] = ['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'string'];

function gradientStatus(def: OpDef): string {
  if (def.grad === null) return 'not differentiable';
  if (def.grad === undefined) return 'missing';
  return 'yes';
}

/** The Markdown of docs/ops.md. */
export function renderOpsDoc(): string {
  const rows = registeredOpTypes().map((type) => {
    const def = getOpDef(type) as OpDef;
    const typeAttr = primaryTypeAttr(def);
    const allowed = typeAttr ? ALL_TYPES.filter((t) => (def.attrs.find((a) => a.name === typeAttr)?.allowed ?? ALL_TYPES).includes(t)) : undefined;
    const fixed = [...new Set([...def.inputs, ...def.outputs].map((x) => x.dtype).filter((d) => d !== undefined))];
    const dtypes = allowed ? (allowed.length === ALL_TYPES.length ? 'all' : allowed.join(', ')) : fixed.length > 0 ? fixed.join(', ') : '—';
    const backends = DOC_BACKENDS.map((b) => kernelDtypes(b, def, typeAttr, allowed ?? []));
    return `| ${type} | ${dtypes} | ${backends.join(' | ')} | ${gradientStatus(def)} |`;
  });
  const header = `| op | dtypes (OpDef's T) | ${DOC_BACKENDS.map((b) => `${b.name} kernels`).join(' | ')} | gradient |`;
  const rule = `|---|---|${DOC_BACKENDS.map(() => '---|').join('')}---|`;
  return [
    '# Ops',
    '',
    'Every op type registered, generated from the registry by `npm run docs:ops` (a test fails when this',
    'file is stale). **dtypes**: the dtypes the OpDef accepts for its type attribute `T` (or its first',
    'type attribute), other type attributes at their default. **Kernels**: the',
    'dtypes each backend has a kernel for (`all` = every dtype the OpDef allows; `—` = none: on `wasm`',
    'the op runs on the CPU reference backend through transfer steps; on `cpu` it fails with',
    'TensorFlow\'s "No OpKernel was registered" error). A wasm kernel may still hand some attrs (a',
    'data format, a padding mode) back to the CPU kernel at plan time. **Gradient**: `yes`, `not differentiable` (TensorFlow\'s',
    'NotDifferentiable: gradients stop there), or `missing` (`tf.gradients` through it raises',
    '`LookupError`).',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const file = join(import.meta.dirname, '..', '..', 'docs', 'ops.md');
  writeFileSync(file, renderOpsDoc());
  console.log(`wrote ${file}`);
}
