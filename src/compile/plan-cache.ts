import type { Backend } from '../backends/backend.js';
import type { Graph } from '../graph/graph.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { type Plan, compilePlan } from './plan.js';

const caches = new WeakMap<Graph, Map<string, Plan>>();

/**
 * The plan for a run signature, compiled once per graph and shared by all its sessions. The key is
 * the feed, fetch and target names plus the backend (TensorFlow's executor cache key). Callers
 * pass each list sorted by name (`byName`), so one plan serves every order of the same names.
 * Graphs only grow, so a cached plan stays valid when ops are added later.
 */
export function getPlan(
  graph: Graph,
  feeds: readonly Tensor[],
  fetches: readonly Tensor[],
  targets: readonly Operation[],
  backend: Backend,
): Plan {
  let key = backend.name;
  for (const list of [feeds, fetches, targets]) {
    key += '|';
    for (let i = 0; i < list.length; i++) key += i === 0 ? (list[i] as { name: string }).name : `,${(list[i] as { name: string }).name}`;
  }
  let cache = caches.get(graph);
  if (!cache) {
    cache = new Map();
    caches.set(graph, cache);
  }
  // Names are unique in a graph and the lists come sorted, so a hit has the same tensors in order.
  let plan = cache.get(key);
  if (plan) return plan;
  plan = compilePlan(graph, feeds, fetches, targets, backend, key);
  cache.set(key, plan);
  return plan;
}

/** How many plans a graph has compiled (for tests and benchmarks). */
export function planCount(graph: Graph): number {
  return caches.get(graph)?.size ?? 0;
}

/** Sorts tensors by name: the canonical order of a plan's feeds and fetches. */
export function byName<T extends { readonly name: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
