import { ValueError } from '../core/errors.js';
import type { ExecutionContext } from '../ops/context.js';
import { captureStack, creationSiteOf } from './creation-site.js';

/**
 * Build-time errors name the user's own line, as run-time errors name the failing op's creation
 * site: a ValueError or TypeError thrown while building ops gets one line appended
 * to its message (and to its stack's header):
 *
 *     TypeError: Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.
 *     Raised while building the graph at file:///home/me/model.js:12:7
 *
 * The site is the first stack frame outside tensorgraph (the `.ts` file under
 * `node --enable-source-maps`). Builders nest (a composite builder calls others), so every
 * entry point of a context (`applyOp`, `withNameScope`, `atomic`) is wrapped (`withBuildSites`);
 * the innermost adds the line, the others see the error is already annotated and leave it alone.
 */

/** The text before the site in the appended line. */
const BUILD_SITE_PREFIX = 'Raised while building the graph at ';

const annotated = new WeakSet<object>();

/**
 * Runs `fn`, a graph-building call outside the context's entry points (the `Variable`
 * constructor, `tf.convertToTensor`); a build error it throws names the user's call site.
 */
export function withBuildSite<R>(fn: () => R): R {
  try {
    return fn();
  } catch (e) {
    throw annotateBuildError(e);
  }
}

/**
 * `builder` with the same signature, naming the user's call site in a build error it throws,
 * including the checks a builder makes before it reaches the graph context (its options, a dtype
 * name, a value to convert). The entry points export builders through it.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function type, its signature kept as is
export function reportingBuildSite<F extends (...args: any[]) => any>(builder: F): F {
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    try {
      return builder.apply(this, args);
    } catch (e) {
      throw annotateBuildError(e);
    }
  };
  Object.defineProperty(wrapped, 'name', { value: builder.name });
  return wrapped as F;
}

/**
 * `ctx` with its graph-building entry points (`applyOp`, `withNameScope`, `atomic`) wrapped so
 * that a build error they throw names the user's call site; other members are `ctx`'s own. A
 * plain try/catch in each (no closure): every frame added makes each op's creation stack dearer.
 */
export function withBuildSites<C extends ExecutionContext>(ctx: C): C {
  return {
    ...ctx,
    applyOp(def, inputs, attrs, name) {
      try {
        return ctx.applyOp(def, inputs, attrs, name);
      } catch (e) {
        throw annotateBuildError(e);
      }
    },
    withNameScope(name, defaultName, values, fn) {
      try {
        return ctx.withNameScope(name, defaultName, values, fn);
      } catch (e) {
        throw annotateBuildError(e);
      }
    },
    applyOpAsOperation(def, inputs, attrs, name) {
      try {
        return ctx.applyOpAsOperation(def, inputs, attrs, name);
      } catch (e) {
        throw annotateBuildError(e);
      }
    },
    atomic(values, fn) {
      try {
        return ctx.atomic(values, fn);
      } catch (e) {
        throw annotateBuildError(e);
      }
    },
  };
}

/** Whether an error is the kind a builder raises for bad input (and so worth a site). */
function isBuildError(e: unknown): e is Error {
  return e instanceof ValueError || e instanceof TypeError;
}

/**
 * Appends `Raised while building the graph at <site>` to a build error's message, once; returns
 * the same error. Anything else (an OpError, a value that is not an Error) is returned unchanged.
 */
export function annotateBuildError(e: unknown): unknown {
  if (!isBuildError(e) || annotated.has(e)) return e;
  annotated.add(e);
  // The stack here (not the error's own, cut at 10 frames by default) still holds the user's call.
  const site = creationSiteOf(captureStack());
  if (site === undefined) return e;
  const before = e.message;
  const suffix = `\n${BUILD_SITE_PREFIX}${site}`;
  e.message = before + suffix;
  // V8 formats `stack` on first read, from the message then: an earlier read kept the old header.
  const stack = e.stack;
  if (typeof stack === 'string' && !stack.includes(suffix)) {
    const head = `${e.name}: ${before}`;
    if (stack.startsWith(head)) e.stack = head + suffix + stack.slice(head.length);
  }
  return e;
}
