// The suite's cases (issue 6, scope 1) and the deterministic inputs every implementation uses.
import type { RowSpec } from './report.js';

export const MATMUL_SIZES = [64, 128, 256, 512, 1024] as const;
export type MatmulKind = 'ab' | 'atb' | 'abt';
export const MATMUL_KINDS: readonly MatmulKind[] = ['ab', 'atb', 'abt'];
const KIND_LABEL: Record<MatmulKind, string> = { ab: 'A·B', atb: 'Aᵀ·B', abt: 'A·Bᵀ' };

export const CHAIN_N = 1 << 20;
/** The elementwise chain's scalars: relu(x·A + B)·C. */
export const CHAIN_A = 0.5;
export const CHAIN_B = -0.1;
export const CHAIN_C = 2;
export const DISPATCH_OPS = 1000;

export const MLP = { batch: 128, sizes: [784, 256, 256, 10], lr: 0.01 } as const;
/** conv2d 1×64×64×32, 3×3, 32→64, SAME, stride 1 (NHWC). */
export const CONV = { n: 1, h: 64, w: 64, cin: 32, k: 3, cout: 64 } as const;
/** TensorFlow's Fashion-MNIST tutorial CNN at batch 64 (dropout left out, see README). */
export const CNN = { batch: 64, lr: 0.01 } as const;

export const matmulId = (kind: MatmulKind, n: number) => `matmul-${kind}-${n}`;

const convFlops = 2 * CONV.n * CONV.h * CONV.w * CONV.cout * CONV.k * CONV.k * CONV.cin;

export const ROWS: readonly RowSpec[] = [
  ...MATMUL_KINDS.flatMap((kind) => MATMUL_SIZES.map((n) => ({ id: matmulId(kind, n), label: `matmul ${KIND_LABEL[kind]} ${n}`, flops: 2 * n ** 3 }))),
  { id: 'chain', label: 'relu(x·a+b)·c, 1M float32', bytes: 8 * CHAIN_N },
  { id: 'dispatch', label: `${DISPATCH_OPS} tiny ops (scalar adds), per run` },
  { id: 'run-overhead', label: 'sess.run overhead (1 scalar add, value back)' },
  { id: 'mlp-infer', label: 'MLP 784-256-256-10 b128 inference' },
  { id: 'mlp-train', label: 'MLP 784-256-256-10 b128 SGD step' },
  // Direct convolution's count: a Winograd kernel (ours, forward) does fewer, so % of peak is nominal.
  { id: 'conv-fwd', label: 'conv2d 64×64×32 3×3→64 SAME fwd', flops: convFlops, nominalFlops: true },
  { id: 'conv-bwd-input', label: 'conv2d backprop input', flops: convFlops, nominalFlops: true },
  { id: 'conv-bwd-filter', label: 'conv2d backprop filter', flops: convFlops, nominalFlops: true },
  { id: 'cnn-train', label: 'Fashion-MNIST CNN b64 SGD step' },
  { id: 'peak-rss', label: 'peak RSS (MLP training, fresh process)', unit: 'bytes' },
];

/** Deterministic float32 values in [-scale, scale) (a Lehmer generator: the same in every process). */
export function randomFloats(n: number, seed: number, scale = 0.5): Float32Array {
  const d = new Float32Array(n);
  let s = seed % 2147483647 || 1;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    d[i] = (2 * (s / 2147483647) - 1) * scale;
  }
  return d;
}

/** One-hot labels for `batch` examples of `classes` classes (example i is class i mod classes). */
export function oneHot(batch: number, classes: number): Float32Array {
  const d = new Float32Array(batch * classes);
  for (let i = 0; i < batch; i++) d[i * classes + (i % classes)] = 1;
  return d;
}

/** Shapes of the A and B operands of a matmul kind (C is always n×n). */
export function matmulShapes(n: number): [number[], number[]] {
  return [
    [n, n],
    [n, n],
  ];
}

/** Glorot-like scale for a weight of fan-in `fanIn`, so activations stay finite over many steps. */
export const weightScale = (fanIn: number) => Math.sqrt(3 / fanIn);

/** The CNN's variable shapes (NHWC, HWIO filters). */
export const CNN_SHAPES = {
  x: [64, 28, 28, 1],
  w1: [5, 5, 1, 32],
  b1: [32],
  w2: [5, 5, 32, 64],
  b2: [64],
  w3: [7 * 7 * 64, 1024],
  b3: [1024],
  w4: [1024, 10],
  b4: [10],
} as const;

/** Case ids, cheapest first: the scalar and 1M-element cases, the MLP, matmul by size, conv, the CNN. */
export function byCost(ids: readonly string[]): string[] {
  const rank = (id: string): number => {
    const n = /^matmul-\w+-(\d+)$/.exec(id);
    if (n) return 10 + Math.log2(Number(n[1]));
    const order = ['run-overhead', 'dispatch', 'chain', 'mlp-infer', 'mlp-train'];
    if (order.includes(id)) return order.indexOf(id);
    return id === 'cnn-train' ? 30 : 25;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}
