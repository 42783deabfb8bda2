// Browser APIs that two peers need for their threaded builds under Node, emulated on Node's own
// `worker_threads`. Used only by the peer processes of the benchmark, never by tensorgraph.
//
// - Both peers start workers from `blob:` URLs (a Blob holding the worker's source). Node's
//   `worker_threads` cannot load a `blob:` URL and a Blob's text can only be read asynchronously,
//   so `recordBlobs()` makes `new Blob([...strings])` remember its text, and
//   `URL.createObjectURL` of such a blob writes the text to a temporary `.cjs` file and returns its
//   path, which `worker_threads.Worker` loads.
// - jax-js looks for a global `Worker` (the Web Worker API) and `navigator.hardwareConcurrency`;
//   `installWebWorker(n)` provides both (Node 20 has no `navigator`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const wt = require('node:worker_threads') as typeof import('node:worker_threads');
const texts = new WeakMap<Blob, string>();
let webWorkers = 0;
let webWorkerMessages = 0;

/** Workers started through `installWebWorker`'s global, and messages posted to them. */
export function webWorkerStats(): { workers: number; messages: number } {
  return { workers: webWorkers, messages: webWorkerMessages };
}
let dir: string | undefined;
let counter = 0;

function tempFile(text: string): string {
  if (!dir) {
    const d = mkdtempSync(path.join(os.tmpdir(), 'tg-bench-'));
    dir = d;
    process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  }
  const file = path.join(dir, `blob-${counter++}.cjs`);
  writeFileSync(file, text);
  return file;
}

/** The text of a Blob made after `recordBlobs()` from strings, else undefined. */
export function blobText(b: unknown): string | undefined {
  return b instanceof Blob ? texts.get(b) : undefined;
}

export function recordBlobs(): void {
  const Original = globalThis.Blob;
  class RecordingBlob extends Original {
    constructor(parts: ConstructorParameters<typeof Blob>[0] = [], options?: ConstructorParameters<typeof Blob>[1]) {
      super(parts, options);
      if (parts.every((p) => typeof p === 'string')) texts.set(this, parts.join(''));
    }
  }
  globalThis.Blob = RecordingBlob as typeof Blob;
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob) => {
    const text = blobText(obj);
    return text === undefined ? create(obj) : tempFile(text);
  };
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.revokeObjectURL = (url: string) => {
    if (url.startsWith('blob:')) revoke(url);
  };
}

/**
 * Emscripten's pthread workers are sent the main script as a Blob (`urlOrBlob` of the `load`
 * message) and turn it into a URL inside the worker, where the patch above does not exist: send
 * the temporary file's path instead. `prelude` goes before the script: TensorFlow.js's script is
 * its factory's source text, which names its bundle's module-level variables (`require$$0` …).
 */
export function sendBlobsAsFiles(prelude = ''): void {
  const post = wt.Worker.prototype.postMessage;
  wt.Worker.prototype.postMessage = function (this: InstanceType<typeof wt.Worker>, m: unknown, transfer?: readonly never[]) {
    const msg = m as { cmd?: string; urlOrBlob?: unknown } | null;
    const text = msg && msg.cmd === 'load' ? blobText(msg.urlOrBlob) : undefined;
    return post.call(this, text === undefined ? m : { ...msg, urlOrBlob: tempFile(prelude + text) }, transfer);
  };
}

/**
 * A global `Worker` with the Web Worker API (`onmessage`, `onerror`, `postMessage`,
 * `terminate`) on `worker_threads`, the worker's script given `self`, `postMessage` and
 * `self.onmessage`; and `navigator.hardwareConcurrency = threads`. Workers are unref'd.
 */
export function installWebWorker(threads: number): void {
  const prelude =
    "const { parentPort } = require('node:worker_threads');\n" +
    'globalThis.self = globalThis;\n' +
    'globalThis.postMessage = (m) => parentPort.postMessage(m);\n' +
    "parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));\n";
  class WebWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: ((e: { message: string }) => void) | null = null;
    private readonly w: InstanceType<typeof wt.Worker>;
    constructor(url: string | URL) {
      const file = String(url);
      const src = require('node:fs').readFileSync(file, 'utf8') as string;
      this.w = new wt.Worker(prelude + src, { eval: true });
      webWorkers++;
      this.w.unref();
      this.w.on('message', (data) => this.onmessage?.({ data }));
      this.w.on('error', (e) => this.onerror?.({ message: e.message }));
    }
    postMessage(m: unknown): void {
      webWorkerMessages++;
      this.w.postMessage(m);
    }
    terminate(): void {
      void this.w.terminate();
    }
  }
  Object.assign(globalThis, { Worker: WebWorker });
  Object.defineProperty(globalThis, 'navigator', { value: { ...(globalThis as { navigator?: object }).navigator, hardwareConcurrency: threads }, configurable: true, writable: true });
}
