// The parts of TF1's tf.contrib that training scripts use: tf.contrib.layers' weight regularizers.
import { l1Regularizer, l2Regularizer } from '../layers/regularizers.js';

export const layers = { l1Regularizer, l2Regularizer } as const;
