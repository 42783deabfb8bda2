import { type Backend, type BackendTensor, type KernelValue, RefCell } from '../backends/backend.js';
import { type ControlStep, InputMode, type Plan } from '../compile/plan.js';
import { DeadlineExceededError } from '../core/errors.js';
import { reusedBuffer } from './buffers.js';
import type { SessionState } from './state.js';

/** How a control step runs a sub-plan: its outputs, each holding one reference the caller owns. */
export type SubPlanRunner = (plan: Plan, feeds: readonly KernelValue[]) => KernelValue[];

/** The step's input values: refs derefed (TensorFlow's uninitialized check) or handed over as cells. */
type Deref = (v: KernelValue, inputName: string) => BackendTensor;

/** TensorFlow's ToBool for If's predicate and While's cond: a scalar's truth, else non-emptiness. */
function toBool(backend: Backend, v: KernelValue): boolean {
  const t = v instanceof RefCell ? (v.value as BackendTensor) : v;
  if (t.shape.length > 0) return t.shape.every((d) => d > 0);
  const a = backend.download(t);
  const x = a.data[0] as unknown;
  return x instanceof Uint8Array ? x.length > 0 : Boolean(x);
}

function release(backend: Backend, values: readonly KernelValue[]): void {
  for (const v of values) if (!(v instanceof RefCell)) backend.release(v);
}

/**
 * A While's next loop variable: the body's output copied into the step's own buffer of this
 * parity (two sets, so a body reading the current set never sees its output overwrite it), kept by
 * the session across runs: after warm-up a loop allocates nothing.
 */
function loopBuffer(backend: Backend, bufs: (BackendTensor | null)[], id: number, src: BackendTensor): BackendTensor {
  const t = reusedBuffer(backend, bufs, id, src.dtype, src.shape);
  backend.copyInto(src, t);
  return t;
}

/**
 * Runs an If or While step: If runs the taken branch's sub-plan on its inputs; While runs cond and
 * body until cond is false. The outputs go into the outer slots, each with one reference.
 */
export function runControlStep(
  step: ControlStep,
  slots: (KernelValue | undefined)[],
  state: SessionState,
  run: SubPlanRunner,
  deref: Deref,
  deadline: number | undefined,
): void {
  const backend = step.backend;
  const inputs: KernelValue[] = step.inputSlots.map((s, i) => {
    const v = slots[s] as KernelValue;
    return step.inputModes[i] === InputMode.Value ? deref(v, step.inputNames[i] as string) : v;
  });
  let outputs: KernelValue[];
  if (step.control === 'if') {
    const [thenPlan, elsePlan] = step.subPlans as [Plan, Plan];
    outputs = run(toBool(backend, inputs[0] as KernelValue) ? thenPlan : elsePlan, inputs.slice(1));
  } else {
    const [condPlan, bodyPlan] = step.subPlans as [Plan, Plan];
    const n = inputs.length;
    const bufs = state.stepBuffers(step, backend, 2 * n);
    let vars = inputs;
    for (let parity = 0; ; parity = 1 - parity) {
      if (deadline !== undefined && performance.now() > deadline) {
        throw new DeadlineExceededError(null, null, 'Timed out waiting for notification');
      }
      const c = run(condPlan, vars);
      const go = toBool(backend, c[0] as KernelValue);
      release(backend, c);
      if (!go) break;
      const outs = run(bodyPlan, vars);
      const next = outs.map((o, i) => (o instanceof RefCell ? o : loopBuffer(backend, bufs, parity * n + i, o)));
      release(backend, outs);
      vars = next;
    }
    // The slots take their own references; the loop's buffers stay with the session.
    for (const v of vars) if (!(v instanceof RefCell)) backend.retain(v);
    outputs = vars;
  }
  const outSlots = step.outputSlots;
  for (let i = 0; i < outSlots.length; i++) slots[outSlots[i] as number] = outputs[i];
}
