import type { Backend, BackendTensor } from '../backends/backend.js';
import { type DType, dtypeAttrName } from '../core/dtypes.js';
import { InvalidArgumentError } from '../core/errors.js';
import { TensorShape } from '../core/shape.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { formatAttrValue } from '../ops/node-desc.js';
import { type ArgDef, argLength, forwardsInput } from '../ops/opdef.js';
import type { AttrValue } from '../ops/types.js';
import type { Node, Pass, RunIR, Value } from './ir.js';
import { planMemory } from './passes/memory.js';
import { commonSubexpressions } from './passes/cse.js';
import { deadCode } from './passes/dead-code.js';
import { dependencyOptimization } from './passes/dependency.js';
import { constantFolding } from './passes/fold.js';
import { elementwiseFusion } from './passes/fuse.js';
import { epilogueFusion } from './passes/epilogue.js';
import { functionAttrs, subPlans } from './control.js';
import {
  type ControlStep,
  InputMode,
  type KernelStep,
  type PassReport,
  type Plan,
  type PlanConstant,
  type Slot,
  type SlotKind,
  type Step,
  type TransferStep,
} from './plan.js';
import { formatPlan } from './print.js';
import { pruneAndOrder } from './prune.js';

/** The passes every plan goes through, in order (memory planning runs after them). */
export const PASSES: readonly (readonly [string, Pass])[] = [
  ['constant folding', constantFolding],
  ['common subexpressions', commonSubexpressions],
  ['dead code', deadCode],
  ['dependency optimization', dependencyOptimization],
  ['epilogue fusion', epilogueFusion],
  ['elementwise fusion', elementwiseFusion],
];

export interface CompileRequest {
  readonly graph: Graph;
  /** Sorted by name. */
  readonly feeds: readonly Tensor[];
  readonly fetches: readonly Tensor[];
  readonly targets: readonly Operation[];
  readonly backend: Backend;
  /** Where ops the backend lacks run (the CPU reference backend). */
  readonly fallback: Backend;
  readonly key: string;
  /** The concrete shape of each feed, for a specialized plan; null for a generic one. */
  readonly fedShapes: readonly (readonly number[])[] | null;
  /** Ops already run (partial runs): never run again; their outputs come in as feeds. */
  readonly executed?: ReadonlySet<Operation>;
  /** Skip the rewriting passes (partial runs keep every value they compute). */
  readonly noPasses?: boolean;
  /** The passes to run, by name (default: all of PASSES). */
  readonly passes?: ReadonlySet<string>;
}

/** The ArgDef of each flat input of an op (list args expanded). */
function flatInputArgs(op: Operation): ArgDef[] {
  return op.def.inputs.flatMap((arg) => new Array<ArgDef>(argLength(arg, op.attrs)).fill(arg));
}

function buildIR(req: CompileRequest): RunIR {
  const fed = new Set(req.feeds);
  const ops = pruneAndOrder(req.fetches, req.targets, fed, req.executed);
  let nextId = 0;
  const values = new Map<Tensor, Value>();
  const feeds = req.feeds.map((t, i) => {
    const fixed = req.fedShapes?.[i];
    const v: Value = {
      id: nextId++,
      tensor: t,
      dtype: t.dtype,
      shape: fixed ? new TensorShape(fixed) : t.shape,
      isRef: false,
      constant: null,
      feed: i,
    };
    values.set(t, v);
    return v;
  });
  const valueFor = (t: Tensor): Value => {
    const v = values.get(t);
    if (!v) throw new Error(`internal: ${t.name} has no producer in the plan`);
    return v;
  };
  const nodes: Node[] = ops.map((op) => {
    const inputs = op.inputs.map(valueFor);
    const outputs = op.outputs.map((t) => {
      const v: Value = { id: nextId++, tensor: t, dtype: t.dtype, shape: t.shape, isRef: t.isRef, constant: null, feed: -1 };
      if (!values.has(t)) values.set(t, v);
      return values.get(t) as Value;
    });
    return { op, inputs, outputs };
  });
  return { nodes, feeds, fetches: req.fetches.map(valueFor), targets: new Set(req.targets) };
}

/**
 * The dtypes of a single-type-attr op (`T`, `dtype`) that a backend has kernels for, found by
 * asking it for each dtype the OpDef allows; null for ops typed otherwise.
 */
function kernelDtypes(op: Operation, backend: Backend): DType[] | null {
  const typeAttrs = new Set([...op.def.inputs, ...op.def.outputs].map((a) => a.typeAttr).filter((a) => a !== undefined));
  if (typeAttrs.size !== 1) return null;
  const attr = op.def.attrs.find((a) => typeAttrs.has(a.name));
  if (!attr?.allowed) return null;
  return attr.allowed.filter((d) => {
    const attrs = { ...op.attrs, [attr.name]: d };
    const typed = (args: typeof op.def.inputs) => args.flatMap((a) => new Array<DType>(argLength(a, attrs)).fill(a.typeAttr ? d : (a.dtype as DType)));
    return backend.kernel(op.type, { inputs: typed(op.def.inputs), outputs: typed(op.def.outputs) }, attrs) !== undefined;
  });
}

/** TensorFlow's session error for an op no device has a kernel for (names the kernels there are). */
function noKernel(op: Operation, backend: Backend): InvalidArgumentError {
  // All attrs, sorted, as TensorFlow's SummarizeAttrs prints them.
  const attrs = Object.keys(op.attrs)
    .sort()
    .map((k) => `${k}=${formatAttrValue(op.attrs[k] as AttrValue, op.def.attrs.find((a) => a.name === k))}`);
  const device = backend.name.toUpperCase();
  const dtypes = kernelDtypes(op, backend);
  const registered =
    dtypes === null || dtypes.length === 0
      ? '  <no registered kernels>'
      : dtypes.map((d) => `  device='${device}'; T in [${dtypeAttrName(d)}]`).join('\n');
  return new InvalidArgumentError(
    null,
    op,
    `No OpKernel was registered to support Op '${op.type}' used by {{node ${op.name}}} with these attrs: [${attrs.join(', ')}]\nRegistered devices: [${device}]\nRegistered kernels:\n${registered}\n`,
  );
}

/** Compiles one run signature into a Plan: prune → passes → kernels and transfers → memory plan. */
export function compilePlan(req: CompileRequest): Plan {
  const ir = buildIR(req);
  const passes: PassReport[] = [];
    if (!req.noPasses) {
    for (const [name, pass] of PASSES) if (!req.passes || req.passes.has(name)) passes.push({ name, details: pass(ir, { backend: req.backend }) });
  }

  // ---- slots and steps ----
  const slotOfValue = new Map<Value, number>();
  const rows: { name: string; value: Value | null; kind: SlotKind; backend: Backend; alias: number | null; def: number; lastUse: number }[] = [];
  const addSlot = (value: Value | null, name: string, kind: SlotKind, backend: Backend, def: number) => {
    rows.push({ name, value, kind, backend, alias: null, def, lastUse: def });
    return rows.length - 1;
  };
  const constants: PlanConstant[] = [];
  const slotFor = (v: Value): number => {
    let s = slotOfValue.get(v);
    if (s !== undefined) return s;
    if (v.constant) {
      s = addSlot(v, v.tensor.name, 'const', req.backend, -1);
      const value: BackendTensor = req.backend.upload(v.constant);
      req.backend.retain(value); // the plan's own reference: constants live as long as the plan
      constants.push({ slot: s, value });
    } else if (v.feed >= 0) s = addSlot(v, v.tensor.name, 'feed', req.backend, -1);
    else throw new Error(`internal: ${v.tensor.name} is used before it is computed`);
    slotOfValue.set(v, s);
    return s;
  };
  const feedSlots = ir.feeds.map(slotFor);
  const steps: Step[] = [];
  // Values copied to another backend, so each crosses once.
  const transferred = new Map<string, number>();
  const use = (s: number) => {
    (rows[s] as { lastUse: number }).lastUse = steps.length;
  };
  for (const n of ir.nodes) {
    const op = n.op;
    const signature = { inputs: n.inputs.map((v) => v.dtype), outputs: n.outputs.map((v) => v.dtype) };
    const control = n.fused || n.epilogue ? undefined : op.def.control;
    let backend = req.backend;
    let kernel = control
      ? undefined
      : n.epilogue
      ? backend.epilogueKernel?.(n.epilogue.spec)
      : n.fused
      ? backend.fusedKernel?.({ dtype: (n.outputs[0] as Value).dtype, links: n.fused.links, scalar: n.fused.scalar, row: n.fused.row, column: n.fused.column })
      : backend.kernel(op.type, signature, op.attrs);
    if (n.fused && !kernel) throw new Error(`internal: ${backend.name} offered to fuse ${n.fused.ops.map((o) => o.type).join(', ')} but has no kernel`);
    if (n.epilogue && !kernel) throw new Error(`internal: ${backend.name} offered an epilogue for ${n.epilogue.ops.map((o) => o.type).join(', ')} but has no kernel`);
    if (!control && !kernel && req.fallback !== backend) {
      backend = req.fallback;
      kernel = backend.kernel(op.type, signature, op.attrs);
    }
    // Named as the fallback's (TensorFlow's CPU) kernels: the fallback has every kernel there is.
    if (!control && !kernel) throw noKernel(op, req.fallback);
    const args = n.fused || n.epilogue ? n.inputs.map((): ArgDef => ({ name: 'x' })) : flatInputArgs(op);
    // A control step hands a captured variable's cell to its functions as it is.
    const inputModes = control
      ? n.inputs.map((v) => (v.isRef ? InputMode.RefMayBeUninitialized : InputMode.Value))
      : args.map((a) => (a.isRef ? (op.def.initializesRef ? InputMode.RefMayBeUninitialized : InputMode.Ref) : InputMode.Value));
    const inputSlots = n.inputs.map((v, i) => {
      let s = slotFor(v);
      const row = rows[s] as (typeof rows)[number];
      if (row.backend !== backend && inputModes[i] === InputMode.Value) {
        // A variable's value can change between reads (an Assign): each read of a ref crosses anew.
        const isRef = row.kind === 'ref';
        const key = `${s}>${backend.name}`;
        let t = isRef ? undefined : transferred.get(key);
        if (t === undefined) {
          use(s);
          t = addSlot(v, `${v.tensor.name}@${backend.name}`, 'value', backend, steps.length);
          const tr: TransferStep = isRef
            ? { kind: 'transfer', ops: [op], inputSlots: [s], outputSlots: [t], outputBuffers: [], release: [], backend, from: row.backend, derefName: v.tensor.valueIndex === 0 ? v.tensor.op.name : v.tensor.name }
            : { kind: 'transfer', ops: [], inputSlots: [s], outputSlots: [t], outputBuffers: [], release: [], backend, from: row.backend };
          steps.push(tr);
          if (!isRef) transferred.set(key, t);
        }
        s = t;
      }
      return s;
    });
    for (const s of inputSlots) use(s);
    const stepIndex = steps.length;
    const outputSlots = n.outputs.map((v) => {
      const s = addSlot(v, v.tensor.name, v.isRef ? 'ref' : 'value', backend, stepIndex);
      slotOfValue.set(v, s);
      return s;
    });
    if (!n.fused && !n.epilogue && forwardsInput(op.def, op.attrs) && outputSlots.length > 0 && inputModes[0] === InputMode.Value) {
      (rows[outputSlots[0] as number] as { alias: number | null }).alias = inputSlots[0] as number;
    }
    const inputNames = n.inputs.map((v) => (v.tensor.valueIndex === 0 ? v.tensor.op.name : v.tensor.name));
    if (control) {
      const step: ControlStep = {
        kind: 'control',
        ops: [op],
        op,
        control,
        backend,
        inputSlots,
        inputModes,
        inputNames,
        outputSlots,
        release: [],
        functions: functionAttrs(op).map((a) => op.attrs[a] as string),
        subPlans: subPlans(op, req, compilePlan),
      };
      steps.push(step);
      continue;
    }
    const step: KernelStep = {
      kind: n.fused || n.epilogue ? 'fused' : 'kernel',
      ops: n.fused ? n.fused.ops : n.epilogue ? n.epilogue.ops : [op],
      op,
      kernel: kernel as NonNullable<typeof kernel>,
      backend,
      inputSlots,
      inputModes,
      inputNames,
      outputSlots,
      outputBuffers: [],
      release: [],
      env: { opName: op.name, opType: op.type, attrs: op.attrs },
    };
    steps.push(step);
  }
  // Each fetched value is downloaded from the backend that holds it.
  const fetchSlots = ir.fetches.map(slotFor);

  const memory = planMemory(rows, steps, fetchSlots);
  const slots: Slot[] = rows.map((r, i) => ({
    index: i,
    name: r.name,
    dtype: r.value?.dtype ?? 'float32',
    shape: r.value?.shape ?? new TensorShape(null),
    kind: r.kind,
    backend: r.backend,
    alias: r.alias,
    def: r.def,
    lastUse: r.lastUse,
    pinned: memory.pinned[i] === true,
    buffer: memory.buffer[i] ?? -1,
    reuses: memory.reuses[i] ?? null,
  }));
  const plan: Plan = {
    key: req.key,
    graph: req.graph,
    backend: req.backend,
    feeds: req.feeds,
    feedSlots,
    fetches: req.fetches,
    fetchSlots,
    targets: req.targets,
    steps,
    slots,
    constants,
    numBuffers: memory.numBuffers,
    bufferBackends: memory.bufferBackends,
    fedShapes: req.fedShapes,
    passes,
    toString: () => formatPlan(plan),
  };
  return plan;
}
