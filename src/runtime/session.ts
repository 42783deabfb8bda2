import { type Backend, type BackendTensor, type KernelValue, RefCell } from '../backends/backend.js';
import type { FetchResult } from './fetch-types.js';
import { cpuBackend } from '../backends/cpu/backend.js';
import { type BackendName, defaultBackend, resolveBackend } from '../backends/select.js';
import { byName, getPlan } from '../compile/plan-cache.js';
import { compilePlan } from '../compile/compile.js';
import type { Plan } from '../compile/plan.js';
import { jsTypeName } from '../core/convert.js';
import { InvalidArgumentError, NotFoundError, RuntimeError, ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import { defaultSessionStack } from '../graph/default-session.js';
import { Graph, _removeDefaultGraph, getDefaultGraph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { type Scope, scoped } from '../graph/stack.js';
import { Tensor } from '../graph/tensor.js';
import { normalizeArgs } from '../ops/args.js';
import { type NodeExecStats, deref, execute, finishRun } from './executor.js';
import { type FeedDict, resolveFeedKey, resolveFeeds } from './feeds.js';
import { FetchHandler } from './fetches.js';
import { ConfigProto, type ConfigFields, type RunMetadata, type RunOptionsLike, checkRunArgs, enabledPasses, wantsTrace } from './run-options.js';
import { SessionState } from './state.js';

export interface SessionOptions {
  target?: string;
  graph?: Graph;
  config?: ConfigProto | ConfigFields;
  /**
   * The backend this session's plans run on: 'cpu', 'wasm' or a Backend (default: `tf.getBackend()`,
   * 'wasm' wherever WebAssembly SIMD exists, else 'cpu'). Ops it has no kernel for run on the CPU reference backend, with transfer
   * steps between the two.
   */
  backend?: Backend | BackendName;
}

interface PartialRunState {
  readonly feeds: Set<Tensor>;
  readonly fetches: Set<Tensor>;
  readonly values: Map<Tensor, KernelValue>;
  readonly fed: Set<Tensor>;
  readonly fetched: Set<Tensor>;
  /** Ops already run in this partial run: they never run twice (stateful ops among them). */
  readonly executed: Set<Operation>;
}


/**
 * A TF1 session: runs (parts of) one graph and owns all state of those runs (variable values,
 * per-op kernel state). Sessions of one graph share its compiled plans, never their values.
 */
export class Session {
  readonly graph: Graph;
  readonly target: string;
  readonly config: ConfigProto;
  private readonly state = new SessionState();
  private readonly backend: Backend;
  private isClosed = false;
  private readonly partialRuns = new Map<string, PartialRunState>();
  private partialRunCounter = 0;
  private lastPlan: { readonly plan: Plan } | null = null;
  /** The compiler passes this session's config turns on. */
  private readonly passes: ReadonlySet<string>;
  /** Whether the constructor was given a graph (InteractiveSession then makes it the default). */
  protected readonly graphGiven: boolean;

  constructor(options?: SessionOptions);
  constructor(target?: string, graph?: Graph | null, config?: ConfigProto | ConfigFields | null);
  constructor(...args: unknown[]) {
    // With all three positional, the last plain object is the config, not an options object.
    const a =
      args.length >= 3 ? { target: args[0], graph: args[1], config: args[2] } : normalizeArgs('Session', ['target', 'graph', 'config', '*', 'backend'], args);
    this.graphGiven = a.graph !== undefined && a.graph !== null;
    const target = a.target ?? '';
    if (typeof target !== 'string') {
      if (target instanceof ConfigProto) {
        throw new TypeError(
          `target must be a string, but got ${jsTypeName(target)}. Did you do "Session(config)" instead of "Session({ config })"?`,
        );
      }
      throw new TypeError(`target must be a string, but got ${jsTypeName(target)}`);
    }
    if (a.graph !== undefined && a.graph !== null && !(a.graph instanceof Graph)) {
      throw new TypeError(`graph must be a tf.Graph, but got ${jsTypeName(a.graph)}`);
    }
    const config = a.config ?? new ConfigProto();
    if (typeof config !== 'object' || Array.isArray(config)) {
      throw new TypeError(`config must be a tf.ConfigProto, but got ${jsTypeName(config)}`);
    }
    if (target !== '' && target !== 'local') {
      throw new NotFoundError(
        null,
        null,
        `No session factory registered for the given session options: {target: "${target}"} Registered factories are {DIRECT_SESSION}.`,
      );
    }
    this.target = target;
    this.backend = a.backend === undefined || a.backend === null ? defaultBackend() : resolveBackend(a.backend as Backend | BackendName);
    this.graph = (a.graph as Graph | undefined) ?? getDefaultGraph();
    this.config = config instanceof ConfigProto ? config : new ConfigProto(config as ConfigFields);
    this.passes = enabledPasses(this.config);
  }

  /** The graph as a GraphDef-shaped object (it grows with the graph). */
  get graphDef(): ReturnType<Graph['asGraphDef']> {
    return this.graph.asGraphDef();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  private checkOpen(): void {
    if (this.isClosed) throw new RuntimeError('Attempted to use a closed Session.');
  }

  /**
   * Runs the ops needed for `fetches` and returns their values in the same structure: a tensor
   * gives an NDArray, an op gives null. `feedDict` overrides any tensor's value for this run.
   * `options` `{ traceLevel: 'FULL_TRACE', timeoutInMs }`; `runMetadata.stepStats` gets timings.
   */
  run<const F>(fetches: F, feedDict?: FeedDict | null, options?: RunOptionsLike | null, runMetadata?: RunMetadata | null): FetchResult<F> {
    this.checkOpen();
    checkRunArgs(options, runMetadata);
    if (this.graph.isEmpty) {
      throw new RuntimeError('The Session graph is empty.  Add operations to the graph before calling run().');
    }
    if (fetches instanceof Tensor || fetches instanceof Operation) return this.runOne(fetches, feedDict, options, runMetadata) as FetchResult<F>;
    const handler = this.handlerFor(fetches);
    const feeds = resolveFeeds(this.graph, feedDict);
    const fedValue = new Map(feeds.map((f) => [f.tensor, f.value] as const));
    // Fetches that are fed come back as fed, without running anything for them (TF's _FetchHandler).
    const toRun = byName(handler.tensors.filter((t) => !fedValue.has(t)));
    const results = new Map<Tensor, NDArray>();
    if (toRun.length > 0 || handler.targets.length > 0) {
      const values = this.execute(feeds, toRun, byName(handler.targets), options, runMetadata);
      toRun.forEach((t, i) => {
        results.set(t, values[i] as NDArray);
      });
    } else if (runMetadata) runMetadata.stepStats = null;
    return handler.build(handler.tensors.map((t) => results.get(t) ?? (fedValue.get(t) as NDArray).clone())) as FetchResult<F>;
  }

  /**
   * `run` of one tensor or op, a loop's usual call: what FetchHandler makes of it is kept for the
   * next run of the same fetch (checked again only if it stopped being fetchable), so a run
   * resolves nothing but its feeds.
   */
  private runOne(fetch: Tensor | Operation, feedDict: FeedDict | null | undefined, options: RunOptionsLike | null | undefined, runMetadata: RunMetadata | null | undefined): NDArray | null {
    let one = this.lastOne;
    if (one === null || one.fetch !== fetch || !this.graph.isFetchable(fetch)) {
      const handler = new FetchHandler(this.graph, fetch);
      one = { fetch, tensors: handler.tensors, targets: handler.targets };
      this.lastOne = one;
    }
    const feeds = resolveFeeds(this.graph, feedDict);
    const t = one.tensors[0];
    if (t === undefined) {
      this.execute(feeds, one.tensors, one.targets, options, runMetadata);
      return null;
    }
    // a fed fetch comes back as fed, nothing run (as in `run`)
    for (let i = 0; i < feeds.length; i++) {
      const f = feeds[i] as (typeof feeds)[number];
      if (f.tensor !== t) continue;
      if (runMetadata) runMetadata.stepStats = null;
      return f.value.clone();
    }
    return this.execute(feeds, one.tensors, one.targets, options, runMetadata)[0] as NDArray;
  }

  /**
   * The FetchHandler of `fetches`: the last one again for a flat list of the same tensors and ops
   * in the same order (a training loop's `[loss, trainOp]`, a new array each call), while they
   * stay fetchable; a new one otherwise.
   */
  private handlerFor(fetches: unknown): FetchHandler {
    const last = this.lastList;
    if (last !== null && Array.isArray(fetches) && fetches.length === last.elements.length) {
      let same = true;
      for (let i = 0; i < fetches.length && same; i++) {
        const el = fetches[i] as unknown;
        same = el === last.elements[i] && this.graph.isFetchable(el as Tensor | Operation);
      }
      if (same) return last.handler;
    }
    const handler = new FetchHandler(this.graph, fetches);
    const flat = Array.isArray(fetches) && fetches.every((el) => el instanceof Tensor || el instanceof Operation);
    this.lastList = flat ? { elements: [...(fetches as (Tensor | Operation)[])], handler } : this.lastList;
    return handler;
  }

  /** The flat fetch list `handlerFor` last resolved (a copy: the caller's array may change). */
  private lastList: { readonly elements: readonly (Tensor | Operation)[]; readonly handler: FetchHandler } | null = null;

  /** The fetch `runOne` last resolved: its tensor or its op (as FetchHandler lists them). */
  private lastOne: { readonly fetch: Tensor | Operation; readonly tensors: readonly Tensor[]; readonly targets: readonly Operation[] } | null = null;

  /** `run` as a Promise (every CPU kernel is synchronous; async backends will need this form). */
  async runAsync<const F>(fetches: F, feedDict?: FeedDict | null, options?: RunOptionsLike | null, runMetadata?: RunMetadata | null): Promise<FetchResult<F>> {
    return this.run(fetches, feedDict, options, runMetadata);
  }

  private execute(
    feeds: readonly { tensor: Tensor; value: NDArray }[],
    fetches: readonly Tensor[],
    targets: readonly Operation[],
    options?: RunOptionsLike | null,
    runMetadata?: RunMetadata | null,
  ): NDArray[] {
    const plan = this.planOf(feeds, fetches, targets);
    const trace: NodeExecStats[] | undefined = wantsTrace(options) && runMetadata ? [] : undefined;
    const timeout = (options?.timeoutInMs ?? 0) || this.config.operationTimeoutInMs;
    const slots = this.withThreads(() =>
      execute(
        plan,
        feeds.map((f, i) => this.state.feedValue(plan, i, f.value)),
        this.state,
        { trace, deadline: timeout > 0 ? performance.now() + timeout : undefined },
      ),
    );
    try {
      if (runMetadata) runMetadata.stepStats = trace ? { devStats: [{ device: this.backend.device, nodeStats: trace }] } : null;
      return plan.fetchSlots.map((s, i) => fetchValue(plan, slots, s, (fetches[i] as Tensor).op.name));
    } finally {
      finishRun(plan, slots);
    }
  }

  /** `fn` under the config's intraOpParallelismThreads (0, the default: the backend's own count). */
  private withThreads<T>(fn: () => T): T {
    const n = this.config.intraOpParallelismThreads;
    return n > 0 && this.backend.withThreadLimit ? this.backend.withThreadLimit(n, fn) : fn();
  }

  private planOf(feeds: readonly { tensor: Tensor; value: NDArray }[], fetches: readonly Tensor[], targets: readonly Operation[]): Plan {
    // A loop repeats one signature: reuse the last plan when its tensors and fed shapes match.
    const last = this.lastPlan;
    if (last && sameSignature(last.plan, feeds, fetches, targets)) return last.plan;
    const plan = getPlan(
      this.graph,
      feeds.map((f) => f.tensor),
      fetches,
      targets,
      this.backend,
      cpuBackend,
      feeds.map((f) => f.value.shape),
      this.passes,
    );
    this.lastPlan = { plan };
    return plan;
  }

  /**
   * The plan a `run(fetches, feedDict)` would execute, printable as a step list: what constant
   * folding and CSE removed, each step's kernel and shapes, and which buffers are reused.
   * `console.log(sess.describePlan(loss, { x: batch }))`.
   */
  describePlan(fetches: unknown, feedDict?: FeedDict | null, targets?: unknown): Plan {
    this.checkOpen();
    const handler = new FetchHandler(this.graph, targets === undefined ? fetches : [fetches, targets]);
    const feeds = resolveFeeds(this.graph, feedDict);
    const fed = new Set(feeds.map((f) => f.tensor));
    return this.planOf(feeds, byName(handler.tensors.filter((t) => !fed.has(t))), byName(handler.targets));
  }

  /**
   * `sess.makeCallable(fetches, feedList)`: a function that runs `fetches` with its arguments fed
   * to `feedList` in order, and returns what `run(fetches)` would.
   */
  makeCallable<const F>(fetches: F, feedList?: readonly unknown[] | null, acceptOptions = false): (...args: unknown[]) => FetchResult<F> {
    this.checkOpen();
    if (feedList !== undefined && feedList !== null && !Array.isArray(feedList)) {
      throw new TypeError('`feed_list` must be a list or tuple.');
    }
    const keys = feedList ?? [];
    // Resolve once now so that errors surface at creation, as TensorFlow's callable does.
    new FetchHandler(this.graph, fetches);
    return (...args: unknown[]) => {
      let options: RunOptionsLike | null = null;
      let runMetadata: RunMetadata | null = null;
      if (acceptOptions && args.length === keys.length + 1) {
        const o = args.pop() as { options?: RunOptionsLike; runMetadata?: RunMetadata } | null | undefined;
        if (o !== null && o !== undefined && (typeof o !== 'object' || Array.isArray(o))) {
          throw new TypeError(`the callable's last argument must be { options, runMetadata }, got ${typeof o}`);
        }
        options = o?.options ?? null;
        runMetadata = o?.runMetadata ?? null;
      }
      if (args.length !== keys.length) {
        throw new TypeError(`callable expected ${keys.length} feed value(s), got ${args.length}`);
      }
      return this.run(fetches, new Map(keys.map((k, i) => [k, args[i]])), options, runMetadata);
    };
  }

  /** Starts a partial run: `fetches` and `feeds` list everything later `partialRun` calls may use. Returns a handle. */
  partialRunSetup(fetches: unknown, feeds?: readonly unknown[] | null): string {
    this.checkOpen();
    if (feeds !== undefined && feeds !== null && !Array.isArray(feeds)) {
      throw new TypeError(`partialRunSetup: feeds must be an array of tensors or tensor names, got ${typeof feeds}`);
    }
    const handler = new FetchHandler(this.graph, fetches);
    if (handler.targets.length > 0) throw new RuntimeError('partial_run() requires empty target_list.');
    if (handler.tensors.length === 0) throw new InvalidArgumentError(null, null, 'Must specify at least one target to fetch or execute.');
    const feedTensors = (feeds ?? []).map((k) => {
      const t = resolveFeedKey(this.graph, k);
      if (!this.graph.isFeedable(t)) throw new ValueError(`Tensor ${t.name} may not be fed.`);
      return t;
    });
    const handle = String(this.partialRunCounter++);
    this.partialRuns.set(handle, {
      feeds: new Set(feedTensors),
      fetches: new Set(handler.tensors),
      values: new Map(),
      fed: new Set(),
      fetched: new Set(),
      executed: new Set(),
    });
    return handle;
  }

  /** Continues a partial run: feeds more values and fetches more results; intermediate values persist. */
  partialRun<const F>(handle: string, fetches: F, feedDict?: FeedDict | null): FetchResult<F> {
    this.checkOpen();
    const st = this.partialRuns.get(handle);
    if (!st) throw new InvalidArgumentError(null, null, "Must run 'setup' before performing partial runs!");
    const handler = new FetchHandler(this.graph, fetches);
    if (handler.targets.length > 0) throw new RuntimeError('partial_run() requires empty target_list.');
    const feeds = resolveFeeds(this.graph, feedDict);
    for (const f of feeds) {
      if (!st.feeds.has(f.tensor)) throw new InvalidArgumentError(null, null, `The feed ${f.tensor.name} was not specified in partial_run_setup.`);
      if (st.fed.has(f.tensor)) throw new InvalidArgumentError(null, null, `The feed ${f.tensor.name} has already been fed.`);
    }
    for (const t of handler.tensors) {
      if (!st.fetches.has(t)) throw new InvalidArgumentError(null, null, `The fetch ${t.name} was not specified in partial_run_setup.`);
      if (st.fetched.has(t)) throw new InvalidArgumentError(null, null, `The fetch ${t.name} has already been fetched.`);
    }
    const values = new Map(st.values);
    for (const f of feeds) values.set(f.tensor, this.backend.upload(f.value));
    const known = byName([...values.keys()]);
    const plan = partialRunPlan(this.graph, known, handler.tensors, st.executed, this.backend);
    for (const step of plan.steps) {
      if (step.kind !== 'kernel' && step.kind !== 'control') continue;
      const pending = step.op.outputs.find((t) => st.feeds.has(t) && !values.has(t));
      if (pending) {
        throw new InvalidArgumentError(null, null, `Fetch ${pending.name} can't be computed from the feeds that have been fed so far.`);
      }
    }
    let slots: (KernelValue | undefined)[];
    try {
      slots = this.withThreads(() => execute(plan, known.map((t) => values.get(t) as BackendTensor), this.state, { keepAll: true }));
    } catch (e) {
      // A failed step ends the partial run, as TensorFlow's PRun does.
      this.partialRuns.delete(handle);
      throw e;
    }
    // Only a successful call consumes its feeds and fetches.
    for (const f of feeds) st.fed.add(f.tensor);
    for (const [t, v] of values) st.values.set(t, v);
    for (const step of plan.steps) {
      if (step.kind !== 'kernel' && step.kind !== 'control') continue;
      st.executed.add(step.op);
      step.op.outputs.forEach((t, i) => {
        const s = step.outputSlots[i] as number;
        const v = slots[s] as KernelValue;
        // Later calls feed these back in on the session's backend: a fallback kernel's value crosses.
        const from = (plan.slots[s] as Plan['slots'][number]).backend;
        st.values.set(t, v instanceof RefCell || from === this.backend ? v : this.backend.upload(from.download(v)));
      });
    }
    const results = plan.fetchSlots.map((s, i) => {
      st.fetched.add(handler.tensors[i] as Tensor);
      return fetchValue(plan, slots, s, (handler.tensors[i] as Tensor).op.name);
    });
    if (st.fetched.size === st.fetches.size) this.partialRuns.delete(handle);
    return handler.build(results) as FetchResult<F>;
  }

  /** Makes this the default session (for `tensor.eval()`, `op.run()`); does not close it on exit. */
  asDefault(): Scope<Session>;
  asDefault<R>(fn: (s: Session) => R): R;
  asDefault<R>(fn?: (s: Session) => R): R | Scope<Session> {
    return scoped(() => [this, defaultSessionStack.push(this)], fn);
  }

  /** Frees every value this session holds; later use raises RuntimeError. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.state.clear();
    this.partialRuns.clear();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  toString(): string {
    return `<tf.Session graph=${this.graph}${this.isClosed ? ' closed' : ''}>`;
  }
}

/** Whether `plan` was compiled for exactly these (sorted) feeds with these shapes, fetches and targets. */
function sameSignature(
  plan: Plan,
  feeds: readonly { tensor: Tensor; value: NDArray }[],
  fetches: readonly Tensor[],
  targets: readonly Operation[],
): boolean {
  if (plan.feeds.length !== feeds.length || plan.fetches.length !== fetches.length || plan.targets.length !== targets.length) return false;
  for (let i = 0; i < fetches.length; i++) if (plan.fetches[i] !== fetches[i]) return false;
  for (let i = 0; i < targets.length; i++) if (plan.targets[i] !== targets[i]) return false;
  for (let i = 0; i < feeds.length; i++) {
    const f = feeds[i] as { tensor: Tensor; value: NDArray };
    if (plan.feeds[i] !== f.tensor) return false;
    const want = plan.fedShapes?.[i];
    // A generic plan is not reused here: the cache decides whether a new shape gets its own.
    if (!want || want.length !== f.value.shape.length) return false;
    for (let d = 0; d < want.length; d++) if (want[d] !== f.value.shape[d]) return false;
  }
  return true;
}

const partialRunPlans = new WeakMap<Graph, Map<string, Plan>>();

/**
 * The plan of one partial-run call, cached per graph by (known values, fetches, ops already run):
 * repeating a partial-run pattern compiles once. Partial runs keep every value, so no pass rewrites them.
 */
function partialRunPlan(graph: Graph, known: readonly Tensor[], fetches: readonly Tensor[], executed: ReadonlySet<Operation>, backend: Backend): Plan {
  const key = [
    backend.name,
    known.map((t) => t.name).sort().join(','),
    fetches.map((t) => t.name).join(','),
    [...executed].map((op) => op.name).sort().join(','),
  ].join('|');
  let cache = partialRunPlans.get(graph);
  if (!cache) {
    cache = new Map();
    partialRunPlans.set(graph, cache);
  }
  let plan = cache.get(key);
  if (!plan) {
    plan = compilePlan({ graph, feeds: known, fetches, targets: [], backend, fallback: cpuBackend, key, fedShapes: null, executed, noPasses: true });
    cache.set(key, plan);
  }
  return plan;
}

let activeInteractive = 0;

/**
 * `tf.InteractiveSession`: installs itself as the default session (and its graph as the default
 * graph when one is given) until closed, so `t.eval()` works without a `with` block.
 */
export class InteractiveSession extends Session {
  private readonly uninstall: (() => void)[] = [];

  constructor(options?: SessionOptions);
  constructor(target?: string, graph?: Graph | null, config?: ConfigProto | ConfigFields | null);
  constructor(...args: unknown[]) {
    super(...(args as [string]));
    if (activeInteractive > 0) {
      console.warn(
        'An interactive session is already active. This can cause out-of-memory errors in some cases. You must explicitly call `InteractiveSession.close()` to release resources held by the other session(s).',
      );
    }
    activeInteractive++;
    defaultSessionStack.push(this);
    this.uninstall.push(() => defaultSessionStack.remove(this));
    if (this.graphGiven) {
      this.graph.asDefault();
      // InteractiveSession does not enforce nesting: closing removes its graph wherever it is.
      this.uninstall.push(() => _removeDefaultGraph(this.graph));
    }
  }

  override close(): void {
    if (this.closed) return;
    super.close();
    activeInteractive--;
    for (const u of this.uninstall.reverse()) u();
  }
}

/** A fetched slot's value as a host copy: a variable's ref is read from the backend holding the variable. */
function fetchValue(plan: Plan, slots: readonly (KernelValue | undefined)[], s: number, name: string): NDArray {
  const v = slots[s] as KernelValue;
  return (v instanceof RefCell ? v.backend : (plan.slots[s] as Plan['slots'][number]).backend).download(deref(v, name, null));
}
