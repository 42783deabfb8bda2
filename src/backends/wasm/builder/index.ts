export { ByteWriter } from './bytes.js';
export { sleb, uleb } from './leb128.js';
export { EMPTY_BLOCK, Op, Simd, type SimdOp, ValType } from './opcodes.js';
export { type FuncType, FunctionBuilder, type MemoryImport, ModuleBuilder, type OpName } from './module.js';
