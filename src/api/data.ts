// The tf.data namespace: a host-side Dataset, data file readers, and the bundled datasets. See README.md.
export { Dataset, type Structure } from '../io/dataset.js';
export { parseIdx, readIdx } from '../io/idx.js';
export { type CsvOptions, parseCsv, readCsv } from '../io/csv.js';
export { DEBIAN_FASHION_MNIST_DIR, type DigitsOptions, type Split, type TrainTest, loadDigits, loadFashionMnist } from '../io/datasets.js';
