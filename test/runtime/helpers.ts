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
  if (typeof message === 'string') assert.equal(tfMessage(e), message);
  else if (message) assert.match(tfMessage(e), message);
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

const BUILD_SITE = '\nRaised while building the graph at ';

/**
 * An error's message as TensorFlow words it: without the line tensorgraph appends to a build-time
 * ValueError/TypeError naming the user's call site (src/graph/build-site.ts). When that line is
 * there, it must come once, last, and name a test file (the user's code here), never the library.
 */
export function tfMessage(e: Error): string {
  const parts = e.message.split(BUILD_SITE);
  if (parts.length === 1) return e.message;
  assert.equal(parts.length, 2, `the build site is appended more than once:\n${e.message}`);
  assert.match(parts[1] as string, /\/build\/test\/.+\.js:\d+:\d+$/, 'the build site names the test file');
  return parts[0] as string;
}
