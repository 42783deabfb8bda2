// Shared helpers for the API-porting tests (not a test file itself).
import assert from 'node:assert/strict';
import { inspect } from 'node:util';

/** What `console.log(x)` prints for one argument (numpy's `str()` for an NDArray). */
export const show = (x: unknown): string => inspect(x);

/** Runs `fn` and returns what it threw as an instance of `cls`; fails the test otherwise. */
export function thrown<T extends Error>(fn: () => unknown, cls: abstract new (...args: never[]) => T): T {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) assert.fail(`expected ${cls.name}, but the call returned normally`);
  if (!(err instanceof cls)) {
    const got = err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err);
    assert.fail(`expected ${cls.name}, got ${got}`);
  }
  return err;
}

let markedLine = 0;

/**
 * Returns `value` and records the line (in the running .js file) of this call, which is the line
 * of any builder call nested in `value`'s expression: `const x = mark(tf.placeholder(...))`.
 */
export function mark<T>(value: T): T {
  const stack = new Error().stack?.split('\n') ?? [];
  // [0] "Error", [1] mark itself, [2] the caller.
  const m = /:(\d+):\d+\)?$/.exec(stack[2] ?? '');
  if (!m) assert.fail(`cannot read a line number from ${stack[2]}`);
  markedLine = Number(m[1]);
  return value;
}

/** The line recorded by the last `mark()`. */
export const markedAt = (): number => markedLine;
