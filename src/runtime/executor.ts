import { type BackendTensor, type KernelContext, type KernelValue, RefCell } from '../backends/backend.js';
import type { KernelStep, Plan, Step } from '../compile/plan.js';
import { InputMode } from '../compile/plan.js';
import { dtypeTfName } from '../core/dtypes.js';
import { sameShape } from '../core/shape.js';
import { DeadlineExceededError, FailedPreconditionError, InvalidArgumentError, OpError, UnknownError, withOp } from '../core/errors.js';
import type { Operation } from '../graph/operation.js';
import { runControlStep } from './control.js';
import { copyAcross, reusedBuffer } from './buffers.js';
import type { SessionState } from './state.js';

/** One node's timing, in TensorFlow's NodeExecStats form. */
export interface NodeExecStats {
  nodeName: string;
  opType: string;
  timelineLabel: string;
  allStartMicros: number;
  opStartRelMicros: number;
  opEndRelMicros: number;
  allEndRelMicros: number;
  output: { slot: number; tensorDescription: { dtype: string; shape: number[] } }[];
}

export interface ExecuteOptions {
  /** Collect per-op timings here (FULL_TRACE). */
  trace?: NodeExecStats[];
  /** Absolute time (performance.now()) after which the run fails with DeadlineExceeded. */
  deadline?: number;
  /**
   * Keep every computed value (partial runs): nothing is released and no arena buffer is used,
   * since the values outlive the call.
   */
  keepAll?: boolean;
}

function uninitialized(name: string, op: Operation | null): OpError {
  return new FailedPreconditionError(null, op, `Attempting to use uninitialized value ${name}`);
}

/** A ref's current value, or TensorFlow's uninitialized error (naming `inputName`, failing `op`). */
export function deref(v: KernelValue, inputName: string, op: Operation | null): BackendTensor {
  if (!(v instanceof RefCell)) return v;
  if (!v.value) throw uninitialized(inputName, op);
  return v.value;
}

/** Values uploaded for one step by gatherInputs, dropped after it (see runKernelStep). */
const crossed: BackendTensor[] = [];

function gatherInputs(step: KernelStep, slots: (KernelValue | undefined)[]): KernelValue[] {
  const op = step.op;
  const n = step.inputSlots.length;
  const inputs: KernelValue[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = slots[step.inputSlots[i] as number] as KernelValue;
    const mode = step.inputModes[i];
    if (mode === InputMode.Value) {
      const t = deref(v, step.inputNames[i] as string, op);
      // A variable of another backend fed back in (partial runs): its value crosses for this step only.
      if (v instanceof RefCell && v.backend !== step.backend) {
        const moved = step.backend.upload(v.backend.download(t));
        crossed.push(moved);
        inputs[i] = moved;
      } else inputs[i] = t;
    }
    else if (!(v instanceof RefCell)) {
      // The variable's ref was fed a plain value, so there is no variable to update.
      const dtype = dtypeTfName(v.dtype);
      throw new InvalidArgumentError(
        null,
        op,
        `Input ${i} of node ${op.name} was passed ${dtype} from ${step.inputNames[i]} incompatible with expected ${dtype}_ref.`,
      );
    } else {
      if (mode === InputMode.Ref && !v.value) throw uninitialized(step.inputNames[i] as string, op);
      inputs[i] = v.backend === step.backend ? v : standIn(v, step);
    }
  }
  return inputs;
}

/** Cells of another backend standing in for variables during one step (see standIn). */
const standIns: { readonly proxy: RefCell; readonly cell: RefCell }[] = [];

/**
 * A ref op whose kernel runs on another backend than its variable's (its kernel for that dtype
 * is on one backend only): the kernel gets a cell of its own backend holding a copy, and
 * `endStandIns` copies the result back into the variable's buffer, which stays where it is (so
 * reads that alias it see the update, as TensorFlow's ref semantics want).
 */
function standIn(c: RefCell, step: KernelStep): RefCell {
  const known = standIns.find((e) => e.cell === c);
  if (known) return known.proxy;
  const to = step.backend;
  const proxy = new RefCell(c.name, c.dtype, c.declaredShape, to);
  const cur = c.value;
  if (cur) {
    const copy = to.allocate(cur.dtype, cur.shape);
    copyAcross(c.backend, cur, to, copy);
    proxy.replace(copy);
  }
  standIns.push({ proxy, cell: c });
  return proxy;
}

/** After the step: each stand-in's value goes back into its variable (unless the kernel failed). */
function endStandIns(outputs: KernelValue[] | null): void {
  while (standIns.length > 0) {
    const { proxy, cell } = standIns.pop() as (typeof standIns)[number];
    const v = proxy.value;
    if (outputs && v) {
      const cur = cell.value;
      if (cur && cur.dtype === v.dtype && sameShape(cur.shape, v.shape)) copyAcross(proxy.backend, v, cell.backend, cur);
      else {
        const fresh = cell.backend.allocate(v.dtype, v.shape);
        copyAcross(proxy.backend, v, cell.backend, fresh);
        cell.replace(fresh);
      }
    }
    if (outputs) for (let i = 0; i < outputs.length; i++) if (outputs[i] === proxy) outputs[i] = cell;
    proxy.clear();
  }
}

/** Drops the run's reference on a slot's value (refs and constants hold none). */
function releaseSlot(plan: Plan, slots: (KernelValue | undefined)[], s: number): void {
  const v = slots[s];
  if (v === undefined) return;
  slots[s] = undefined;
  if (!(v instanceof RefCell)) (plan.slots[s] as Plan['slots'][number]).backend.release(v);
}

/**
 * Runs a plan's steps in order over a slot array: constants and feeds first, then each step
 * gathers its inputs (dereferencing variables, with TensorFlow's uninitialized-value check), calls
 * its kernel with the session's arena buffers for the outputs, and releases dead slots. Kernel
 * errors get the failing op attached. Returns the slot array; the caller reads the fetched slots,
 * then calls `finishRun` to release what is left.
 */
export function execute(plan: Plan, feedValues: readonly BackendTensor[], state: SessionState, opts: ExecuteOptions = {}): (KernelValue | undefined)[] {
  const slots: (KernelValue | undefined)[] = new Array(plan.slots.length);
  for (const c of plan.constants) slots[c.slot] = c.value;
  const feedSlots = plan.feedSlots;
  for (let i = 0; i < feedSlots.length; i++) {
    const v = feedValues[i] as BackendTensor;
    // Partial runs pass earlier values back in as feeds, variable cells among them.
    if (!(v instanceof RefCell)) (plan.slots[feedSlots[i] as number] as Plan['slots'][number]).backend.retain(v);
    slots[feedSlots[i] as number] = v;
  }
  const { trace, deadline, keepAll } = opts;
  const arena = keepAll ? null : state.arena(plan);
  const t0 = trace ? performance.now() : 0;
  if (trace) traceConstants(plan, trace);
  const steps = plan.steps;
  let current: KernelStep | null = null;
  const ctx: KernelContext = {
    env: { opName: '', opType: '', attrs: {} },
    resources: state,
    output: (index, dtype, shape) => {
      const step = current as KernelStep;
      const id = arena === null ? -1 : (step.outputBuffers[index] ?? -1);
      return id < 0 ? step.backend.allocate(dtype, shape) : reusedBuffer(step.backend, arena as (BackendTensor | null)[], id, dtype, shape);
    },
  };
  try {
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k] as Step;
      if (deadline !== undefined && performance.now() > deadline) {
        throw new DeadlineExceededError(null, null, 'Timed out waiting for notification');
      }
      if (step.kind === 'transfer') {
        const s = step.inputSlots[0] as number;
        const v = slots[s] as KernelValue;
        // A ref crosses by value, from the backend holding the variable (a fed cell included).
        const src = v instanceof RefCell ? deref(v, step.derefName ?? (plan.slots[s] as Plan['slots'][number]).name, step.ops[0] ?? null) : v;
        const from = v instanceof RefCell ? v.backend : step.from;
        const id = arena === null ? -1 : (step.outputBuffers[0] ?? -1);
        let moved: BackendTensor;
        if (from === step.backend) moved = src; // a cell of this backend fed in (partial runs)
        else if (id < 0) moved = step.backend.upload(from.download(src));
        else {
          // Into the plan's arena buffer: a transfer allocates nothing after the first run.
          moved = reusedBuffer(step.backend, arena as (BackendTensor | null)[], id, src.dtype, src.shape);
          copyAcross(from, src, step.backend, moved);
        }
        step.backend.retain(moved);
        slots[step.outputSlots[0] as number] = moved;
      } else if (step.kind === 'control') {
        const start = trace ? performance.now() : 0;
        runControlStep(step, slots, state, (sub, feeds) => runSubPlan(sub, feeds, state, deadline), (v, name) => deref(v, name, step.op), deadline);
        if (trace) traceStep(trace, step.op, start, t0, step.outputSlots.map((s) => slots[s] as KernelValue));
      } else {
        current = step; // whose buffers ctx.output hands out
        runKernelStep(step, slots, ctx, trace, t0);
      }
      if (!keepAll) {
        const rel = step.release;
        for (let i = 0; i < rel.length; i++) releaseSlot(plan, slots, rel[i] as number);
      }
    }
  } catch (e) {
    if (!keepAll) finishRun(plan, slots);
    throw e;
  }
  return slots;
}

/** Runs a control step's sub-plan: its fetched values, each with a reference the caller owns. */
function runSubPlan(plan: Plan, feeds: readonly KernelValue[], state: SessionState, deadline: number | undefined): KernelValue[] {
  const slots = execute(plan, feeds as BackendTensor[], state, deadline === undefined ? {} : { deadline });
  try {
    return plan.fetchSlots.map((s) => {
      const v = slots[s] as KernelValue;
      if (v instanceof RefCell) return v;
      // The control step hands its outputs over on the plan's backend: a value a fallback
      // kernel computed crosses back (as a transfer step would).
      const from = (plan.slots[s] as Plan['slots'][number]).backend;
      const moved = from === plan.backend ? v : plan.backend.upload(from.download(v));
      plan.backend.retain(moved);
      return moved;
    });
  } finally {
    finishRun(plan, slots);
  }
}

/** Frees the step's crossed inputs (an output forwarding one keeps it). */
function dropCrossed(step: KernelStep): void {
  while (crossed.length > 0) {
    const t = crossed.pop() as BackendTensor;
    step.backend.retain(t);
    step.backend.release(t);
  }
}

function runKernelStep(
  step: KernelStep,
  slots: (KernelValue | undefined)[],
  ctx: KernelContext,
  trace: NodeExecStats[] | undefined,
  t0: number,
): void {
  const op = step.op;
  let inputs: KernelValue[];
  try {
    inputs = gatherInputs(step, slots);
  } catch (e) {
    dropCrossed(step);
    endStandIns(null);
    throw e;
  }
  (ctx as { env: KernelStep['env'] }).env = step.env;
  const start = trace ? performance.now() : 0;
  let outputs: KernelValue[];
  try {
    outputs = step.kernel(inputs, ctx);
  } catch (e) {
    dropCrossed(step);
    endStandIns(null);
    if (e instanceof OpError) throw withOp(e, op);
    const err = new UnknownError(null, op, `Kernel for ${op.type} failed: ${e instanceof Error ? e.message : String(e)}`);
    (err as Error).cause = e;
    throw err;
  }
  if (standIns.length > 0) {
    outputs = [...outputs];
    endStandIns(outputs);
  }
  const outSlots = step.outputSlots;
  for (let i = 0; i < outSlots.length; i++) {
    const o = outputs[i] as KernelValue;
    if (!(o instanceof RefCell)) step.backend.retain(o);
    slots[outSlots[i] as number] = o;
  }
  dropCrossed(step);
  if (trace) traceStep(trace, op, start, t0, outputs);
}

/** One step's NodeExecStats (a control step counts its sub-plans' time as its own). */
function traceStep(trace: NodeExecStats[], op: Operation, start: number, t0: number, outputs: readonly KernelValue[]): void {
  const end = performance.now();
  trace.push({
    nodeName: op.name,
    opType: op.type,
    timelineLabel: `${op.name} = ${op.type}(${op.nodeInputs().join(', ')})`,
    allStartMicros: Math.round((start - t0) * 1000),
    opStartRelMicros: 0,
    opEndRelMicros: Math.round((end - start) * 1000),
    allEndRelMicros: Math.round((end - start) * 1000),
    output: outputs.map((o, slot) => {
      const v = o instanceof RefCell ? o.value : o;
      return { slot, tensorDescription: { dtype: v?.dtype ?? op.outputs[slot]?.dtype ?? '', shape: v ? [...v.shape] : [] } };
    }),
  });
}

/**
 * Fetched values that constant folding computed ahead of time show in a trace as Const nodes of
 * the fetched op's name, as TensorFlow's folded nodes do.
 */
function traceConstants(plan: Plan, trace: NodeExecStats[]): void {
  for (const c of plan.constants) {
    if (!plan.fetchSlots.includes(c.slot)) continue;
    const name = (plan.slots[c.slot] as Plan['slots'][number]).name.replace(/:\d+$/, '');
    trace.push({
      nodeName: name,
      opType: 'Const',
      timelineLabel: `${name} = Const()`,
      allStartMicros: 0,
      opStartRelMicros: 0,
      opEndRelMicros: 0,
      allEndRelMicros: 0,
      output: [{ slot: 0, tensorDescription: { dtype: c.value.dtype, shape: [...c.value.shape] } }],
    });
  }
}

/** Releases every value the run still holds (fetched ones after they were read). */
export function finishRun(plan: Plan, slots: (KernelValue | undefined)[]): void {
  const consts = plan.constants;
  for (let i = 0; i < consts.length; i++) slots[(consts[i] as Plan['constants'][number]).slot] = undefined;
  for (let s = 0; s < slots.length; s++) if (slots[s] !== undefined) releaseSlot(plan, slots, s);
}
