import { ValueError } from '../core/errors.js';
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

/** The fields of `tf.ConfigProto` that tensorgraph knows (TensorFlow's names in camelCase). */
export interface ConfigFields {
  operationTimeoutInMs?: number;
  interOpParallelismThreads?: number;
  intraOpParallelismThreads?: number;
  allowSoftPlacement?: boolean;
  logDevicePlacement?: boolean;
  graphOptions?: { inferShapes?: boolean };
}

const CONFIG_FIELDS = [
  'operationTimeoutInMs',
  'interOpParallelismThreads',
  'intraOpParallelismThreads',
  'allowSoftPlacement',
  'logDevicePlacement',
  'graphOptions',
] as const;

/** `tf.ConfigProto`: session options. An unknown field is an error, as for TensorFlow's protos. */
export class ConfigProto {
  operationTimeoutInMs = 0;
  interOpParallelismThreads = 0;
  intraOpParallelismThreads = 0;
  allowSoftPlacement = false;
  logDevicePlacement = false;
  graphOptions: { inferShapes?: boolean } = {};

  constructor(fields: ConfigFields = {}) {
    if (fields === null || typeof fields !== 'object') {
      throw new TypeError(`ConfigProto fields must be an object, got ${typeof fields}`);
    }
    for (const [k, v] of Object.entries(fields)) {
      if (!(CONFIG_FIELDS as readonly string[]).includes(k)) {
        throw new ValueError(`Protocol message ConfigProto has no "${k}" field. Known fields: ${CONFIG_FIELDS.join(', ')}`);
      }
      (this as Record<string, unknown>)[k] = v;
    }
  }
}

/** Checks run options and run metadata before anything runs. */
export function checkRunArgs(options: unknown, runMetadata: unknown): void {
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
    throw new TypeError(`options must be a RunOptions or an object like { traceLevel: 'FULL_TRACE', timeoutInMs: 100 }, got ${typeof options}`);
  }
  if (options) {
    const known = ['traceLevel', 'timeoutInMs'];
    for (const k of Object.keys(options)) {
      if (!known.includes(k)) throw new ValueError(`Protocol message RunOptions has no "${k}" field. Known fields: ${known.join(', ')}`);
    }
    const t = (options as { timeoutInMs?: unknown }).timeoutInMs;
    if (t !== undefined && (typeof t !== 'number' || !(t >= 0))) throw new TypeError(`timeoutInMs must be a non-negative number, got ${String(t)}`);
    wantsTrace(options as RunOptionsLike);
  }
  if (runMetadata !== undefined && runMetadata !== null && !(runMetadata instanceof RunMetadata)) {
    throw new TypeError(`run_metadata must be a tf.RunMetadata, got ${typeof runMetadata}`);
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
