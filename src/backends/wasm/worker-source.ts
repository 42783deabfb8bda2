/**
 * The pool's shared control block, in Int32 words: the run's sequence number (workers wait on
 * it), its job count, how many workers take part (the first ones), the first failing worker
 * (1-based) and its error text, one flag per job
 * (free, taken, done), one ready flag per worker, and each job's words (module id, function
 * index, argument count, arguments).
 */
export const POOL_LAYOUT = (() => {
  const MAX_JOBS = 64;
  const MAX_WORKERS = 64;
  const MAX_ARGS = 24;
  const JOB_WORDS = 3 + MAX_ARGS;
  const ERROR_WORDS = 480;
  const FLAGS = 8;
  const READY = FLAGS + MAX_JOBS;
  const JOBS = READY + MAX_WORKERS;
  const ERROR_TEXT = JOBS + MAX_JOBS * JOB_WORDS;
  return { SEQ: 0, COUNT: 1, ERROR: 2, ERROR_LEN: 3, WORKERS: 4, FLAGS, READY, JOBS, JOB_WORDS, ERROR_TEXT, ERROR_WORDS, WORDS: ERROR_TEXT + ERROR_WORDS, MAX_JOBS, MAX_WORKERS, MAX_ARGS };
})();

/**
 * The worker side of the pool, as a classic script (`host.data`, `host.receive()` come from the
 * platform's prelude). It waits for a run (spinning on the clock, then `Atomics.wait`), takes
 * the run's free jobs one at a time (its own first pick is job index + 1), runs each as one
 * exported function of a kernel module on the shared memory, and marks it done (the first
 * error's text goes to the control block). Modules arrive as messages, posted before the first
 * run that needs them; it never returns to an event loop.
 */
export const WORKER_SOURCE = `
const { memory, control, index, spinMs, layout: L } = host.data;
const c = new Int32Array(control);
const modules = new Map();
function receiveModule(id) {
  const start = performance.now();
  for (;;) {
    const m = host.receive();
    if (m !== undefined) {
      modules.set(m.id, { exports: new WebAssembly.Instance(m.module, { env: { memory } }).exports, names: m.names });
      if (m.id === id) return modules.get(id);
    } else {
      if (performance.now() - start > 10000) throw new Error('kernel module ' + id + ' never arrived');
      Atomics.wait(c, L.READY + index, 1, 1);
    }
  }
}
function runJob(i) {
  const at = L.JOBS + i * L.JOB_WORDS;
  try {
    const id = c[at];
    const m = modules.get(id) || receiveModule(id);
    const fn = m.exports[m.names[c[at + 1]]];
    const args = [];
    const count = c[at + 2] & 255;
    for (let k = 0; k < count; k++) args.push(c[at + 3 + k]);
    // the argument that names the running thread (Job.threadArg), where the job has one
    const threadArg = (c[at + 2] >> 8) - 1;
    if (threadArg >= 0) args[threadArg] = index + 1;
    fn(...args);
  } catch (e) {
    if (Atomics.compareExchange(c, L.ERROR, 0, index + 1) === 0) {
      const text = String(e && e.name ? e.name + ': ' + e.message : e).slice(0, L.ERROR_WORDS);
      for (let k = 0; k < text.length; k++) c[L.ERROR_TEXT + k] = text.charCodeAt(k);
      c[L.ERROR_LEN] = text.length;
    }
  }
  Atomics.store(c, L.FLAGS + i, 2);
  Atomics.notify(c, L.FLAGS + i);
}
let seen = 0;
Atomics.store(c, L.READY + index, 1);
Atomics.notify(c, L.READY + index);
for (;;) {
  const start = performance.now();
  while (Atomics.load(c, L.SEQ) === seen) {
    if (performance.now() - start > spinMs) Atomics.wait(c, L.SEQ, seen);
  }
  seen = Atomics.load(c, L.SEQ);
  const n = index < Atomics.load(c, L.WORKERS) ? Atomics.load(c, L.COUNT) : 0;
  for (let k = 0; k < n; k++) {
    // a later run may have started (its flags freed) with fewer workers taking part
    if (index >= Atomics.load(c, L.WORKERS)) break;
    const i = (index + 1 + k) % n;
    if (Atomics.compareExchange(c, L.FLAGS + i, 0, 1) === 0) runJob(i);
  }
}
`;
