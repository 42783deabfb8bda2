// Ops that forward their float32 input (Identity, StopGradient) or a view of it with another
// shape (Reshape, ExpandDims, Squeeze) on the wasm backend, so a network's activations and
// gradients need no transfer to the CPU backend around them. Checks and messages as the CPU kernels'.
import { InvalidArgumentError } from '../../../core/errors.js';
import { shapeDebugString } from '../../../core/shape.js';
import { input } from '../backend.js';
import { ints } from './conv-geometry.js';
import type { WasmKernelFactory } from './elementwise.js';

const f32 = (sig: { inputs: readonly string[] }) => sig.inputs[0] === 'float32';
const bad = (message: string): never => {
  throw new InvalidArgumentError(null, null, message);
};

/**
 * Reshape's target with its -1 resolved, as the CPU kernel's (whose module cannot be imported
 * here: it closes an import cycle through the CPU backend).
 */
function reshapeTarget(n: number, dims: number[]): number[] {
  let unknown = -1;
  let known = 1;
  dims.forEach((d, i) => {
    if (d === -1) {
      if (unknown >= 0) bad(`Only one input size may be -1, not both ${unknown} and ${i}`);
      unknown = i;
    } else if (d < 0) bad(`Size ${i} must be non-negative, not ${d}`);
    else known *= d;
  });
  if (unknown >= 0) {
    if (known === 0) bad('Reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero');
    if (n % known !== 0) bad(`Input to reshape is a tensor with ${n} values, but the requested shape requires a multiple of ${known}`);
    const out = [...dims];
    out[unknown] = n / known;
    return out;
  }
  if (known !== n) bad(`Input to reshape is a tensor with ${n} values, but the requested shape has ${known}`);
  return dims;
}

const identity: WasmKernelFactory = (_be, sig) => (f32(sig) ? (inputs) => [input(inputs, 0)] : undefined);
/** Forwarding is dtype-agnostic: any dtype kept on the heap (not strings, which live on the host). */
const forwardAny: WasmKernelFactory = (_be, sig) => (sig.inputs[0] !== 'string' && !sig.inputs[0]?.endsWith('_ref') ? (inputs) => [input(inputs, 0)] : undefined);

export const FORWARD_KERNELS: Record<string, WasmKernelFactory> = {
  // the int64 global step's read (Identity) and the training flag's default stay on wasm too
  Identity: forwardAny,
  StopGradient: identity,
  PlaceholderWithDefault: forwardAny,

  Reshape: (be, sig) =>
    f32(sig)
      ? (inputs) => {
          const x = input(inputs, 0);
          const s = input(inputs, 1);
          if (s.shape.length !== 1) bad(`shape must be a vector of {int32,int64}, got shape ${shapeDebugString(s.shape)}`);
          return [be.view(x, reshapeTarget(x.size, ints(s)))];
        }
      : undefined,

  ExpandDims: (be, sig) =>
    f32(sig)
      ? (inputs) => {
          const x = input(inputs, 0);
          const dim = input(inputs, 1);
          if (dim.size !== 1) bad(`'dim' must be a tensor with a single value`);
          const d = ints(dim)[0] as number;
          const rank = x.shape.length;
          if (d < -1 - rank || d > rank) bad(`Tried to expand dim index ${d} for tensor with ${rank} dimensions.`);
          const at = d < 0 ? d + rank + 1 : d;
          return [be.view(x, [...x.shape.slice(0, at), 1, ...x.shape.slice(at)])];
        }
      : undefined,

  Squeeze: (be, sig) =>
    f32(sig)
      ? (inputs, { env }) => {
          const x = input(inputs, 0);
          const rank = x.shape.length;
          const axes = (env.attrs.squeeze_dims as number[]).map((a) => (a < 0 ? a + rank : a));
          for (const a of axes) {
            if (x.shape[a] !== 1) bad(`Can not squeeze dim[${a}], expected a dimension of 1, got ${x.shape[a]}`);
          }
          return [be.view(x, x.shape.filter((d, i) => (axes.length ? !axes.includes(i) : d !== 1)))];
        }
      : undefined,
};
