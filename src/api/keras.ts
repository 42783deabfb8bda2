// The parts of tf.keras that TF1 scripts use beside graphs: datasets and the progress bar.
import { loadFashionMnist } from '../io/datasets.js';
import { Progbar } from '../io/progbar.js';

export const datasets = {
  /** `tf.keras.datasets.fashion_mnist.load_data()`, read from a local folder (see tf.data.loadFashionMnist). */
  fashionMnist: { loadData: loadFashionMnist },
} as const;

export const utils = { Progbar } as const;
export type { ProgbarOptions } from '../io/progbar.js';
import { kerasL1, kerasL2 } from '../layers/regularizers.js';
import { kerasL1L2 } from '../layers/regularizers.js';
export type { KerasRegularizer, WeightRegularizer } from '../layers/regularizers.js';
/** `tf.keras.regularizers.l1 / l2` (also `L1` / `L2`), usable as `kernelRegularizer` and `getVariable`'s `regularizer`. */
export const regularizers = { l1: kerasL1, l2: kerasL2, L1: kerasL1, L2: kerasL2, L1L2: kerasL1L2, l1L2: kerasL1L2, l1_l2: kerasL1L2 } as const;
