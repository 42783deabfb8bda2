// TensorFlow.js's nearest to a 1000-op graph: `n` eager scalar adds, each step disposing the
// previous intermediate (as a plan releases dead slots), one read at the end. Shared by the
// session bench's peer table and the suite's dispatch row.

/** What the chain needs of a TF.js tensor (the two bench entry points load different tfjs packages). */
interface EagerScalar {
  dispose(): void;
  dataSync(): ArrayLike<number>;
}

/** x0 + one + … + one (`n` adds); returns the value read back. */
export function tfjsAddChain<T extends EagerScalar>(add: (a: T, b: T) => T, x0: T, one: T, n: number): number {
  let x = add(x0, one);
  for (let i = 1; i < n; i++) {
    const y = add(x, one);
    x.dispose();
    x = y;
  }
  const v = x.dataSync()[0] as number;
  x.dispose();
  return v;
}
