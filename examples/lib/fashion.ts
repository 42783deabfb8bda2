// Where the Fashion-MNIST examples find the data: `--data DIR`, else ../shared/data/fashion-mnist
// beside this repository, else the Debian package dataset-fashion-mnist's folder.
import { join } from 'node:path';
import * as tf from 'tensorgraph/v1';

/** The repository's sibling `shared/data/fashion-mnist` (examples run from build/examples/). */
export const SHARED_FASHION_MNIST = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'fashion-mnist');

export async function loadFashionMnist(dir: string): Promise<tf.data.TrainTest> {
  const data = await tf.data.loadFashionMnist(dir ? [dir] : [SHARED_FASHION_MNIST, tf.data.DEBIAN_FASHION_MNIST_DIR]);
  console.log(`Fashion-MNIST: ${data[0][0].shape[0]} training and ${data[1][0].shape[0]} test images of 28×28 pixels`);
  return data;
}
