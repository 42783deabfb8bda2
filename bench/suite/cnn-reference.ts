// The CNN case's loss before its first update, computed in plain JavaScript (float64) from the
// suite's deterministic inputs: each implementation checks its first step's loss against it, so
// every runtime is shown to train the same network on the same batch. About 0.9 G multiply-adds
// (1–3 s), so it runs once per process and only where the CNN case is set up.
import { CNN, CNN_SHAPES, oneHot, randomFloats, weightScale } from './rows.js';

/** NHWC input, HWIO filter, stride 1, SAME padding, plus bias (zero here) and ReLU. */
function convRelu(x: Float64Array, n: number, h: number, w: number, cin: number, f: Float32Array, k: number, cout: number): Float64Array {
  const y = new Float64Array(n * h * w * cout);
  const pad = (k - 1) >> 1;
  const acc = new Float64Array(cout);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < w; j++) {
        acc.fill(0);
        for (let di = 0; di < k; di++) {
          const ii = i + di - pad;
          if (ii < 0 || ii >= h) continue;
          for (let dj = 0; dj < k; dj++) {
            const jj = j + dj - pad;
            if (jj < 0 || jj >= w) continue;
            const xo = ((b * h + ii) * w + jj) * cin;
            const fo = (di * k + dj) * cin * cout;
            for (let c = 0; c < cin; c++) {
              const xv = x[xo + c] as number;
              const fr = fo + c * cout;
              for (let o = 0; o < cout; o++) acc[o] = (acc[o] as number) + xv * (f[fr + o] as number);
            }
          }
        }
        const yo = ((b * h + i) * w + j) * cout;
        for (let o = 0; o < cout; o++) y[yo + o] = Math.max(0, acc[o] as number);
      }
    }
  }
  return y;
}

/** 2×2 max-pool, stride 2 (even sizes: SAME and VALID agree). */
function pool2(x: Float64Array, n: number, h: number, w: number, c: number): Float64Array {
  const [ho, wo] = [h >> 1, w >> 1];
  const y = new Float64Array(n * ho * wo * c);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      for (let j = 0; j < wo; j++) {
        for (let o = 0; o < c; o++) {
          const at = (di: number, dj: number) => x[((b * h + 2 * i + di) * w + 2 * j + dj) * c + o] as number;
          y[((b * ho + i) * wo + j) * c + o] = Math.max(at(0, 0), at(0, 1), at(1, 0), at(1, 1));
        }
      }
    }
  }
  return y;
}

/** x [n, fi] · w [fi, fo] (+ zero bias), ReLU optional. */
function dense(x: Float64Array, n: number, fi: number, w: Float32Array, fo: number, relu: boolean): Float64Array {
  const y = new Float64Array(n * fo);
  for (let b = 0; b < n; b++) {
    const row = y.subarray(b * fo, (b + 1) * fo);
    for (let i = 0; i < fi; i++) {
      const xv = x[b * fi + i] as number;
      if (xv === 0) continue;
      const wo = i * fo;
      for (let o = 0; o < fo; o++) row[o] = (row[o] as number) + xv * (w[wo + o] as number);
    }
    if (relu) for (let o = 0; o < fo; o++) row[o] = Math.max(0, row[o] as number);
  }
  return y;
}

/** The mean softmax cross-entropy of the CNN case's first step (weights as every implementation seeds them). */
export function cnnFirstLoss(): number {
  const S = CNN_SHAPES;
  const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const n = CNN.batch;
  const x = Float64Array.from(randomFloats(size(S.x), 35));
  const c1 = pool2(convRelu(x, n, 28, 28, 1, randomFloats(size(S.w1), 31, weightScale(25)), 5, 32), n, 28, 28, 32);
  const c2 = pool2(convRelu(c1, n, 14, 14, 32, randomFloats(size(S.w2), 32, weightScale(800)), 5, 64), n, 14, 14, 64);
  const d1 = dense(c2, n, 7 * 7 * 64, randomFloats(size(S.w3), 33, weightScale(3136)), 1024, true);
  const logits = dense(d1, n, 1024, randomFloats(size(S.w4), 34, weightScale(1024)), 10, false);
  const labels = oneHot(n, 10);
  let total = 0;
  for (let b = 0; b < n; b++) {
    const z = logits.subarray(b * 10, b * 10 + 10);
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
    for (let o = 0; o < 10; o++) total -= (labels[b * 10 + o] as number) * ((z[o] as number) - lse);
  }
  return total / n;
}
