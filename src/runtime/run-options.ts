import type { NodeExecStats } from './executor.js';

export type TraceLevel = 'NO_TRACE' | 'SOFTWARE_TRACE' | 'HARDWARE_TRACE' | 'FULL_TRACE';
const LEVELS: readonly TraceLevel[] = ['NO_TRACE', 'SOFTWARE_TRACE', 'HARDWARE_TRACE', 'FULL_TRACE'];

/** `tf.RunOptions`: per-run options. */
export class RunOptions {
  static readonly NO_TRACE = 'NO_TRACE' as const;
  static readonly SOFTWARE_TRACE = 'SOFTWARE_TRACE' as const;
  static readonly HARDWARE_TRACE = 'HARDWARE_TRACE' as const;
  static readonly FULL_TRACE = 'FULL_TRACE' as const;
  traceLevel: TraceLevel | number;
  timeoutInMs: number;

  constructor(opts: { traceLevel?: TraceLevel | number; timeoutInMs?: number } = {}) {
    this.traceLevel = opts.traceLevel ?? 'NO_TRACE';
    this.timeoutInMs = opts.timeoutInMs ?? 0;
  }
}

/** `tf.RunMetadata`: filled by a run; `stepStats` only when tracing was asked for. */
export class RunMetadata {
  stepStats: { devStats: { device: string; nodeStats: NodeExecStats[] }[] } | null = null;
}

/** `tf.ConfigProto`: session options. Fields keep TensorFlow's names in camelCase. */
export class ConfigProto {
  operationTimeoutInMs = 0;
  interOpParallelismThreads = 0;
  intraOpParallelismThreads = 0;
  allowSoftPlacement = false;
  logDevicePlacement = false;
  graphOptions: { inferShapes?: boolean } = {};

  constructor(fields: Partial<Omit<ConfigProto, never>> = {}) {
    Object.assign(this, fields);
  }
}

export type RunOptionsLike = RunOptions | { traceLevel?: TraceLevel | number; timeoutInMs?: number };

/** True when the options ask for step stats. */
export function wantsTrace(o: RunOptionsLike | null | undefined): boolean {
  if (!o || o.traceLevel === undefined) return false;
  const lvl = typeof o.traceLevel === 'number' ? o.traceLevel : LEVELS.indexOf(o.traceLevel);
  if (lvl < 0) throw new TypeError(`Unknown traceLevel '${String(o.traceLevel)}'; expected one of ${LEVELS.join(', ')}`);
  return lvl > 0;
}
