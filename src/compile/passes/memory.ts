import type { Backend } from '../../backends/backend.js';
import { sizeOf } from '../../core/shape.js';
import type { Value } from '../ir.js';
import type { SlotKind, Step } from '../plan.js';

interface Row {
  readonly value: Value | null;
  readonly backend: Backend;
  readonly kind: SlotKind;
  readonly alias: number | null;
  readonly def: number;
  readonly lastUse: number;
}

export interface MemoryPlan {
  /** Per slot: kept to the end of the run. */
  readonly pinned: boolean[];
  /** Per slot: its arena buffer, or -1. */
  readonly buffer: number[];
  /** Per slot: the slot whose buffer it takes over, or null. */
  readonly reuses: (number | null)[];
  readonly numBuffers: number;
  /** Per arena buffer: the backend owning it. */
  readonly bufferBackends: Backend[];
}

/**
 * The buffer-lifetime memory plan. Each computed value that is not an alias gets a buffer of the
 * session's arena; a buffer whose value (and every alias of it) is dead is handed to the next
 * value of the same dtype and size, so after a plan's first run its steps allocate nothing. Also
 * fills each step's release list (slots whose last reader it is) and output buffers.
 */
export function planMemory(rows: readonly Row[], steps: readonly Step[], fetchSlots: readonly number[]): MemoryPlan {
  const n = rows.length;
  const root = (s: number): number => {
    let r = s;
    for (let a = rows[r]?.alias ?? null; a !== null; a = rows[r]?.alias ?? null) r = a;
    return r;
  };
  const pinned: boolean[] = new Array(n).fill(false);
  for (const s of fetchSlots) {
    pinned[s] = true;
    pinned[root(s)] = true;
  }
  // The last step any alias of a root reads it (Infinity: kept to the end).
  const end: number[] = rows.map((r, i) => (pinned[i] ? Number.POSITIVE_INFINITY : Math.max(r.def, r.lastUse)));
  rows.forEach((r, i) => {
    if (r.alias === null) return;
    const rt = root(i);
    end[rt] = Math.max(end[rt] as number, pinned[i] ? Number.POSITIVE_INFINITY : Math.max(r.def, r.lastUse));
  });

  const buffer: number[] = new Array(n).fill(-1);
  const reuses: (number | null)[] = new Array(n).fill(null);
  const free = new Map<string, { id: number; holder: number }[]>();
  const keyOf = (s: number) => {
    const v = rows[s]?.value;
    const shape = v?.shape;
    const size = shape?.isFullyDefined() ? sizeOf(shape.dims as number[]) : '?';
    // Buffers belong to one backend: only values of the same backend, dtype and size share one.
    return `${rows[s]?.backend.name}:${v?.dtype}:${size}`;
  };
  const dying = new Map<number, number[]>();
  let numBuffers = 0;
  const bufferBackends: Backend[] = [];
  steps.forEach((step, i) => {
    // Control steps hand over their sub-plans' outputs: no arena buffers of their own. A transfer
    // copies into one, so crossing backends allocates nothing after the first run.
    if (step.kind !== 'control') {
      const outputBuffers = step.outputSlots.map((s) => {
        const r = rows[s] as Row;
        if (r.kind !== 'value' || r.alias !== null) return -1;
        const key = keyOf(s);
        const list = free.get(key);
        const got = list?.pop();
        let id: number;
        if (got) {
          id = got.id;
          reuses[s] = got.holder;
        } else {
          id = numBuffers++;
          bufferBackends[id] = r.backend;
        }
        buffer[s] = id;
        const e = end[s] as number;
        if (Number.isFinite(e)) {
          const at = Math.max(e, i);
          const l = dying.get(at);
          if (l) l.push(s);
          else dying.set(at, [s]);
        }
        return id;
      });
      (step as { outputBuffers: readonly number[] }).outputBuffers = outputBuffers;
    }
    for (const s of dying.get(i) ?? []) {
      const key = keyOf(s);
      const list = free.get(key);
      const entry = { id: buffer[s] as number, holder: s };
      if (list) list.push(entry);
      else free.set(key, [entry]);
    }
  });

  // Every slot holding a buffer reference drops it after its last reader (fetched slots at the end).
  const release: number[][] = steps.map(() => []);
  rows.forEach((r, s) => {
    if (pinned[s] || r.kind === 'const' || r.kind === 'ref') return;
    const at = Math.max(r.def, r.lastUse);
    if (at >= 0) release[at]?.push(s);
  });
  steps.forEach((step, i) => {
    (step as { release: readonly number[] }).release = release[i] as number[];
  });
  return { pinned, buffer, reuses, numBuffers, bufferBackends };
}
