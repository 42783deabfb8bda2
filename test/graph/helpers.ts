// Shared assertions for the graph-layer tests (not a test file itself).
import assert from 'node:assert/strict';
import { tfMessage } from '../runtime/helpers.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Asserts that `fn` throws an instance of `cls` whose message is exactly `message`
 * (or matches it, when a RegExp is given). Returns the error for further checks.
 */
export function throwsExact(fn: () => unknown, cls: ErrorClass, message: string | RegExp): Error {
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  assert.ok(threw, `expected ${cls.name} to be thrown, but nothing was thrown`);
  assert.ok(
    thrown instanceof cls,
    `expected ${cls.name}, got ${thrown instanceof Error ? `${thrown.constructor.name}: ${thrown.message}` : String(thrown)}`,
  );
  const err = thrown as Error;
  if (typeof message === 'string') assert.equal(tfMessage(err), message);
  else assert.match(tfMessage(err), message);
  return err;
}

/** Names of a list of things with a `name`, for readable comparisons. */
export const names = (xs: readonly { readonly name: string }[]): string[] => xs.map((x) => x.name);

/** Sorted names (for control inputs, whose order TensorFlow does not define). */
export const sortedNames = (xs: readonly { readonly name: string }[]): string[] => names(xs).sort();
