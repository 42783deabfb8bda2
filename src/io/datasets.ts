// Ready-made datasets as Keras's `load_data()` returns them: [[xTrain, yTrain], [xTest, yTest]].
import { InvalidArgumentError, NotFoundError } from '../core/errors.js';
import { NDArray } from '../core/ndarray.js';
import { isDirectory } from '../core/platform.js';
import { parseCsv } from './csv.js';
import { DIGITS_CSV_GZ_BASE64 } from './digits-data.js';
import { gunzip } from './files.js';
import { uniform } from './dataset.js';
import { readIdx } from './idx.js';

export type Split = [x: NDArray, y: NDArray];
export type TrainTest = [train: Split, test: Split];

/** Where the Debian package `dataset-fashion-mnist` installs the four IDX files. */
export const DEBIAN_FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const base64Bytes = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The given rows of a 2-D NDArray's columns [c0, c1), as a new uint8 array of `shape`. */
function columns(a: NDArray, rows: readonly number[], c0: number, c1: number, shape: readonly number[]): NDArray {
  const width = a.shape[1] as number;
  const out = new NDArray('uint8', shape);
  const src = a.data as Float32Array;
  const dst = out.data as Uint8Array;
  rows.forEach((r, i) => {
    for (let c = c0; c < c1; c++) dst[i * (c1 - c0) + c - c0] = src[r * width + c] as number;
  });
  return out;
}

/** 0..n-1 in a fixed pseudo-random order (Fisher-Yates with a seeded generator). */
function permutation(n: number, seed: number): number[] {
  const rand = uniform(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [p[i], p[j]] = [p[j] as number, p[i] as number];
  }
  return p;
}

export interface DigitsOptions {
  /** The share of the 1,797 images held out as the test split. Default 0.2. */
  readonly testFraction?: number;
  /** Seed of the shuffle before the split (as scikit-learn's `train_test_split` shuffles). Default 0. */
  readonly seed?: number;
}

/**
 * scikit-learn's 8×8 digits, embedded in the library: x uint8 [n, 64] (pixels 0..16), y uint8 [n]
 * (0..9). The rows are shuffled with `seed`, then the last `testFraction` of them are the test
 * split: the same split for the same seed.
 */
export async function loadDigits(options: DigitsOptions = {}): Promise<TrainTest> {
  const { testFraction = 0.2, seed = 0 } = options;
  if (!(testFraction >= 0 && testFraction < 1)) throw new RangeError(`testFraction must be in [0, 1), got ${testFraction}`);
  const table = parseCsv(new TextDecoder().decode(await gunzip(base64Bytes(DIGITS_CSV_GZ_BASE64), 'digits.csv.gz')), {}, 'digits.csv.gz');
  const n = table.shape[0] as number;
  const nTrain = n - Math.round(n * testFraction);
  const order = permutation(n, seed);
  const split = (rows: number[]): Split => [columns(table, rows, 0, 64, [rows.length, 64]), columns(table, rows, 64, 65, [rows.length])];
  return [split(order.slice(0, nTrain)), split(order.slice(nTrain))];
}

const FASHION_FILES = {
  xTrain: 'train-images-idx3-ubyte.gz',
  yTrain: 'train-labels-idx1-ubyte.gz',
  xTest: 't10k-images-idx3-ubyte.gz',
  yTest: 't10k-labels-idx1-ubyte.gz',
} as const;

async function imagesAndLabels(dir: string, images: string, labels: string): Promise<Split> {
  const [x, y] = await Promise.all([readIdx(`${dir}/${images}`), readIdx(`${dir}/${labels}`)]);
  if (x.rank !== 3 || x.dtype !== 'uint8') throw new InvalidArgumentError(null, null, `${dir}/${images}: expected uint8 images of rank 3, got ${x.dtype} of shape [${x.shape.join(', ')}]`);
  if (y.rank !== 1 || y.dtype !== 'uint8') throw new InvalidArgumentError(null, null, `${dir}/${labels}: expected uint8 labels of rank 1, got ${y.dtype} of shape [${y.shape.join(', ')}]`);
  if (x.shape[0] !== y.shape[0]) throw new InvalidArgumentError(null, null, `${dir}/${labels} has ${y.shape[0]} labels but ${dir}/${images} has ${x.shape[0]} images`);
  return [x, y];
}

/**
 * Fashion-MNIST from a folder holding its four gzip IDX files (as Keras's
 * `fashion_mnist.load_data()` returns it: x uint8 [n, 28, 28], y uint8 [n]). `dirs` are tried in
 * order; the default is the Debian package's folder. Fails naming every folder tried.
 */
export async function loadFashionMnist(dirs: string | readonly string[] = [DEBIAN_FASHION_MNIST_DIR]): Promise<TrainTest> {
  const tried = typeof dirs === 'string' ? [dirs] : dirs;
  let dir: string | undefined;
  for (const d of tried) {
    if (await isDirectory(d)) {
      dir = d;
      break;
    }
  }
  if (dir === undefined) {
    throw new NotFoundError(
      null,
      null,
      `Fashion-MNIST not found: looked in ${tried.join(' and ')}. Pass the folder holding ${Object.values(FASHION_FILES).join(', ')}, or install the Debian package dataset-fashion-mnist (it installs them in ${DEBIAN_FASHION_MNIST_DIR}).`,
    );
  }
  return Promise.all([imagesAndLabels(dir, FASHION_FILES.xTrain, FASHION_FILES.yTrain), imagesAndLabels(dir, FASHION_FILES.xTest, FASHION_FILES.yTest)]);
}
