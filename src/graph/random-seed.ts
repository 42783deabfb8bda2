// TensorFlow's graph-level random seeds (`random_seed.py`): `get_seed`, `set_random_seed`.
import { type SeedPair, registerSeedResolver } from '../ops/seed.js';
import { type Graph, getDefaultGraph } from './graph.js';

/** The graph seed an op-seeded random op uses when the graph has none. */
export const DEFAULT_GRAPH_SEED = 87654321;
const MAXINT32 = 2 ** 31 - 1;

// Seedless random ops of a graph with a seed take op seeds 0, 1, 2, … (TF's `_graph_to_seed_dict`).
const counters = new WeakMap<Graph, number>();

/** Python's `seed % (2**31 - 1)` (never negative), for numbers or bigints. */
function truncateSeed(seed: number | bigint): number {
  if (typeof seed === 'bigint') {
    const m = BigInt(MAXINT32);
    return Number(((seed % m) + m) % m);
  }
  if (!Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${seed}`);
  return ((seed % MAXINT32) + MAXINT32) % MAXINT32;
}

/**
 * `tf.compat.v1.random.get_seed(opSeed)`: the (graph seed, op seed) pair a random op uses, from
 * the default graph's seed (`tf.setRandomSeed`) and the op's own; `[null, null]` when neither is
 * set (a nondeterministic op). `(0, 0)` becomes `(0, 2**31 - 1)`, since 0/0 means "random" to
 * the kernels.
 */
export function getSeed(opSeed?: number | bigint | null): SeedPair {
  const g = getDefaultGraph();
  const graphSeed = g.seed;
  let seeds: [number, number] | [null, null];
  if (graphSeed !== null && graphSeed !== undefined) {
    let op = opSeed;
    if (op === null || op === undefined) {
      op = counters.get(g) ?? 0;
      counters.set(g, op + 1);
    }
    seeds = [truncateSeed(graphSeed), truncateSeed(op)];
  } else if (opSeed !== null && opSeed !== undefined) {
    seeds = [DEFAULT_GRAPH_SEED, truncateSeed(opSeed)];
  } else {
    seeds = [null, null];
  }
  if (seeds[0] === 0 && seeds[1] === 0) return [0, MAXINT32];
  return seeds;
}

/** `tf.compat.v1.set_random_seed(seed)`: sets the default graph's seed (null clears it). */
export function setRandomSeed(seed: number | bigint | null): void {
  getDefaultGraph().seed = seed === null ? null : Number(seed);
}

registerSeedResolver(getSeed);
