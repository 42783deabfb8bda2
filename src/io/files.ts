// Reading data files for the loaders: bytes from a path or URL, gunzipped when they are gzip, with
// every failure raised as a TensorFlow error that names the file.
import { DataLossError, NotFoundError } from '../core/errors.js';
import { ReadFailure, readBytes } from '../core/platform.js';

/** Whether bytes start with the gzip magic number 1f 8b. */
export const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Decompresses gzip bytes with the platform's `DecompressionStream` (Node ≥ 18, browsers, Deno, Bun). */
export async function gunzip(bytes: Uint8Array, source: string): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (e) {
    throw new DataLossError(null, null, `${source}: corrupt or truncated gzip data (${(e as Error).message})`);
  }
}

/** The bytes of `location` (path or URL), decompressed if gzip; NotFoundError / DataLossError naming it. */
export async function readDataFile(location: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(location);
  } catch (e) {
    if (e instanceof ReadFailure && e.reason === 'missing') throw new NotFoundError(null, null, `${location}; No such file or directory`);
    throw new DataLossError(null, null, `${location}: cannot be read (${(e as Error).message})`);
  }
  return isGzip(bytes) ? gunzip(bytes, location) : bytes;
}
