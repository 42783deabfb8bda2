// Shared assertions for the runtime tests (not a test file itself).
import assert from 'node:assert/strict';

/** Runs `fn` and returns what it threw; fails the test when it returns normally. */
export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return assert.fail('expected an error, but the call returned normally');
}

/** Asserts that `fn` throws an instance of `cls` whose message equals (or matches) `message`. */
export function expectThrows<T extends Error>(
  fn: () => unknown,
  cls: abstract new (...args: never[]) => T,
  message?: string | RegExp,
): T {
  const e = catchError(fn);
  if (!(e instanceof cls)) {
    const got = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    assert.fail(`expected ${cls.name}, got ${got}`);
  }
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message) assert.match(e.message, message);
  return e;
}

/** The same for a Promise. */
export async function expectRejects<T extends Error>(
  p: Promise<unknown>,
  cls: abstract new (...args: never[]) => T,
  message?: string,
): Promise<T> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof cls)) assert.fail(`expected ${cls.name}, got ${String(e)}`);
    if (message !== undefined) assert.equal(e.message, message);
    return e;
  }
  return assert.fail('expected a rejection');
}

/** The test file's own name as it appears in stack frames (build/test/runtime/<name>.js). */
export function thisFile(importMetaUrl: string): string {
  const m = /\/([^/]+)\.js$/.exec(importMetaUrl);
  return m ? `${m[1]}.js` : importMetaUrl;
}
