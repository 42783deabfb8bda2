// The parts of tf.keras that TF1 scripts use beside graphs: datasets and the progress bar.
import { loadFashionMnist } from '../io/datasets.js';
import { Progbar } from '../io/progbar.js';

export const datasets = {
  /** `tf.keras.datasets.fashion_mnist.load_data()`, read from a local folder (see tf.data.loadFashionMnist). */
  fashionMnist: { loadData: loadFashionMnist },
} as const;

export const utils = { Progbar } as const;
export type { ProgbarOptions } from '../io/progbar.js';
