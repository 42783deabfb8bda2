/** LEB128 encodings of WebAssembly's integer immediates, as arrays (the builder writes them with ByteWriter). */
import { ByteWriter } from './bytes.js';

/** Unsigned LEB128 of a non-negative integer below 2^32 (indices, sizes, offsets). */
export function uleb(value: number): number[] {
  return [...new ByteWriter(5).uleb(value).view()];
}

/** Signed LEB128 of an integer in [-2^31, 2^32) (i32.const immediates; values ≥ 2^31 wrap to negative). */
export function sleb(value: number): number[] {
  return [...new ByteWriter(5).sleb(value).view()];
}
