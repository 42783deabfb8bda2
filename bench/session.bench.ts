// `npm run bench`: what a run of a cached plan costs, per session and across sessions of one graph,
// the memory of an extra session, and the nearest comparable figures of the peers (TensorFlow.js
// CPU and WASM, jax-js, ONNX Runtime Web) measured in the same process. Prints only; writes nothing.
import os from 'node:os';
import * as tf from 'tensorgraph/v1';
import type * as Internals from '../src/internals.js';
import { type MeasureOptions, type Timing, fmtBytes, fmtTiming, fmtUs, measure, reason, scale, table } from './harness.js';
import { measurePeers } from './peers.js';

const CHAIN = 1000;
const SESSIONS = 100;
const MEMORY_SESSIONS = 1000;
const MEMORY_SESSIONS_UNINITIALIZED = 10_000;
const MEMORY_VARIABLES = 10;
const MEMORY_VARIABLE_SIZE = 1000;
const OPTS: MeasureOptions = { warmupMs: 1000, batchMs: 40, batches: 21 };
const BUILD_OPS = 2000;
// One build of BUILD_OPS ops takes milliseconds: longer batches, fewer of them.
const BUILD_OPTS: MeasureOptions = { warmupMs: 1000, batchMs: 200, batches: 11 };

const progress = (line: string) => process.stderr.write(`${line}\n`);

// planCount is internal. `tensorgraph/v1` resolves to dist/ at run time, so load dist/internals.js
// from beside it: it shares the module instance whose cache the sessions use (src/ gives the types).
async function loadPlanCount(): Promise<((g: tf.Graph) => number) | string> {
  try {
    const url = new URL('./internals.js', import.meta.resolve('tensorgraph/v1'));
    const mod = (await import(url.href)) as typeof Internals;
    return mod.planCount;
  } catch (e) {
    return reason(e);
  }
}

interface Case {
  readonly graph: tf.Graph;
  readonly fetch: tf.Tensor;
  readonly feed: Map<tf.Tensor, number> | null;
  readonly expect: number;
  /** Session config (the dispatch case turns the compiler's rewriting passes off). */
  readonly config?: tf.ConfigProto;
}

/** TensorFlow's `OptimizerOptions.L0`: no folding, merging or fusion, so every op is its own step. */
const NO_REWRITES = new tf.ConfigProto({ graphOptions: { optimizerOptions: { optLevel: 'L0' } } });

/**
 * AddV2 of two Const: nothing fed. The compiler folds it, so a run only hands back the plan's
 * constant: this row is the floor of a run's cost.
 */
function oneOpConst(): Case {
  const graph = new tf.Graph();
  const fetch = graph.asDefault(() => tf.add(tf.constant(2), tf.constant(3)));
  return { graph, fetch, feed: null, expect: 5 };
}

/** AddV2 of a fed scalar placeholder and a Const. */
function oneOpFed(): Case {
  const graph = new tf.Graph();
  const [x, fetch] = graph.asDefault(() => {
    const x = tf.placeholder('float32', [], 'x');
    return [x, tf.add(x, tf.constant(3))] as const;
  });
  return { graph, fetch, feed: new Map([[x, 2]]), expect: 5 };
}

/**
 * x + 1, CHAIN times: CHAIN AddV2 ops on a fed scalar (fed, so no constant folding can remove
 * them). With `config` NO_REWRITES every AddV2 is a step (the per-op dispatch cost); by default
 * fusion runs the chain as fused steps of up to 32 links.
 */
function chain(config?: tf.ConfigProto): Case {
  const graph = new tf.Graph();
  const [x, fetch] = graph.asDefault(() => {
    const x = tf.placeholder('float32', [], 'x');
    const one = tf.constant(1, { name: 'one' });
    let y = x;
    for (let i = 0; i < CHAIN; i++) y = tf.add(y, one);
    return [x, y] as const;
  });
  return { graph, fetch, feed: new Map([[x, 0]]), expect: CHAIN, ...(config ? { config } : {}) };
}

/**
 * Builds a fresh graph of BUILD_OPS ops: a placeholder, a Const and BUILD_OPS - 2 AddV2 (each op
 * records its creation site, as every op built by user code does).
 */
function buildGraph(): tf.Graph {
  const graph = new tf.Graph();
  graph.asDefault(() => {
    let y = tf.placeholder('float32', [], 'x');
    const one = tf.constant(1, { name: 'one' });
    for (let i = 2; i < BUILD_OPS; i++) y = tf.add(y, one);
  });
  return graph;
}

/** µs per graph of BUILD_OPS ops, checked once to hold exactly BUILD_OPS ops. */
function measureGraphBuilding(): Timing {
  const n = buildGraph().getOperations().length;
  if (n !== BUILD_OPS) throw new Error(`the build graph has ${n} ops, expected ${BUILD_OPS}`);
  return measure(buildGraph, BUILD_OPTS);
}

/** Ops per second from µs per graph of BUILD_OPS ops, rounded to 3 significant digits. */
function opsPerSecond(usPerGraph: number): string {
  const perS = (BUILD_OPS * 1e6) / usPerGraph;
  return Number(perS.toPrecision(3)).toLocaleString('en-US');
}

interface CaseResult {
  readonly one: Timing;
  readonly many: Timing;
  readonly plans: number | string;
}

function runCase(c: Case, planCount: ((g: tf.Graph) => number) | string): CaseResult {
  const single = new tf.Session({ graph: c.graph, ...(c.config ? { config: c.config } : {}) });
  const got = single.run(c.fetch, c.feed).item();
  if (got !== c.expect) throw new Error(`tensorgraph computed ${String(got)}, expected ${c.expect}`);
  const one = measure(() => single.run(c.fetch, c.feed), OPTS);
  const sessions = Array.from({ length: SESSIONS }, () => new tf.Session({ graph: c.graph, ...(c.config ? { config: c.config } : {}) }));
  for (const s of sessions) {
    const v = s.run(c.fetch, c.feed).item();
    if (v !== c.expect) throw new Error(`tensorgraph computed ${String(v)} in a second session, expected ${c.expect}`);
  }
  let i = 0;
  const many = measure(() => (sessions[i++ % SESSIONS] as tf.Session).run(c.fetch, c.feed), OPTS);
  for (const s of [single, ...sessions]) s.close();
  return { one, many, plans: typeof planCount === 'string' ? planCount : planCount(c.graph) };
}

interface MemoryResult {
  readonly heapUninit: number;
  readonly externalUninit: number;
  readonly heapInit: number;
  readonly externalInit: number;
  readonly payload: number;
}

/** Heap and external bytes in use after full collections. */
function snapshot(gc: () => void): { heap: number; external: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

/** Bytes per session of `count` sessions of `graph` kept alive, each set up by `setup`. */
function bytesPerSession(gc: () => void, graph: tf.Graph, count: number, setup: (s: tf.Session) => void): { heap: number; external: number; sessions: tf.Session[] } {
  const m0 = snapshot(gc);
  const sessions = Array.from({ length: count }, () => new tf.Session({ graph }));
  for (const s of sessions) setup(s);
  const m1 = snapshot(gc);
  return { heap: (m1.heap - m0.heap) / count, external: (m1.external - m0.external) / count, sessions };
}

function memoryPerSession(gc: () => void): MemoryResult {
  const graph = new tf.Graph();
  const { init, first } = graph.asDefault(() => {
    const vars = Array.from(
      { length: MEMORY_VARIABLES },
      (_, i) => new tf.Variable(tf.constant(new Float32Array(MEMORY_VARIABLE_SIZE).fill(i)), { name: `v${i}` }),
    );
    return { init: tf.globalVariablesInitializer(), first: vars[1] as tf.Variable };
  });
  // Compile the initializer's plan and warm every lazy path before the baselines.
  {
    const s = new tf.Session({ graph });
    s.run(init);
    s.run(first);
    s.close();
  }
  const uninit = bytesPerSession(gc, graph, MEMORY_SESSIONS_UNINITIALIZED, () => undefined);
  for (const s of uninit.sessions) s.close();
  uninit.sessions.length = 0;
  const initialized = bytesPerSession(gc, graph, MEMORY_SESSIONS, (s) => s.run(init));
  // The values are really there, one copy per session.
  const v = (initialized.sessions[MEMORY_SESSIONS - 1] as tf.Session).run(first);
  if (v.size !== MEMORY_VARIABLE_SIZE || v.get(0) !== 1) throw new Error('variable v1 did not read back as initialized');
  for (const s of initialized.sessions) s.close();
  return {
    heapUninit: uninit.heap,
    externalUninit: uninit.external,
    heapInit: initialized.heap,
    externalInit: initialized.external,
    payload: MEMORY_VARIABLES * MEMORY_VARIABLE_SIZE * 4,
  };
}

function ratio(peer: number, ours: number): string {
  return `${(peer / ours).toFixed(peer / ours >= 10 ? 0 : 1)}×`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpus = os.cpus();
  console.log('tensorgraph session benchmark');
  console.log(
    `${new Date().toISOString()} · Node ${process.version} · ${os.platform()} ${os.arch()} · ${cpus.length} CPU(s) ${cpus[0]?.model.trim() ?? ''}`,
  );
  console.log(
    `timings in µs: median (p90) of ${OPTS.batches} batch means; each batch ~${OPTS.batchMs} ms after ${OPTS.warmupMs} ms of warm-up`,
  );

  // --- tensorgraph: µs per sess.run --------------------------------------------------------------
  const planCount = await loadPlanCount();
  progress('measuring tensorgraph …');
  const constCase = runCase(oneOpConst(), planCount);
  const fedCase = runCase(oneOpFed(), planCount);
  const chainCase = runCase(chain(NO_REWRITES), planCount);
  const fusedCase = runCase(chain(), planCount);

  console.log(`\n== tensorgraph: µs per sess.run of a cached plan (1 session, and ${SESSIONS} sessions of one graph) ==`);
  const rows = [
    ['1-op graph: AddV2(Const, Const), folded at compile time', constCase, '1-op const'],
    ['1-op graph: AddV2(fed placeholder, Const)', fedCase, '1-op fed'],
    [`${CHAIN}-op chain, passes off (optLevel L0): per run`, chainCase, `${CHAIN}-op chain`],
    [`${CHAIN}-op chain, fused (default passes): per run`, fusedCase, `${CHAIN}-op fused`],
  ] as const;
  const tgRows = rows.map(([label, r]) => [label, fmtTiming(r.one), fmtTiming(r.many), ratio(r.many.median, r.one.median)]);
  tgRows.push([
    `${CHAIN}-op chain, passes off: per op`,
    fmtTiming(scale(chainCase.one, CHAIN)),
    fmtTiming(scale(chainCase.many, CHAIN)),
    ratio(chainCase.many.median, chainCase.one.median),
  ]);
  console.log(table(['case', '1 session µs', `${SESSIONS} sessions round-robin µs`, `${SESSIONS} ÷ 1`], tgRows, [false, true, true, true]));
  console.log(
    `note: 1-op = one AddV2 (its inputs are Const ops, or a placeholder fed the JS number 2 through a reused Map); the chain is x + one, ${CHAIN} times, on a fed float32 scalar with one shared Const, one fetch at the end: with the rewriting passes off each AddV2 is one step (the per-op dispatch cost), by default elementwise fusion runs it as ${Math.ceil(CHAIN / 32)} fused steps. Every run returns a host NDArray.`,
  );
  const plans = rows.map(([, r, short]) => `${short} ${typeof r.plans === 'number' ? r.plans : `? (${r.plans})`}`);
  const allOne = rows.every(([, r]) => r.plans === 1);
  console.log(
    `plans compiled per graph (planCount): ${plans.join(', ')}${allOne ? ` — one plan served all ${SESSIONS + 1} sessions of each graph` : ' — EXPECTED 1 EACH'}`,
  );

  // --- graph building ------------------------------------------------------------------------------
  progress('measuring graph building …');
  const build = measureGraphBuilding();
  console.log(`\n== graph building: ops built per second (a new graph of ${BUILD_OPS} ops per iteration) ==`);
  console.log(
    table(
      ['case', 'ms per graph', 'ops built per second'],
      [[`graph building: ${BUILD_OPS} ops (1 placeholder, 1 Const, ${BUILD_OPS - 2} AddV2)`, `${fmtUs(build.median / 1000)} (p90 ${fmtUs(build.p90 / 1000)})`, `${opsPerSecond(build.median)} (p90 ${opsPerSecond(build.p90)})`]],
      [false, true, true],
    ),
  );
  console.log(
    `note: median (p90) of ${BUILD_OPTS.batches} batch means, batches of ~${BUILD_OPTS.batchMs} ms after ${BUILD_OPTS.warmupMs} ms of warm-up; each op records its creation site (read only when an error or traceback needs it).`,
  );

  // --- memory per extra session ------------------------------------------------------------------
  console.log(
    `\n== memory per extra session of one graph with ${MEMORY_VARIABLES} float32 variables of ${MEMORY_VARIABLE_SIZE} elements ==`,
  );
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('memory: not measured (run node with --expose-gc)');
  } else {
    progress('measuring memory …');
    try {
      const m = memoryPerSession(gc);
      console.log(
        table(
          ['session state', 'heap B/session', 'external B/session', 'total B/session'],
          [
            [`${MEMORY_SESSIONS_UNINITIALIZED} new sessions, uninitialized`, fmtBytes(m.heapUninit), fmtBytes(m.externalUninit), fmtBytes(m.heapUninit + m.externalUninit)],
            [
              `${MEMORY_SESSIONS} sessions, variables initialized (payload ${m.payload} B)`,
              fmtBytes(m.heapInit),
              fmtBytes(m.externalInit),
              fmtBytes(m.heapInit + m.externalInit),
            ],
          ],
          [false, true, true, true],
        ),
      );
      console.log(
        `note: process.memoryUsage() deltas (sessions kept alive) after global.gc(), divided by the session count; heap = heapUsed, external = ArrayBuffer backing stores (the variable data). Overhead over the payload when initialized: ${fmtBytes(m.heapInit + m.externalInit - m.payload)} per session.`,
      );
    } catch (e) {
      console.log(`memory: not measured (${reason(e)})`);
    }
  }

  // --- peers ---------------------------------------------------------------------------------------
  progress('measuring peers …');
  const peers = await measurePeers(CHAIN, OPTS, progress);
  console.log('\n== peers, same process: ratio = peer µs ÷ tensorgraph µs (above 1: tensorgraph is faster) ==');
  const peerRows: string[][] = [];
  for (const p of peers) {
    if (!p.ok) continue;
    // The const graph folds to a constant: compare the peers' one add with our fed run, which runs its AddV2.
    const ours = fedCase.one;
    peerRows.push(['1 op per run', fmtUs(ours.median), p.name, fmtTiming(p.oneOp), ratio(p.oneOp.median, ours.median)]);
  }
  const ourOp = scale(chainCase.one, CHAIN);
  for (const p of peers) {
    if (!p.ok) continue;
    const op = scale(p.chainRun, CHAIN);
    peerRows.push([`per op, ${CHAIN}-op chain`, fmtUs(ourOp.median), p.name, fmtTiming(op), ratio(op.median, ourOp.median)]);
  }
  console.log(table(['case', 'tensorgraph µs', 'peer', 'peer µs', 'ratio'], peerRows, [false, true, false, true, true]));
  console.log(
    'note (1 op per run): tensorgraph = sess.run of AddV2(fed placeholder, Const), a host NDArray back (AddV2 of two Consts is folded at compile time, so it is not compared); TensorFlow.js and jax-js = one eager add of two resident scalars read back with dataSync(); ONNX Runtime = one run of a 1-node Add model with x fed.',
  );
  console.log(
    `note (per op): tensorgraph = one sess.run of the ${CHAIN}-op chain ÷ ${CHAIN}. TensorFlow.js and jax-js have no sessions or graphs: ${CHAIN} eager scalar adds and one read ÷ ${CHAIN}, the nearest comparable per-op dispatch cost. ONNX Runtime = one run of a ${CHAIN}-node Add chain model (built in code) ÷ ${CHAIN}.`,
  );
  for (const p of peers) {
    if (p.ok) console.log(`  ${p.name}: ${p.note}`);
  }
  for (const p of peers) {
    if (!p.ok) console.log(`${p.name}: not measured (${p.reason})`);
  }
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
