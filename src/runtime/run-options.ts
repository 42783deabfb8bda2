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
  graphOptions?: GraphOptionsFields;
}

/** Switches of TensorFlow's `Toggle` enum (RewriterConfig). */
type Toggle = 'DEFAULT' | 'ON' | 'OFF';

/**
 * `tf.GraphOptions`: which compiler passes run. `optimizerOptions` is TensorFlow's classic
 * optimizer (`optLevel: 'L0'` turns constant folding and CSE off), `rewriteOptions` grappler's
 * switches (`constantFolding`, `remapping` — op fusion —, `dependencyOptimization`, `disableModelPruning`).
 */
export interface GraphOptionsFields {
  inferShapes?: boolean;
  optimizerOptions?: { optLevel?: 'L0' | 'L1'; doConstantFolding?: boolean; doCommonSubexpressionElimination?: boolean };
  rewriteOptions?: { constantFolding?: Toggle; remapping?: Toggle; dependencyOptimization?: Toggle; disableModelPruning?: boolean };
}

const GRAPH_OPTION_FIELDS: Record<string, readonly string[]> = {
  graphOptions: ['inferShapes', 'optimizerOptions', 'rewriteOptions'],
  optimizerOptions: ['optLevel', 'doConstantFolding', 'doCommonSubexpressionElimination'],
  rewriteOptions: ['constantFolding', 'remapping', 'dependencyOptimization', 'disableModelPruning'],
};

function checkFields(message: string, value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${message} must be an object, got ${typeof value}`);
  }
  const known = GRAPH_OPTION_FIELDS[message] as readonly string[];
  for (const k of Object.keys(value)) {
    if (!known.includes(k)) throw new ValueError(`Protocol message ${message[0]?.toUpperCase()}${message.slice(1)} has no "${k}" field. Known fields: ${known.join(', ')}`);
  }
}

/** The compiler passes a session's config turns on: constant folding, CSE, dead code, fusion. */
export function enabledPasses(config: ConfigProto): ReadonlySet<string> {
  const g = config.graphOptions ?? {};
  checkFields('graphOptions', g);
  checkFields('optimizerOptions', g.optimizerOptions);
  checkFields('rewriteOptions', g.rewriteOptions);
  const o = g.optimizerOptions ?? {};
  const r = g.rewriteOptions ?? {};
  const l0 = o.optLevel === 'L0';
  const on = new Set<string>();
  if (!l0 && o.doConstantFolding !== false && r.constantFolding !== 'OFF') on.add('constant folding');
  if (!l0 && o.doCommonSubexpressionElimination !== false) on.add('common subexpressions');
  if (r.disableModelPruning !== true) on.add('dead code');
  if (!l0 && r.dependencyOptimization !== 'OFF') on.add('dependency optimization');
  if (!l0 && r.remapping !== 'OFF') on.add('elementwise fusion');
  if (!l0 && r.remapping !== 'OFF') on.add('epilogue fusion');
  return on;
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
  graphOptions: GraphOptionsFields = {};

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
