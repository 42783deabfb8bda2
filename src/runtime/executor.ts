import { type BackendTensor, type KernelValue, RefCell } from '../backends/backend.js';
import type { Plan } from '../compile/plan.js';
import { InputMode } from '../compile/plan.js';
import { dtypeTfName } from '../core/dtypes.js';
import { DeadlineExceededError, FailedPreconditionError, InvalidArgumentError, OpError, UnknownError, withOp } from '../core/errors.js';
import type { Operation } from '../graph/operation.js';
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
  /** Keep every computed value (partial runs) instead of releasing dead ones. */
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

/**
 * Runs a plan's steps in order over a slot array: gathers inputs (dereferencing variables, with
 * TensorFlow's uninitialized-value check), calls the kernel, stores outputs, releases dead slots.
 * Kernel errors get the failing op attached. Returns the slot array.
 */

export function execute(plan: Plan, feedValues: readonly BackendTensor[], state: SessionState, opts: ExecuteOptions = {}): (KernelValue | undefined)[] {
  const slots: (KernelValue | undefined)[] = new Array(plan.numSlots);
  plan.feedSlots.forEach((s, i) => {
    slots[s] = feedValues[i];
  });
  const { trace, deadline, keepAll } = opts;
  const t0 = trace ? performance.now() : 0;
  const steps = plan.steps;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k] as Plan['steps'][number];
    const op = step.op;
    if (deadline !== undefined && performance.now() > deadline) {
      throw new DeadlineExceededError(null, null, 'Timed out waiting for notification');
    }
    const n = step.inputSlots.length;
    const inputs: KernelValue[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = slots[step.inputSlots[i] as number] as KernelValue;
      const mode = step.inputModes[i];
      if (mode === InputMode.Value) inputs[i] = deref(v, step.inputNames[i] as string, op);
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
        inputs[i] = v;
      }
    }
    const start = trace ? performance.now() : 0;
    let outputs: KernelValue[];
    try {
      outputs = step.kernel(inputs, step.env, state);
    } catch (e) {
      if (e instanceof OpError) throw withOp(e, op);
      const err = new UnknownError(null, op, `Kernel for ${op.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      (err as Error).cause = e;
      throw err;
    }
    const outSlots = step.outputSlots;
    for (let i = 0; i < outSlots.length; i++) slots[outSlots[i] as number] = outputs[i];
    if (trace) {
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
    if (!keepAll) for (const s of step.release) slots[s] = undefined;
  }
  return slots;
}
