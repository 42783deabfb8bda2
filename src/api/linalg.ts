// The tf.linalg namespace. See README.md.
export { einsum } from './math.js';
export { matmul } from '../api-v1.js';
export { globalNorm } from './math.js';
export { l2Normalize } from './nn.js';
export { norm } from './math.js';
export { eye, matrixDiag as diag, matrixDiagPart as diagPart, matrixSetDiag as setDiag, trace } from './array.js';
export { tensordot } from './math.js';
