import { isRuntimeInternal, pathOfLocation } from '../core/platform.js';

/**
 * A call stack captured but not yet formatted: V8 records the frames when the stack is captured
 * and formats the text only when `stack` is first read, which costs far more than the capture.
 */
export interface CapturedStack {
  readonly stack?: string | undefined;
}

/** How deep a creation stack goes: ops built by composite builders sit many frames below the user's call. */
const STACK_DEPTH = 40;

/**
 * Captures the call stack cheaply, without formatting it: read `.stack` (or pass it to
 * `creationSiteOf`) only when the text is needed.
 */
export function captureStack(): CapturedStack {
  const holder: { stack?: string } = {};
  if (typeof Error.captureStackTrace !== 'function') {
    // Not V8 (Firefox, Safari): the engine formats `new Error().stack` when the error is created.
    return { stack: new Error().stack };
  }
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  Error.captureStackTrace(holder, captureStack);
  Error.stackTraceLimit = limit;
  return holder;
}

const FRAME = /\(?((?:file:\/\/)?[^\s()]+:\d+:\d+)\)?\s*$/;

/** A frame's location (`file:line:col`) and its file as a comparable path, or null. */
function frameLocation(line: string): { loc: string; file: string } | null {
  const m = FRAME.exec(line.trim());
  if (!m?.[1]) return null;
  const loc = m[1];
  return { loc, file: pathOfLocation(loc.replace(/:\d+:\d+$/, '')) };
}

let libRoots: readonly string[] | null = null;

/**
 * The library's own source roots as stack frames name them: the built folder one level above this
 * module (`dist/` when installed, where the bundle puts it in `dist/chunks/`; `build/src/` in
 * development, from `build/src/graph/`), and, when stack traces are source-mapped
 * (`node --enable-source-maps`), the folder of the `.ts` sources the frames name instead. Found
 * from this module's own frame, so it holds in Node, Deno, Bun and browsers (`http:` URLs).
 */
function libraryRoots(): readonly string[] {
  if (libRoots) return libRoots;
  const roots = new Set<string>([pathOfLocation(new URL('..', import.meta.url).href)]);
  const own = ownFrameFile();
  const m = own === undefined ? null : /^(.*[\\/])graph[\\/]creation-site\.[cm]?[jt]s$/.exec(own);
  if (m?.[1]) roots.add(m[1]);
  libRoots = [...roots];
  return libRoots;
}

/** This module's file as its own stack frames name it (source-mapped or not). */
function ownFrameFile(): string | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n')) {
    const f = frameLocation(line);
    if (f && /creation-site\.[cm]?[jt]s$/.test(f.file)) return f.file;
  }
  return undefined;
}

/** Whether a frame's file is tensorgraph's own code or the runtime's. */
function isInternal(file: string): boolean {
  return isRuntimeInternal(file) || libraryRoots().some((root) => file.startsWith(root));
}

/**
 * The first stack frame outside tensorgraph (`file:line:col`), or undefined. Takes a captured
 * stack (formatted here, on first use) or its text.
 */
export function creationSiteOf(stack: CapturedStack | string | undefined): string | undefined {
  const text = typeof stack === 'string' ? stack : stack?.stack;
  if (!text) return undefined;
  for (const line of text.split('\n').slice(1)) {
    const f = frameLocation(line);
    if (f && !isInternal(f.file)) return f.loc;
  }
  return undefined;
}
