/**
 * Everything the library needs from its environment, in one module: the only place in `src/` that
 * may name `process` or a `node:` module (a test checks it). Each helper detects what the host
 * provides at run time (`globalThis.process` in Node, Deno and Bun; the console in a browser), so
 * the package imports and runs unchanged in Node, browsers, Deno and Bun. No top-level side effect
 * beyond reading `globalThis`.
 */

interface Writable {
  write(text: string): unknown;
}

/** The part of Node's `process` the library uses; absent in a browser. */
interface HostProcess {
  readonly stdout?: Writable;
  readonly stderr?: Writable;
  readonly platform?: string;
}

const hostProcess = (): HostProcess | undefined => (globalThis as { process?: HostProcess }).process;

/**
 * Writes `text` to the process's stdout or stderr as is (Node, Deno, Bun). Without a process (a
 * browser), one console call per write: `console.log` for stdout, `console.error` for stderr,
 * with one trailing newline dropped (the console ends each call with its own).
 */
export function writeOutput(stream: 'stdout' | 'stderr', text: string): void {
  const out = hostProcess()?.[stream];
  if (out && typeof out.write === 'function') {
    out.write(text);
    return;
  }
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (stream === 'stdout') console.log(line);
  else console.error(line);
}

/**
 * A location as a stack frame names it, made comparable with other locations: a `file:` URL
 * becomes a path (as Node's `fileURLToPath` gives it, with `\` on Windows), anything else (a path,
 * an `http:` URL in a browser) is returned unchanged.
 */
export function pathOfLocation(location: string): string {
  if (!location.startsWith('file:')) return location;
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location;
  }
  let path = decodeURIComponent(url.pathname);
  if (hostProcess()?.platform === 'win32') {
    // file:///C:/x/y → C:\x\y; file://server/share/x → \\server\share\x
    if (/^\/[A-Za-z]:/.test(path)) path = path.slice(1);
    path = path.replaceAll('/', '\\');
    if (url.hostname) path = `\\\\${url.hostname}${path}`;
  }
  return path;
}

/** Whether a stack frame's file is the runtime's own code (Node's `node:internal/…` modules). */
export function isRuntimeInternal(file: string): boolean {
  return file.startsWith('node:');
}

/** Node's `fs/promises`, where the host has it (Node, Deno, Bun); loaded on first use only. */
async function hostFs(): Promise<typeof import('node:fs/promises') | undefined> {
  if (hostProcess() === undefined) return undefined;
  try {
    return await import('node:fs/promises');
  } catch {
    return undefined;
  }
}

/** Why a file could not be read: `missing` (no such file) or `other` with the host's message. */
export class ReadFailure extends Error {
  constructor(
    readonly reason: 'missing' | 'other',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The bytes of a file (a path, where the host has a file system) or of a URL (`http:`, `https:`,
 * `data:`, `blob:`, read with `fetch`). Fails with a `ReadFailure`.
 */
export async function readBytes(location: string): Promise<Uint8Array> {
  if (/^(https?|data|blob):/.test(location)) {
    const res = await fetch(location);
    if (!res.ok) throw new ReadFailure(res.status === 404 ? 'missing' : 'other', `HTTP ${res.status} ${res.statusText}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  const fs = await hostFs();
  if (!fs) throw new ReadFailure('other', 'this environment has no file system: pass a URL or the bytes');
  try {
    const b = await fs.readFile(location);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ReadFailure(code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other', (e as Error).message);
  }
}

/** Whether a path names an existing directory (false without a file system). */
export async function isDirectory(path: string): Promise<boolean> {
  const fs = await hostFs();
  if (!fs) return false;
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Whether the stream is an interactive terminal (progress bars redraw in place only there). */
export function isInteractive(stream: 'stdout' | 'stderr'): boolean {
  return (hostProcess()?.[stream] as { isTTY?: boolean } | undefined)?.isTTY === true;
}

/** Node's built-in module `name` without a static import (absent outside Node, Deno and Bun, or before Node 20.16). */
function builtin<T>(name: string): T | undefined {
  const get = (hostProcess() as { getBuiltinModule?: (n: string) => unknown } | undefined)?.getBuiltinModule;
  if (typeof get !== 'function') return undefined;
  try {
    return get(name) as T;
  } catch {
    return undefined;
  }
}

/** An environment variable (Node, Deno and Bun); undefined in a browser. */
export function envVar(name: string): string | undefined {
  const env = (hostProcess() as { env?: Record<string, string | undefined> } | undefined)?.env;
  return env?.[name];
}

/**
 * Turns on V8's relaxed SIMD (`--experimental-wasm-relaxed-simd`) where the host lets a program
 * set V8 flags (Node); modules compiled later, and workers started later, see it. Returns
 * whether the flag could be set; the caller still checks with `WebAssembly.validate`.
 */
export function enableRelaxedSimd(): boolean {
  const v8 = builtin<{ setFlagsFromString(flags: string): void }>('node:v8');
  if (!v8) return false;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return true;
}

/** A worker thread started by `startWorker`. */
export interface HostWorker {
  /** Posts a message (structured clone: a `WebAssembly.Module` or a shared memory passes as is). */
  post(message: unknown): void;
  terminate(): void;
}

/**
 * Starts a worker thread running `source` (a classic script) after a prelude defining `host`:
 * `host.data` (the `data` given here) and `host.receive()`, which returns the next posted
 * message synchronously, or undefined when none is queued (the worker never returns to an event
 * loop while it waits for jobs). Node: `worker_threads`, unreferenced so that it never keeps the
 * process alive. Returns null where the host has no such workers (a browser has no synchronous
 * receive: threads fall back to one there for now).
 */
export function startWorker(source: string, data: unknown): HostWorker | null {
  type NodeWorker = { postMessage(m: unknown): void; terminate(): unknown; unref(): void };
  const wt = builtin<{ Worker: new (src: string, opts: object) => NodeWorker }>('node:worker_threads');
  if (!wt) return null;
  const prelude =
    "const { workerData: __data, parentPort: __port, receiveMessageOnPort: __receive } = require('node:worker_threads');\n" +
    'const host = { data: __data, receive: () => { const m = __receive(__port); return m === undefined ? undefined : m.message; } };\n';
  const w = new wt.Worker(prelude + source, { eval: true, workerData: data });
  w.unref();
  return {
    post: (m) => w.postMessage(m),
    terminate: () => {
      w.terminate();
    },
  };
}

/** Logical CPUs the host offers (Node's `os.availableParallelism`; `navigator.hardwareConcurrency` elsewhere; 1 when unknown). */
export function cpuCount(): number {
  const os = builtin<{ availableParallelism?: () => number; cpus(): unknown[] }>('node:os');
  if (os) return os.availableParallelism ? os.availableParallelism() : os.cpus().length;
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return nav?.hardwareConcurrency ?? 1;
}
