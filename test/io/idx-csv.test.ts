// Data readers: IDX and CSV, gzip or not, and their errors for truncated, corrupt or ragged files.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import * as tf from '../../src/v1.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const FASHION = [join(SHARED, 'fashion-mnist'), tf.data.DEBIAN_FASHION_MNIST_DIR].find((d) => existsSync(d));
/** Tests of the real Fashion-MNIST files run where a copy exists (../shared/data or the Debian package). */
const needsFashion = FASHION === undefined ? 'Fashion-MNIST is not on this machine (../shared/data/fashion-mnist or the Debian package)' : false;
const tmp = mkdtempSync(join(tmpdir(), 'tg-io-'));

/** An IDX file: magic (0, 0, type, rank), big-endian dims, then the payload bytes. */
function idx(type: number, dims: number[], payload: number[]): Uint8Array {
  const head = [0, 0, type, dims.length];
  for (const d of dims) head.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return Uint8Array.from([...head, ...payload]);
}

async function rejects(p: Promise<unknown>, cls: new (...a: never[]) => Error, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    if (typeof message === 'string') assert.equal((e as tf.errors.OpError).message, message);
    else assert.match((e as Error).message, message);
    return true;
  });
}

describe('IDX', () => {
  test('uint8 rank 3 and big-endian int32 / float32 payloads', () => {
    const a = tf.data.parseIdx(idx(0x08, [2, 1, 2], [1, 2, 3, 255]));
    assert.equal(a.dtype, 'uint8');
    assert.deepEqual(a.toArray(), [[[1, 2]], [[3, 255]]]);
    const b = tf.data.parseIdx(idx(0x0c, [2], [0, 0, 1, 0, 0xff, 0xff, 0xff, 0xfe]));
    assert.equal(b.dtype, 'int32');
    assert.deepEqual(b.toArray(), [256, -2]);
    const c = tf.data.parseIdx(idx(0x0d, [1], [0x3f, 0xc0, 0, 0]));
    assert.deepEqual(c.toArray(), [1.5]);
    assert.deepEqual(tf.data.parseIdx(idx(0x08, [0, 3], [])).shape, [0, 3]);
  });

  test('wrong magic, truncated header, truncated data and trailing bytes name the file', () => {
    const parse = (b: Uint8Array) => () => tf.data.parseIdx(b, 'f.idx');
    const err = (m: string) => (e: unknown) => e instanceof tf.errors.DataLossError && e.message === m;
    assert.throws(parse(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0])), err('f.idx: not an IDX file: magic number 0x50 0x4b 0x03 0x04; expected 0x00 0x00, a type code (0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e) and the rank'));
    assert.throws(parse(Uint8Array.from([0, 0, 0x07, 1])), /not an IDX file/);
    assert.throws(parse(Uint8Array.from([0, 0])), err('f.idx: truncated: 2 bytes, too short for an IDX header'));
    assert.throws(parse(Uint8Array.from([0, 0, 8, 2, 0, 0, 0])), err('f.idx: truncated: the header of a rank-2 IDX file needs 12 bytes, the file has 7'));
    assert.throws(parse(idx(0x08, [2, 2], [1, 2, 3])), err('f.idx: truncated: shape [2, 2] needs 16 bytes, the file has 15'));
    assert.throws(parse(idx(0x08, [2], [1, 2, 3])), err('f.idx: 1 bytes after the data of shape [2]: not one IDX array'));
  });

  test('readIdx reads the real Fashion-MNIST labels', { skip: needsFashion }, async () => {
    const labels = await tf.data.readIdx(join(FASHION as string, 't10k-labels-idx1-ubyte.gz'));
    assert.equal(labels.dtype, 'uint8');
    assert.deepEqual(labels.shape, [10000]);
    assert.deepEqual([...(labels.data as Uint8Array).subarray(0, 5)], [9, 2, 1, 1, 6]);
  });

  test('readIdx reads gzip files; a missing file is NotFoundError, corrupt gzip DataLossError', async () => {
    const packed = join(tmp, 'labels.gz');
    writeFileSync(packed, gzipSync(idx(0x08, [4], [9, 2, 1, 6])));
    assert.deepEqual((await tf.data.readIdx(packed)).toArray(), [9, 2, 1, 6]);
    const plain = join(tmp, 'plain.idx');
    writeFileSync(plain, idx(0x08, [3], [7, 8, 9]));
    assert.deepEqual((await tf.data.readIdx(plain)).toArray(), [7, 8, 9]);
    const missing = join(tmp, 'nope.gz');
    await rejects(tf.data.readIdx(missing), tf.errors.NotFoundError, `${missing}; No such file or directory`);
    const gz = gzipSync(idx(0x08, [1000], new Array(1000).fill(3)));
    const cut = join(tmp, 'cut.gz');
    writeFileSync(cut, gz.subarray(0, gz.length - 20));
    await rejects(tf.data.readIdx(cut), tf.errors.DataLossError, new RegExp(`^${cut}: corrupt or truncated gzip data`));
  });
});

describe('CSV', () => {
  test('numeric records, header, delimiter, dtype', () => {
    const a = tf.data.parseCsv('1,2,3\n4,5,6\n');
    assert.equal(a.dtype, 'float32');
    assert.deepEqual(a.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(tf.data.parseCsv('a;b\r\n1;-2.5\r\n', { header: true, delimiter: ';', dtype: 'float64' }).toArray(), [[1, -2.5]]);
    const i = tf.data.parseCsv('7,8', { dtype: 'int32' });
    assert.equal(i.dtype, 'int32');
    assert.deepEqual(i.toArray(), [[7, 8]]);
    assert.deepEqual(tf.data.parseCsv('', {}).shape, [0, 0]);
  });

  test('a ragged row, a non-number and a fraction for an integer dtype name the file, line and field', () => {
    const err = (m: string) => (e: unknown) => e instanceof tf.errors.InvalidArgumentError && e.message === m;
    assert.throws(() => tf.data.parseCsv('1,2\n3\n', {}, 'd.csv'), err('d.csv, line 2: expected 2 fields (as the first record), found 1'));
    assert.throws(() => tf.data.parseCsv('1,x\n', {}, 'd.csv'), err('d.csv, line 1, field 2: "x" is not a number'));
    assert.throws(() => tf.data.parseCsv('h\n1.5\n', { header: true, dtype: 'int32' }, 'd.csv'), err('d.csv, line 2, field 1: "1.5" is not an integer (dtype int32)'));
  });

  test('readCsv reads gzip and plain files', async () => {
    const gz = join(tmp, 'd.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from('1,2,3\n4,5,6\n')));
    assert.deepEqual((await tf.data.readCsv(gz)).toArray(), [[1, 2, 3], [4, 5, 6]]);
    const plain = join(tmp, 'd.csv');
    writeFileSync(plain, 'a,b\n7,8\n');
    assert.deepEqual((await tf.data.readCsv(plain, { header: true, dtype: 'int32' })).toArray(), [[7, 8]]);
  });
});

describe('bundled and local datasets', () => {
  test('loadDigits: the embedded 8×8 digits, shuffled with a seed and split 80/20', async () => {
    const [[x, y], [xt, yt]] = await tf.data.loadDigits();
    assert.deepEqual([x.shape, y.shape, xt.shape, yt.shape], [[1438, 64], [1438], [359, 64], [359]]);
    assert.equal(x.dtype, 'uint8');
    // Every image lands in exactly one split: the rows of both splits are the 1,797 rows of the data.
    const rowsOf = (a: tf.NDArray, b: tf.NDArray) => (a.toArray() as number[][]).map((r, i) => [...r, b.get(i)].join(','));
    const [[xAll, yAll]] = await tf.data.loadDigits({ testFraction: 0 });
    assert.deepEqual([...rowsOf(x, y), ...rowsOf(xt, yt)].sort(), rowsOf(xAll, yAll).sort());
    assert.ok(rowsOf(xAll, yAll).includes('0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0'), 'the first row of scikit-learn\'s file');
    assert.deepEqual([...new Set(yAll.toArray() as number[])].sort(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [[x2]] = await tf.data.loadDigits();
    assert.deepEqual(x2.toArray(), x.toArray(), 'same seed, same split');
    const [[x3]] = await tf.data.loadDigits({ seed: 1 });
    assert.notDeepEqual(x3.toArray(), x.toArray(), 'another seed, another split');
    const [[all]] = await tf.data.loadDigits({ testFraction: 0 });
    assert.deepEqual(all.shape, [1797, 64]);
    await assert.rejects(tf.data.loadDigits({ testFraction: 1 }), RangeError);
  });

  test('loadFashionMnist reads the four files', { skip: needsFashion }, async () => {
    const [[x, y], [xt, yt]] = await tf.keras.datasets.fashionMnist.loadData(FASHION as string);
    assert.deepEqual([x.shape, y.shape, xt.shape, yt.shape], [[60000, 28, 28], [60000], [10000, 28, 28], [10000]]);
  });

  test('loadFashionMnist: a missing folder names every folder tried', async () => {
    await rejects(tf.data.loadFashionMnist(['/no/a', '/no/b']), tf.errors.NotFoundError, /^Fashion-MNIST not found: looked in \/no\/a and \/no\/b\. .*dataset-fashion-mnist/);
  });

  test('label and image counts that differ fail naming both files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-fm-'));
    const images = (n: number) => gzipSync(idx(0x08, [n, 28, 28], new Array(n * 784).fill(0)));
    const labels = (n: number) => gzipSync(idx(0x08, [n], new Array(n).fill(1)));
    writeFileSync(join(dir, 'train-images-idx3-ubyte.gz'), images(3));
    writeFileSync(join(dir, 'train-labels-idx1-ubyte.gz'), labels(2));
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), images(1));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), labels(1));
    await rejects(tf.data.loadFashionMnist(dir), tf.errors.InvalidArgumentError, `${dir}/train-labels-idx1-ubyte.gz has 2 labels but ${dir}/train-images-idx3-ubyte.gz has 3 images`);
  });
});
