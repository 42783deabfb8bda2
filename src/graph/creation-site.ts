import { fileURLToPath } from 'node:url';

// The library's own source root (dist/ when installed, build/src/ in development): frames under
// it are tensorgraph internals, so an op's creation site is the first frame outside it.
const LIB_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Captures the call stack cheaply; parse it later with `creationSiteOf`. */
export function captureStack(): string | undefined {
  const holder: { stack?: string } = {};
  // Ops built by composite builders sit many frames below the user's call: look deeper than V8's default 10.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  Error.captureStackTrace(holder, captureStack);
  Error.stackTraceLimit = limit;
  return holder.stack;
}

/** The first stack frame outside tensorgraph (`file:line:col`), or undefined. */
export function creationSiteOf(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/.exec(line.trim());
    if (!m?.[1]) continue;
    const loc = m[1];
    const path = loc.startsWith('file://') ? fileURLToPath(loc.replace(/:\d+:\d+$/, '')) : loc.replace(/:\d+:\d+$/, '');
    if (path.startsWith(LIB_ROOT) || path.startsWith('node:')) continue;
    return loc;
  }
  return undefined;
}
