// The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type code, the number of
// dimensions, each dimension as a big-endian uint32, then the values, big-endian, row-major.
import type { DType } from '../core/dtypes.js';
import { DataLossError } from '../core/errors.js';
import { NDArray } from '../core/ndarray.js';
import { readDataFile } from './files.js';

const TYPES = new Map<number, { dtype: DType; bytes: number }>([
  [0x08, { dtype: 'uint8', bytes: 1 }],
  [0x09, { dtype: 'int8', bytes: 1 }],
  [0x0b, { dtype: 'int16', bytes: 2 }],
  [0x0c, { dtype: 'int32', bytes: 4 }],
  [0x0d, { dtype: 'float32', bytes: 4 }],
  [0x0e, { dtype: 'float64', bytes: 8 }],
]);

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

/** Parses IDX bytes (already decompressed) into an NDArray; `source` names the file in errors. */
export function parseIdx(bytes: Uint8Array, source = 'IDX data'): NDArray {
  const fail = (what: string): never => {
    throw new DataLossError(null, null, `${source}: ${what}`);
  };
  if (bytes.length < 4) fail(`truncated: ${bytes.length} bytes, too short for an IDX header`);
  const type = TYPES.get(bytes[2] as number);
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined) {
    const magic = [...bytes.subarray(0, 4)].map(hex).join(' ');
    fail(`not an IDX file: magic number ${magic}; expected 0x00 0x00, a type code (0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e) and the rank`);
  }
  const { dtype, bytes: width } = type as { dtype: DType; bytes: number };
  const rank = bytes[3] as number;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) fail(`truncated: the header of a rank-${rank} IDX file needs ${headerBytes} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = shape.reduce((a, b) => a * b, 1);
  const need = headerBytes + size * width;
  if (bytes.length < need) fail(`truncated: shape [${shape.join(', ')}] needs ${need} bytes, the file has ${bytes.length}`);
  if (bytes.length > need) fail(`${bytes.length - need} bytes after the data of shape [${shape.join(', ')}]: not one IDX array`);
  const out = new NDArray(dtype, shape);
  const data = out.data as Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
  if (width === 1) data.set(new (data.constructor as Uint8ArrayConstructor)(bytes.buffer, bytes.byteOffset + headerBytes, size));
  else {
    const read = {
      int16: (o: number) => view.getInt16(o, false),
      int32: (o: number) => view.getInt32(o, false),
      float32: (o: number) => view.getFloat32(o, false),
      float64: (o: number) => view.getFloat64(o, false),
    }[dtype as 'int16' | 'int32' | 'float32' | 'float64'];
    for (let i = 0, o = headerBytes; i < size; i++, o += width) data[i] = read(o);
  }
  return out;
}

/** Reads an IDX file (gzip or not) from a path or URL. */
export async function readIdx(location: string): Promise<NDArray> {
  return parseIdx(await readDataFile(location), location);
}
