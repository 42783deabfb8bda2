// The wasm module builder: LEB128, module encoding, control flow, SIMD and relaxed SIMD.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ByteWriter, ModuleBuilder, ValType, sleb, uleb } from '../../../src/backends/wasm/builder/index.js';
import { relaxedSimdSupported } from '../../../src/backends/wasm/features.js';

const I = ValType.i32;

function instantiate(mb: ModuleBuilder, memory?: WebAssembly.Memory): Record<string, (...args: number[]) => number> {
  const bytes = mb.bytes();
  assert.ok(WebAssembly.validate(bytes), 'the module validates');
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), memory ? { env: { memory } } : {}).exports as never;
}

describe('LEB128', () => {
  test('unsigned', () => {
    assert.deepEqual(uleb(0), [0]);
    assert.deepEqual(uleb(127), [127]);
    assert.deepEqual(uleb(128), [0x80, 0x01]);
    assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
    assert.deepEqual(uleb(0x105), [0x85, 0x02]); // relaxed_madd's opcode
    assert.deepEqual(uleb(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert.throws(() => uleb(-1), RangeError);
    assert.throws(() => uleb(1.5), RangeError);
  });
  test('signed', () => {
    assert.deepEqual(sleb(0), [0]);
    assert.deepEqual(sleb(63), [63]);
    assert.deepEqual(sleb(64), [0xc0, 0x00]);
    assert.deepEqual(sleb(-1), [0x7f]);
    assert.deepEqual(sleb(-64), [0x40]);
    assert.deepEqual(sleb(-65), [0xbf, 0x7f]);
    assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
    assert.deepEqual(sleb(0xffffffff), [0x7f]); // wraps to -1
  });
});

describe('ByteWriter', () => {
  test('grows past its capacity keeping every byte, and prefixes a nested writer with its size', () => {
    const w = new ByteWriter(1);
    for (let i = 0; i < 300; i++) w.byte(i & 0xff);
    w.uleb(624485).bytes([9, 8]);
    const v = w.view();
    assert.equal(w.length, 305);
    assert.deepEqual([...v.subarray(0, 3)], [0, 1, 2]);
    assert.equal(v[255], 255);
    assert.equal(v[256], 0);
    assert.deepEqual([...v.subarray(300)], [0xe5, 0x8e, 0x26, 9, 8]);
    const outer = new ByteWriter(2).byte(7).sized(w);
    assert.deepEqual([...outer.view().subarray(0, 3)], [7, 0xb1, 0x02]); // 305 = 0xb1 0x02
    assert.equal(outer.length, 3 + 305);
    assert.deepEqual([...new ByteWriter().name('env').view()], [3, 0x65, 0x6e, 0x76]);
  });

  test('a function of 100 000 code bytes encodes (size prefixes of three bytes) and runs', () => {
    const mb = new ModuleBuilder(null);
    const f = mb.func('sum', [], [I]);
    f.i32(0);
    for (let i = 0; i < 34_000; i++) f.i32(1).op('i32_add'); // 3 bytes each (i32.const 1, i32.add)
    assert.equal(instantiate(mb).sum?.(), 34_000);
  });
});

describe('ModuleBuilder', () => {
  test('the empty module is the 8-byte header plus empty sections, and validates', () => {
    const bytes = new ModuleBuilder(null).bytes();
    assert.deepEqual([...bytes.slice(0, 8)], [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    assert.ok(WebAssembly.validate(bytes));
  });

  test('functions with params, locals, loops and ifs run', () => {
    const mb = new ModuleBuilder(null);
    const add = mb.func('add', [I, I], [I]);
    add.get(0).get(1).op('i32_add');
    // sum of 0..n-1 with a typed if choosing between two values
    const sum = mb.func('sum', [I], [I]);
    const i = sum.local(I);
    const s = sum.local(I);
    sum.forLoop(i, () => sum.i32(0), () => sum.get(0), 1, () => {
      sum.get(s).get(i).op('i32_add').set(s);
    });
    sum.get(s).i32(0).op('i32_lt_s').if(() => sum.i32(-1), () => sum.get(s), I);
    const callsAdd = mb.func('twice', [I], [I]);
    callsAdd.get(0).get(0).call(add);
    const big = mb.func('big', [], [I]);
    big.i32(-123456);
    const ex = instantiate(mb);
    assert.equal(ex.add?.(2, 40), 42);
    assert.equal(ex.sum?.(10), 45);
    assert.equal(ex.sum?.(0), 0);
    assert.equal(ex.twice?.(21), 42);
    assert.equal(ex.big?.(), -123456);
  });

  test('an unclosed block or a bad param is refused', () => {
    const mb = new ModuleBuilder(null);
    const f = mb.func('f', [I]);
    assert.throws(() => f.param(1), RangeError);
    assert.throws(() => f.block(() => f.get(9).get(9).op('i32_add').op('drop')) && mb.compile());
  });

  test('a module importing a shared memory: SIMD loads, splats, lanes and stores', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const mb = new ModuleBuilder({ initial: 1, maximum: 65536, shared: true });
    // out[0..3] = x[0..3] * splat(s) + (1, 2, 3, 4); returns lane 2
    const f = mb.func('axpy', [I, I, I], [ValType.f32]);
    const v = f.local(ValType.v128);
    f.get(2).get(0).v128Load().get(1).load32Splat().simd('f32x4_mul').f32x4(1, 2, 3, 4).simd('f32x4_add').tee(v).v128Store();
    f.get(v).extractLane(2);
    const ex = instantiate(mb, memory);
    const view = new Float32Array(memory.buffer);
    view.set([1, 2, 3, 4], 4);
    view[8] = 10;
    assert.equal(ex.axpy?.(16, 32, 64), 33);
    assert.deepEqual([...view.subarray(16, 20)], [11, 22, 33, 44]);
  });

  test('memory.copy is a memmove on a shared memory (overlapping ranges either way)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 16, shared: true });
    const mb = new ModuleBuilder({ initial: 1, maximum: 16, shared: true });
    mb.func('copy', [I, I, I]).get(0).get(1).get(2).memoryCopy();
    const ex = instantiate(mb, memory);
    const u8 = new Uint8Array(memory.buffer);
    u8.set([1, 2, 3, 4, 5, 6, 7, 8], 100);
    ex.copy?.(102, 100, 6); // forward overlap
    assert.deepEqual([...u8.subarray(100, 108)], [1, 2, 1, 2, 3, 4, 5, 6]);
    ex.copy?.(100, 102, 6); // backward overlap
    assert.deepEqual([...u8.subarray(100, 108)], [1, 2, 3, 4, 5, 6, 5, 6]);
    assert.throws(() => ex.copy?.(65536 - 2, 0, 4), WebAssembly.RuntimeError); // out of bounds traps
  });

  test('a non-shared memory import does not link against a shared memory', () => {
    const mb = new ModuleBuilder({ initial: 1, maximum: 2, shared: false });
    mb.func('nop', []);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    assert.throws(() => new WebAssembly.Instance(mb.compile(), { env: { memory } }));
  });

  test('f32x4.relaxed_madd encodes as 0xfd 0x85 0x02 and computes a·b + c where the engine has it', () => {
    const mb = new ModuleBuilder(null);
    const f = mb.func('madd', [ValType.f32, ValType.f32, ValType.f32], [ValType.f32]);
    f.get(0).simd('f32x4_splat').get(1).simd('f32x4_splat').get(2).simd('f32x4_splat').simd('f32x4_relaxed_madd').extractLane(0);
    const bytes = mb.bytes();
    const at = bytes.findIndex((_, i) => bytes[i] === 0xfd && bytes[i + 1] === 0x85 && bytes[i + 2] === 0x02);
    assert.ok(at > 0, 'the opcode is in the code section');
    const supported = relaxedSimdSupported(); // turns V8's flag on first where it can
    assert.equal(WebAssembly.validate(bytes), supported);
    if (relaxedSimdSupported()) assert.equal((instantiate(mb).madd as (a: number, b: number, c: number) => number)(3, 4, 5), 17);
  });
});
