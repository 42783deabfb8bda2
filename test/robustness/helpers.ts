// Shared helpers for the robustness tests (not a test file itself).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

import { catchError, expectThrows as expectThrowsRuntime } from '../runtime/helpers.js';

export { catchError };

/** Describes a thrown value for assertion messages: `RangeError: Invalid typed array length: -2`. */
export function describe(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message.split('\n')[0]}` : String(e);
}

/**
 * Messages that betray an internal failure rather than a user-facing error: JS engine errors about
 * the library's own code (`x.map is not a function`, `Cannot read properties of undefined`),
 * stack overflows, allocation failures and `internal:` messages.
 */
const INTERNAL = [
  /is not a function/,
  /is not iterable/,
  /Cannot read propert/,
  /Cannot create property/,
  /Cannot convert object to primitive value/,
  /Maximum call stack size exceeded/,
  /Invalid typed array length/,
  /Array buffer allocation failed/,
  /^internal:/,
  /needs NaN elements/,
];

/**
 * Asserts that `fn` throws an instance of `cls` whose message matches `message`, and that the
 * error is not a raw engine error leaking out of the library.
 */
export function expectThrows<T extends Error>(
  fn: () => unknown,
  cls: abstract new (...args: never[]) => T,
  message?: string | RegExp,
): T {
  const e = catchError(fn);
  if (e instanceof Error) {
    for (const re of INTERNAL) {
      if (re.test(e.message)) assert.fail(`expected a user-facing ${cls.name}, got an internal error: ${describe(e)}`);
    }
  }
  return expectThrowsRuntime(() => {
    throw e;
  }, cls, message);
}

export interface IsolatedResult {
  /** Exit status of the child (null when killed). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the time limit killed the child. */
  readonly timedOut: boolean;
  /** False when the platform's shell could not cap virtual memory (the caller should skip). */
  readonly capped: boolean;
}

/** The built `v1.js` entry point, for child processes (this file runs from build/test/robustness/). */
export const V1_URL = new URL('../../src/v1.js', import.meta.url).href;

/**
 * Runs an ES module in a separate Node process with a small JS heap, a virtual-memory cap and a
 * time limit, so that a crash, a runaway allocation or a hang in the library fails the test
 * instead of taking the test runner (or the machine) down. `code` may use `tf` (imported) and
 * `report(obj)`, which prints one JSON line the caller reads with `lastReport`.
 */
export function runIsolated(code: string, { timeoutMs = 10_000, vmemKb = 3_000_000 } = {}): IsolatedResult {
  const prelude = `import * as tf from ${JSON.stringify(V1_URL)};\nconst report = (o) => console.log('@@' + JSON.stringify(o));\n`;
  const node = JSON.stringify(process.execPath);
  const r = spawnSync('/bin/sh', ['-c', `ulimit -v ${vmemKb} || exit 99; exec ${node} --max-old-space-size=96 --input-type=module`], {
    input: prelude + code,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    timedOut: r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
    capped: r.status !== 99,
  };
}

/** The last `report(...)` object a child printed, or null. */
export function lastReport(r: IsolatedResult): Record<string, unknown> | null {
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('@@'));
  const last = lines[lines.length - 1];
  return last ? (JSON.parse(last.slice(2)) as Record<string, unknown>) : null;
}

/** Asserts the child ran to completion (no crash, no hang) and returns its last report. */
export function expectCleanExit(r: IsolatedResult, what: string): Record<string, unknown> {
  if (r.timedOut) assert.fail(`${what}: hung (killed after the time limit)`);
  if (r.status !== 0) {
    const tail = r.stderr.trim().split('\n').slice(-3).join(' | ');
    assert.fail(`${what}: the process crashed (status ${String(r.status)}, signal ${String(r.signal)}): ${tail}`);
  }
  const rep = lastReport(r);
  if (!rep) assert.fail(`${what}: the child printed no report`);
  return rep;
}

/** Names of a graph's ops, in creation order. */
export const opNames = (g: { getOperations(): { name: string }[] }): string[] => g.getOperations().map((o) => o.name);
