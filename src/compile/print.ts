import type { Plan, Slot, Step } from './plan.js';

function shapeText(s: Slot): string {
  return `${s.dtype}${s.shape.dims === null ? '[?]' : `[${s.shape.dims.map((d) => d ?? '?').join(',')}]`}`;
}

function storage(s: Slot): string {
  if (s.kind === 'ref') return 'variable';
  if (s.alias !== null) return `aliases %${s.alias}`;
  if (s.buffer < 0) return '';
  return `buf${s.buffer} ${s.reuses === null ? '(new)' : `(reuses %${s.reuses})`}`;
}

/** A MatMul/Conv2D step with its bias and activation (passes/epilogue.ts); chains start with an elementwise op. */
const isEpilogue = (ops: Step['ops']) => ops[0]?.type === 'MatMul' || ops[0]?.type === 'Conv2D';

function stepLine(plan: Plan, step: Step, i: number): string {
  const slot = (k: number) => plan.slots[k] as Slot;
  const ins = step.inputSlots.map((k) => `%${k}`).join(', ');
  const outs = step.outputSlots.map((k) => `%${k} ${shapeText(slot(k))}${storage(slot(k)) ? ` ${storage(slot(k))}` : ''}`);
  // The kernel: its backend and the dtypes it was chosen for (the inputs', else the outputs').
  const typed = step.inputSlots.length > 0 ? step.inputSlots : step.outputSlots;
  const kernel = `${step.backend.name} ${[...new Set(typed.map((k) => slot(k).dtype))].join(',')}`;
  const what =
    step.kind === 'transfer'
      ? `transfer(${ins})  [${step.from.name} → ${step.backend.name}]`
      : step.kind === 'fused'
        ? `${step.op.name} = fused ${isEpilogue(step.ops) ? 'epilogue ' : ''}${step.ops.map((o) => o.type).join('→')}(${ins})  [${kernel}]`
        : `${step.op.name} = ${step.op.type}(${ins})  [${kernel}]`;
  const frees = step.release.length > 0 ? `  frees ${step.release.map((k) => `%${k}`).join(' ')}` : '';
  return `  #${i}  ${what}${outs.length ? ` -> ${outs.join(', ')}` : ''}${frees}`;
}

/** Each step's line; a control step's sub-plans follow it, indented, with their own steps. */
function pushSteps(lines: string[], plan: Plan, indent: string): void {
  plan.steps.forEach((st, i) => {
    lines.push(indent + stepLine(plan, st, i));
    if (st.kind !== 'control') return;
    const labels = st.control === 'if' ? ['then', 'else'] : ['cond', 'body'];
    st.subPlans.forEach((sub, k) => {
      const ins = sub.feedSlots.map((s) => `%${s}`).join(', ');
      const outs = sub.fetchSlots.map((s) => `%${s}`).join(', ');
      lines.push(`${indent}      ${labels[k]}: ${st.functions[k]}(${ins}) -> (${outs})`);
      pushSteps(lines, sub, `${indent}      `);
    });
  });
}

/**
 * The plan as a readable step list: what the passes did, the constants and feeds, then each step
 * with its kernel's backend, output shapes and the buffer each output lives in (new, reused from a
 * dead value, or an alias of its input).
 */
export function formatPlan(plan: Plan): string {
  const names = (xs: readonly { name: string }[]) => (xs.length ? xs.map((x) => x.name).join(', ') : '-');
  const lines = [
    `Plan (${plan.backend.name}, ${plan.fedShapes ? 'specialized for the fed shapes' : 'generic shapes'})`,
    `  fetches: ${names(plan.fetches)}`,
    `  feeds:   ${names(plan.feeds)}`,
    `  targets: ${names(plan.targets)}`,
  ];
  for (const p of plan.passes) {
    lines.push(`pass ${p.name}: ${p.details.length === 0 ? 'nothing to do' : p.details.join('; ')}`);
  }
  const slots = plan.slots;
  const consts = slots.filter((s) => s.kind === 'const');
  if (consts.length) {
    lines.push('constants (uploaded once per plan):');
    for (const s of consts) lines.push(`  %${s.index}  ${s.name}  ${shapeText(s)}`);
  }
  const feeds = slots.filter((s) => s.kind === 'feed');
  if (feeds.length) {
    lines.push('feeds:');
    for (const s of feeds) lines.push(`  %${s.index}  ${s.name}  ${shapeText(s)}`);
  }
  lines.push('steps:');
  pushSteps(lines, plan, '');
  lines.push(`fetch: ${plan.fetchSlots.map((k) => `%${k}`).join(', ') || '-'}`);
  const reused = slots.filter((s) => s.reuses !== null).length;
  lines.push(`memory: ${plan.numBuffers} arena buffer(s) for ${slots.filter((s) => s.buffer >= 0).length} computed value(s) (${reused} reused)`);
  return lines.join('\n');
}
