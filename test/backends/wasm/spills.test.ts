// The machine code V8 makes of the wasm kernels has no SIMD register spill in any innermost loop
// (scripts/check-spills.ts), and the check finds one where a loop keeps too many vectors live.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ModuleBuilder, ValType } from '../../../src/backends/wasm/builder/index.js';
import { MEMORY_IMPORT } from '../../../src/backends/wasm/kernels/elementwise-module.js';
import { checkSpills, collectModules, disassemble, findSpills, parseDisassembly } from '../../../scripts/check-spills.js';

/** A loop over n steps adding `live` vectors loaded from memory into `live` accumulators. */
function accumulators(live: number): Uint8Array {
  const mb = new ModuleBuilder(MEMORY_IMPORT);
  const f = mb.func('sum', [ValType.i32, ValType.i32]);
  const acc = Array.from({ length: live }, () => f.local(ValType.v128));
  const p = f.local(ValType.i32);
  f.forLoop(p, () => f.i32(0), () => f.get(1), 1, () => {
    for (let i = 0; i < live; i++) f.get(acc[i] as number).get(0).v128Load(16 * i, 0).simd('f32x4_add').set(acc[i] as number);
  });
  for (let i = 0; i < live; i++) f.get(0).get(acc[i] as number).v128Store(16 * i, 0);
  return mb.bytes();
}

describe('register spills in the kernels', () => {
  test('no kernel module stores a SIMD register to the stack in an innermost loop (beyond the accepted ones)', () => {
    const modules = collectModules();
    assert.ok(modules.size >= 20, `only ${modules.size} modules collected`);
    const { spills, loops } = checkSpills(modules);
    assert.ok(loops > 100, `only ${loops} loops found: is the disassembly parsed?`);
    const bad = spills.filter((s) => !s.accepted);
    assert.deepEqual(
      bad.map((s) => `${s.module} · ${s.fn} · ${s.instruction}`),
      [],
    );
  });

  test('the check finds the spills of a loop with 24 live accumulators, and none with 8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-spill-test-'));
    try {
      const many = findSpills('24 accumulators', disassemble(accumulators(24), dir));
      assert.ok(many.length > 0, 'no spill found where 24 vectors live across the loop');
      assert.deepEqual(findSpills('8 accumulators', disassemble(accumulators(8), dir)), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('out-of-line code jumping back into a loop is not taken for a loop', () => {
    const text = [
      '--- WebAssembly code ---',
      'name: wasm-function[0]',
      'compiler: TurboFan',
      '0x1000    10  90       vmovups xmm0,[r8]',
      '0x1004    14  90       cmpq rsp,[rsi]',
      '0x1008    18  90       jna 0x1100 <+0x100>',
      '0x100c    1c  90       ja 0x1000 <+0x10>',
      '0x1100   100  90       vmovups [rbp-0x30],xmm0',
      '0x1104   104  90       call 0x2000',
      '0x1108   108  90       jmp 0x1004 <+0x14>',
      '--- End code ---',
    ].join('\n');
    const fns = parseDisassembly(text);
    assert.equal(fns.get('wasm-function[0]')?.length, 7);
    assert.deepEqual(findSpills('m', fns), []);
    // the same store inside the loop is a spill
    const inLoop = parseDisassembly(text.replace('0x100c    1c  90       ja', '0x100a    1a  90       vmovups [rbp-0x40],xmm1\n0x100c    1c  90       ja'));
    assert.equal(findSpills('m', inLoop).length, 1);
  });
});
