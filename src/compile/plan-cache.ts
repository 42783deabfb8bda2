import type { Backend } from '../backends/backend.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { compilePlan } from './compile.js';
import type { Plan } from './plan.js';

/** Shape-specialized plans kept per run signature before new shapes share one generic plan. */
export const MAX_SPECIALIZATIONS = 8;

interface SignatureCache {
  readonly byShapes: Map<string, Plan>;
  generic: Plan | null;
}

const caches = new WeakMap<Graph, Map<string, SignatureCache>>();

const backendIds = new WeakMap<Backend, number>();
let nextBackendId = 0;

/**
 * A backend instance's part of a plan key: its name and which instance it is. Two backends of one
 * name (two WasmBackends, each with its own heap) never share plans: a plan's constants live on
 * one backend and its kernels are bound to it.
 */
function backendKey(backend: Backend): string {
  let id = backendIds.get(backend);
  if (id === undefined) {
    id = nextBackendId++;
    backendIds.set(backend, id);
  }
  return `${backend.name}#${id}`;
}

function namesKey(backend: Backend, feeds: readonly Tensor[], fetches: readonly Tensor[], targets: readonly Operation[]): string {
  let key = backendKey(backend);
  for (const list of [feeds, fetches, targets]) {
    key += '|';
    for (let i = 0; i < list.length; i++) key += i === 0 ? (list[i] as { name: string }).name : `,${(list[i] as { name: string }).name}`;
  }
  return key;
}

function shapesKey(shapes: readonly (readonly number[])[]): string {
  let key = '';
  for (const s of shapes) key += `${s.join('x')};`;
  return key;
}

/**
 * The plan for a run signature, compiled once per graph and shared by all its sessions. The key
 * is the feed, fetch and target names, the backend, and the fed shapes: each new shape signature
 * gets a plan specialized for it, up to MAX_SPECIALIZATIONS; after that one generic plan serves
 * the rest. Callers pass each list sorted by name (`byName`), so one plan serves every order.
 * Graphs only grow, so a cached plan stays valid when ops are added later.
 */
export function getPlan(
  graph: Graph,
  feeds: readonly Tensor[],
  fetches: readonly Tensor[],
  targets: readonly Operation[],
  backend: Backend,
  fallback: Backend,
  fedShapes: readonly (readonly number[])[],
  passes?: ReadonlySet<string>,
): Plan {
  const key = `${namesKey(backend, feeds, fetches, targets)}${passes ? `|${[...passes].join(',')}` : ''}`;
  let cache = caches.get(graph);
  if (!cache) {
    cache = new Map();
    caches.set(graph, cache);
  }
  let sig = cache.get(key);
  if (!sig) {
    sig = { byShapes: new Map(), generic: null };
    cache.set(key, sig);
  }
  const shapes = shapesKey(fedShapes);
  const hit = sig.byShapes.get(shapes);
  if (hit) return hit;
  if (sig.byShapes.size >= MAX_SPECIALIZATIONS) {
    if (!sig.generic) sig.generic = compilePlan({ graph, feeds, fetches, targets, backend, fallback, key: `${key}|*`, fedShapes: null, passes });
    return sig.generic;
  }
  const plan = compilePlan({ graph, feeds, fetches, targets, backend, fallback, key: `${key}|${shapes}`, fedShapes, passes });
  sig.byShapes.set(shapes, plan);
  return plan;
}

/** How many plans a graph has compiled (for tests and benchmarks). */
export function planCount(graph: Graph): number {
  let n = 0;
  for (const sig of caches.get(graph)?.values() ?? []) n += sig.byShapes.size + (sig.generic ? 1 : 0);
  return n;
}

/** Sorts tensors by name: the canonical order of a plan's feeds and fetches. */
export function byName<T extends { readonly name: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
