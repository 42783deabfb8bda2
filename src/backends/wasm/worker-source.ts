/**
 * The worker side of the pool, as a classic script (`host.data`, `host.receive()` come from the
 * platform's prelude). It waits for a job on its control block (spinning on the clock, then
 * `Atomics.wait`), runs one exported function of a kernel module on the shared memory, and
 * reports done (with an error's text when the function trapped). Modules arrive as messages,
 * posted before the first job that needs them; it never returns to an event loop.
 */
export const WORKER_SOURCE = `
const { memory, control, index, spinMs } = host.data;
const WORDS = ${'__WORDS__'};
const c = new Int32Array(control, index * WORDS * 4, WORDS);
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
      Atomics.wait(c, 31, 0, 1);
    }
  }
}
let seq = 0;
Atomics.store(c, 6, 1);
Atomics.notify(c, 6);
for (;;) {
  const start = performance.now();
  while (Atomics.load(c, 0) === seq) {
    if (performance.now() - start > spinMs) Atomics.wait(c, 0, seq);
  }
  seq = Atomics.load(c, 0);
  let status = 0;
  try {
    const id = c[3];
    const m = modules.get(id) || receiveModule(id);
    const fn = m.exports[m.names[c[4]]];
    const args = [];
    for (let i = 0; i < c[5]; i++) args.push(c[8 + i]);
    fn(...args);
  } catch (e) {
    status = 1;
    const text = String(e && e.name ? e.name + ': ' + e.message : e).slice(0, WORDS - 33);
    c[32] = text.length;
    for (let i = 0; i < text.length; i++) c[33 + i] = text.charCodeAt(i);
  }
  c[2] = status;
  Atomics.store(c, 1, seq);
  Atomics.notify(c, 1);
}
`;
