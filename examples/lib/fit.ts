// The training loop the examples share: epochs of shuffled mini-batches fed to placeholders, a
// progress bar on stderr, per-epoch loss and accuracy, and the accuracy on held-out data.
import * as tf from 'tensorgraph/v1';

export interface Model {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
  /** Feeds `true` while training (dropout, batch norm); absent for models without such layers. */
  readonly training?: tf.Tensor;
  readonly loss: tf.Tensor;
  readonly accuracy: tf.Tensor;
  readonly trainOp: tf.Operation;
}

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Batch size for evaluation (no gradients: larger is fine). */
  readonly evalBatchSize?: number;
}

/** The mean of `fetch` over `data` in batches (weighted by batch size). */
export function evaluate(sess: tf.Session, model: Model, [x, y]: tf.data.Split, batchSize = 1000): { loss: number; accuracy: number } {
  let loss = 0;
  let accuracy = 0;
  let n = 0;
  for (const [xb, yb] of tf.data.Dataset.fromTensorSlices([x, y]).batch(batchSize)) {
    const size = (xb as tf.NDArray).shape[0] as number;
    const feeds = new Map<tf.Tensor, tf.NDArray>([[model.x, xb as tf.NDArray], [model.y, yb as tf.NDArray]]);
    const [l, a] = sess.run([model.loss, model.accuracy], feeds) as tf.NDArray[];
    loss += (l?.item() as number) * size;
    accuracy += (a?.item() as number) * size;
    n += size;
  }
  return { loss: loss / n, accuracy: accuracy / n };
}

/** Trains for `epochs`, printing one line per epoch to stdout (the bar goes to stderr). */
export function fit(sess: tf.Session, model: Model, [x, y]: tf.data.Split, options: FitOptions): void {
  const data = tf.data.Dataset.fromTensorSlices([x, y]).shuffle(x.shape[0] as number, options.seed).batch(options.batchSize);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const bar = new tf.keras.utils.Progbar(data.size);
    const start = performance.now();
    let step = 0;
    let loss = 0;
    let accuracy = 0;
    for (const [xb, yb] of data) {
      const feeds = new Map<tf.Tensor, unknown>([[model.x, xb], [model.y, yb]]);
      if (model.training) feeds.set(model.training, true);
      const [, l, a] = sess.run([model.trainOp, model.loss, model.accuracy], feeds) as [unknown, tf.NDArray, tf.NDArray];
      loss += l.item() as number;
      accuracy += a.item() as number;
      bar.update(++step, [['loss', l.item() as number], ['accuracy', a.item() as number]]);
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(`epoch ${epoch}/${options.epochs}: loss ${(loss / step).toFixed(4)}, accuracy ${(accuracy / step).toFixed(4)} (${seconds.toFixed(1)} s)`);
  }
}

/** A `--backend` option's value as a Session backend ('cpu' or 'wasm'; empty: the library's default), refusing others. */
export function backendOption(name: string): 'cpu' | 'wasm' {
  if (name === '') return tf.getBackend();
  if (name !== 'cpu' && name !== 'wasm') throw new Error(`unknown backend ${JSON.stringify(name)}; --backend takes cpu or wasm`);
  return name;
}

/** `--name value` options of a script, as numbers or strings, over defaults. */
export function options<T extends Record<string, number | string>>(defaults: T, argv = process.argv.slice(2)): T {
  const out: Record<string, number | string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i]?.replace(/^--/, '') ?? '';
    if (!(key in defaults)) throw new Error(`unknown option ${argv[i]}; options: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')}`);
    const v = argv[++i] ?? '';
    out[key] = typeof defaults[key] === 'number' ? Number(v) : v;
  }
  return out as T;
}
