// The seed pair a random op gets (TensorFlow's `random_seed.get_seed`). The rules need the default
// graph's seed and counters, which live in the graph layer above: it registers the resolver here
// (as it registers the base execution context), and builders in this layer call `getSeed`.

export type SeedPair = readonly [number, number] | readonly [null, null];
export type SeedResolver = (opSeed: number | bigint | null | undefined) => SeedPair;

let resolver: SeedResolver | null = null;

/** The graph layer installs TensorFlow's seed rules (graph/random-seed.ts). */
export function registerSeedResolver(fn: SeedResolver): void {
  resolver = fn;
}

/** `(seed, seed2)` for a random op with op-level seed `opSeed`; `(null, null)` = nondeterministic. */
export function getSeed(opSeed: number | bigint | null | undefined): SeedPair {
  if (!resolver) throw new Error('tensorgraph: no seed resolver; import tensorgraph or tensorgraph/v1');
  return resolver(opSeed);
}

/** The `seed`/`seed2` attrs of a random op (0, 0 when nondeterministic, as TensorFlow's OpDefs default). */
export function seedAttrs(opSeed: number | bigint | null | undefined): { seed: number; seed2: number } {
  const [s1, s2] = getSeed(opSeed);
  return { seed: s1 ?? 0, seed2: s2 ?? 0 };
}
