// Scatter-add through per-axis offset tables (MirrorPadGrad, where several output cells fold
// onto one input cell). The plain copies (Transpose, Slice, Pad, Tile…) are block copies in
// strided-copy.ts.

type Store = { [i: number]: unknown; readonly length: number };

/**
 * `dst[Σ_k offs[k][i_k]] += src[flat(i)]` for every index `i` of the shape `offs.map(o => o.length)`
 * (row-major), for number or bigint storage.
 */
export function scatterAddByOffsets(src: Store, dst: Store, offs: readonly ArrayLike<number>[], base = 0): void {
  walk(offs, base, (flat, at) => {
    (dst as unknown as number[])[at] = ((dst[at] as number) + (src[flat] as number)) as number;
  });
}

/** Runs `f(flat, at)` over the index space, `at` = base + Σ offs[k][i_k]; innermost axis tight. */
function walk(offs: readonly ArrayLike<number>[], base: number, f: (flat: number, at: number) => void): void {
  const r = offs.length;
  for (const o of offs) if (o.length === 0) return;
  if (r === 0) {
    f(0, base);
    return;
  }
  const idx = new Array<number>(r).fill(0);
  // partial[k] = base + Σ_{j<k} offs[j][idx[j]]
  const partial = new Array<number>(r + 1).fill(base);
  for (let k = 0; k < r; k++) partial[k + 1] = (partial[k] as number) + ((offs[k] as ArrayLike<number>)[0] as number);
  const inner = offs[r - 1] as ArrayLike<number>;
  const n = inner.length;
  let flat = 0;
  for (;;) {
    const p = partial[r - 1] as number;
    for (let i = 0; i < n; i++) f(flat++, p + (inner[i] as number));
    // Advance the odometer over the outer axes.
    let k = r - 2;
    while (k >= 0) {
      const o = offs[k] as ArrayLike<number>;
      const next = (idx[k] as number) + 1;
      if (next < o.length) {
        idx[k] = next;
        break;
      }
      idx[k] = 0;
      k--;
    }
    if (k < 0) return;
    for (let j = k; j < r - 1; j++) partial[j + 1] = (partial[j] as number) + ((offs[j] as ArrayLike<number>)[idx[j] as number] as number);
  }
}
