// Keras's `Progbar`: `12/469 [==>...........] - ETA: 4s - loss: 0.5123`, redrawn in place on a
// terminal; elsewhere (a pipe, CI logs) only the finished line is written.
import { isInteractive, writeOutput } from '../core/platform.js';

export interface ProgbarOptions {
  /** Bar width in characters. Default 30. */
  readonly width?: number;
  /** 0 silent, 1 the bar, 2 only the finished line. Default 1. */
  readonly verbose?: 0 | 1 | 2;
  /** Metrics shown as given, not averaged over steps. */
  readonly statefulMetrics?: readonly string[];
  /** Unit of the time-per-step figure. Default 'step'. */
  readonly unitName?: string;
  /** Where to write. Default 'stderr'. */
  readonly stream?: 'stdout' | 'stderr';
  /** Seconds between redraws. Default 0.05. */
  readonly interval?: number;
}

type Values = readonly (readonly [string, number])[] | Readonly<Record<string, number>>;

const now = () => performance.now() / 1000;

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(4);
}

function formatDuration(s: number): string {
  if (s >= 3600) return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  if (s >= 60) return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return `${Math.round(s)}s`;
}

export class Progbar {
  private readonly width: number;
  private readonly verbose: 0 | 1 | 2;
  private readonly stateful: ReadonlySet<string>;
  private readonly unit: string;
  private readonly stream: 'stdout' | 'stderr';
  private readonly interval: number;
  private readonly interactive: boolean;
  private readonly start = now();
  private readonly sums = new Map<string, [total: number, steps: number]>();
  private seen = 0;
  private lastDraw = 0;
  private lastLength = 0;
  private done = false;

  /** `target`: the number of steps, or null when unknown. */
  constructor(
    readonly target: number | null,
    options: ProgbarOptions = {},
  ) {
    this.width = options.width ?? 30;
    this.verbose = options.verbose ?? 1;
    this.stateful = new Set(options.statefulMetrics ?? []);
    this.unit = options.unitName ?? 'step';
    this.stream = options.stream ?? 'stderr';
    this.interval = options.interval ?? 0.05;
    this.interactive = isInteractive(this.stream);
  }

  /** Progress to step `current`, with metric values (averaged over the steps since the last call, unless stateful). */
  update(current: number, values: Values = [], finalize?: boolean): void {
    const pairs = Array.isArray(values) ? values : Object.entries(values);
    for (const [name, v] of pairs) {
      const steps = Math.max(current - this.seen, 1);
      const prev = this.sums.get(name);
      if (this.stateful.has(name) || !prev) this.sums.set(name, this.stateful.has(name) ? [v, 1] : [v * steps, steps]);
      else this.sums.set(name, [prev[0] + v * steps, prev[1] + steps]);
    }
    this.seen = current;
    const final = finalize ?? (this.target !== null && current >= this.target);
    if (this.verbose === 0 || this.done) return;
    const t = now();
    if (!final && (this.verbose === 2 || !this.interactive || t - this.lastDraw < this.interval)) return;
    this.lastDraw = t;
    const line = this.render(current, t - this.start, final);
    if (this.interactive && this.verbose === 1) {
      const pad = this.lastLength > line.length ? ' '.repeat(this.lastLength - line.length) : '';
      writeOutput(this.stream, `\r${line}${pad}${final ? '\n' : ''}`);
      this.lastLength = line.length;
    } else writeOutput(this.stream, `${line}\n`);
    if (final) this.done = true;
  }

  /** Progress by `n` more steps. */
  add(n: number, values: Values = []): void {
    this.update(this.seen + n, values);
  }

  private render(current: number, elapsed: number, final: boolean): string {
    let s = '';
    if (this.target !== null) {
      const digits = String(this.target).length;
      const frac = Math.min(current / Math.max(this.target, 1), 1);
      const filled = Math.floor(this.width * frac);
      const bar = filled > 0 ? '='.repeat(filled - 1) + (current < this.target ? '>' : '=') : '';
      s = `${String(current).padStart(digits)}/${this.target} [${bar}${'.'.repeat(this.width - filled)}]`;
    } else s = `${current}`;
    const perStep = current > 0 ? elapsed / current : 0;
    if (final) {
      const unitTime = perStep >= 1 ? `${perStep.toFixed(0)}s/${this.unit}` : perStep >= 1e-3 ? `${(perStep * 1e3).toFixed(0)}ms/${this.unit}` : `${(perStep * 1e6).toFixed(0)}us/${this.unit}`;
      s += ` - ${formatDuration(elapsed)} ${unitTime}`;
    } else if (this.target !== null) s += ` - ETA: ${formatDuration(perStep * (this.target - current))}`;
    for (const [name, [total, steps]] of this.sums) s += ` - ${name}: ${formatValue(total / steps)}`;
    return s;
  }
}
