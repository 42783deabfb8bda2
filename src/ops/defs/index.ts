// Every op definition, imported for registration. Adding an op: its file here, its kernel in
// backends/cpu/kernels/, and its builder exported from the entry points.
export * from './array/const.js';
export * from './array/fill.js';
export * from './array/gather.js';
export * from './array/identity.js';
export * from './array/like.js';
export * from './array/pack.js';
export * from './array/placeholder.js';
export * from './array/range.js';
export * from './array/reshape.js';
export * from './array/shape.js';
export * from './array/squeeze.js';
export * from './array/where.js';
export * from './control/assert.js';
export * from './control/print.js';
export * from './math/binary.js';
export * from './math/cast.js';
export * from './math/logical-not.js';
export * from './math/matmul.js';
export * from './math/neg.js';
export * from './math/sum.js';
export * from './state/variable-v2.js';
export * from './array/boolean-mask.js';
export * from './array/zeros-ones.js';
export * from './math/square.js';
export * from './array/broadcast-gradient-args.js';
