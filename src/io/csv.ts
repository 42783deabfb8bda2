// Numeric CSV: one record per line, fields separated by a delimiter, every record as wide as the
// first. Malformed input fails naming the file, the line and what is wrong.
import type { DType } from '../core/dtypes.js';
import { InvalidArgumentError } from '../core/errors.js';
import { NDArray } from '../core/ndarray.js';
import { readDataFile } from './files.js';

export interface CsvOptions {
  /** Skip the first line (column names). Default false. */
  readonly header?: boolean;
  /** Field separator. Default ','. */
  readonly delimiter?: string;
  /** dtype of the result: a numeric dtype. Default 'float32'. */
  readonly dtype?: DType;
}

/** Parses numeric CSV text into a [records, fields] NDArray; `source` names the file in errors. */
export function parseCsv(text: string, options: CsvOptions = {}, source = 'CSV data'): NDArray {
  const { header = false, delimiter = ',', dtype = 'float32' } = options;
  if (dtype === 'string' || dtype === 'bool') throw new TypeError(`parseCsv reads numbers: dtype ${dtype} is not numeric`);
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const integral = !dtype.startsWith('float');
  const values: number[] = [];
  let width = -1;
  let records = 0;
  for (let i = header ? 1 : 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fields = line.split(delimiter);
    if (width < 0) width = fields.length;
    else if (fields.length !== width) {
      throw new InvalidArgumentError(null, null, `${source}, line ${i + 1}: expected ${width} fields (as the first record), found ${fields.length}`);
    }
    for (let j = 0; j < fields.length; j++) {
      const f = (fields[j] as string).trim();
      const v = f === '' ? Number.NaN : Number(f);
      if (Number.isNaN(v) && !/^[+-]?nan$/i.test(f)) {
        throw new InvalidArgumentError(null, null, `${source}, line ${i + 1}, field ${j + 1}: ${JSON.stringify(fields[j])} is not a number`);
      }
      if (integral && !Number.isInteger(v)) {
        throw new InvalidArgumentError(null, null, `${source}, line ${i + 1}, field ${j + 1}: ${JSON.stringify(fields[j])} is not an integer (dtype ${dtype})`);
      }
      values.push(v);
    }
    records++;
  }
  const out = new NDArray(dtype, [records, Math.max(width, 0)]);
  const data = out.data as Float32Array | BigInt64Array;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    for (let k = 0; k < values.length; k++) data[k] = BigInt(values[k] as number);
  } else (data as Float32Array).set(values);
  return out;
}

/** Reads a numeric CSV file (gzip or not) from a path or URL. */
export async function readCsv(location: string, options: CsvOptions = {}): Promise<NDArray> {
  return parseCsv(new TextDecoder().decode(await readDataFile(location)), options, location);
}
