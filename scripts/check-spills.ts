// Checks the machine code V8 makes of the wasm backend's kernels for register spills in loops:
//   npm run check:spills
// It compiles the kernel modules a training step, a CNN step and the fused elementwise chains
// use (and every GEMM epilogue variant), has V8's optimizing compiler (TurboFan) compile each
// module eagerly in a child process with `--print-wasm-code`, and fails when a loop of any
// function stores a SIMD register to the stack frame: with 15 allocatable XMM registers a tile
// that does not fit spills in its inner loop and runs at half speed (shared/wasm-notes.md).
// Stores on out-of-line paths (around the stack guard's call) lie outside the loops and pass;
// reloads of spilled loop constants are not counted. ACCEPTED lists the known exceptions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmBackend } from '../src/backends/wasm/backend.js';
import { relaxedSimdSupported } from '../src/backends/wasm/features.js';
import { depthwiseModule } from '../src/backends/wasm/kernels/depthwise-module.js';
import { GEMM_ACTIVATIONS, type GemmActivation, defaultGemm, gemmModule, packedGemm } from '../src/backends/wasm/kernels/gemm-module.js';
import { gemm } from '../src/backends/wasm/kernels/matmul.js';
import { BINARY, UNARY } from '../src/backends/wasm/kernels/ops.js';
import { winogradModule } from '../src/backends/wasm/kernels/winograd-module.js';
import { kernelModule, recordKernelModules } from '../src/backends/wasm/modules.js';
import * as tf from '../src/v1.js';

/** One loop instruction that touches the stack frame with a SIMD register. */
export interface Spill {
  readonly module: string;
  readonly fn: string;
  readonly loop: string;
  readonly instruction: string;
  /** Why it is accepted (ACCEPTED), if it is. */
  readonly accepted?: string;
}

interface Instruction {
  readonly offset: number;
  readonly text: string;
}

/** The functions of V8's `--print-wasm-code` output: name → instructions (TurboFan code only). */
export function parseDisassembly(out: string): Map<string, Instruction[]> {
  const fns = new Map<string, Instruction[]>();
  for (const block of out.split('--- WebAssembly code ---').slice(1)) {
    const name = /^name: (.+)$/m.exec(block)?.[1]?.trim();
    if (!name || !/^compiler: TurboFan/m.test(block)) continue;
    const body = block.split('--- End code ---')[0] as string;
    const ins: Instruction[] = [];
    // "0x3eec51e756c0     0  55     push rbp": address, offset (hex), bytes, mnemonic and operands
    for (const m of body.matchAll(/^0x[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+(.+)$/gm)) ins.push({ offset: Number.parseInt(m[1] as string, 16), text: (m[2] as string).trim() });
    fns.set(name, ins);
  }
  return fns;
}

/** A SIMD register stored to the stack frame (a spill; reloading a spilled constant is not one). */
const SIMD_STORE = /\[(rbp|rsp)[^\]]*\],xmm\d+/;

/** Whether a heavy op (OpCode.heavy: a long formula) runs in this module's function. */
function runsHeavyOp(module: string, fn: string): boolean {
  const heavy = (op: string) => (UNARY[op] ?? BINARY[op])?.heavy === true;
  if (module === 'elementwise') return heavy(fn.replace(/_(vv|vs|sv)$/, ''));
  if (module.startsWith('chain ')) return [...module.matchAll(/"op":"(\w+)"/g)].some((m) => heavy(m[1] as string));
  return false;
}

/**
 * Spills known and accepted, each with its reason. `hot`: a loop whose code matches it is the
 * kernel's hot loop and must stay clean even here.
 */
export const ACCEPTED: readonly { applies: (module: string, fn: string) => boolean; hot?: RegExp; reason: string }[] = [
  {
    applies: runsHeavyOp,
    reason: 'a long formula on four vectors in flight: its constants spill, and it still runs faster than with fewer in flight',
  },
  {
    applies: (module, fn) => /^gemm .*"act":"(Tanh|Elu|Sigmoid)"/.test(module) && /^micro4?$/.test(fn),
    hot: /vbroadcastss/,
    reason: "a partial tile's epilogue (the activation's constants exceed the 15 registers); only tiles at C's edges run it",
  },
  {
    applies: (module, fn) => module === 'softmax rows' && (fn === 'rows' || fn === 'stats'),
    reason: "the exp loop's four vectors in flight: exp's constants spill (128×1000: 163 µs against 456 with one vector)",
  },
];

/**
 * The loops of a function: each backward conditional branch, from its target to the branch.
 * (TurboFan ends a loop with its condition; the unconditional jumps back are out-of-line code —
 * the stack guard's call — returning into the loop.)
 */
function loopsOf(ins: readonly Instruction[]): { from: number; to: number }[] {
  const loops: { from: number; to: number }[] = [];
  for (const br of ins) {
    const target = BRANCH.exec(br.text);
    if (!target) continue;
    const from = Number.parseInt(target[1] as string, 16);
    if (from < br.offset) loops.push({ from, to: br.offset });
  }
  return loops;
}

const BRANCH = /^j(?!mp)\w*\s+0x[0-9a-f]+\s+<\+0x([0-9a-f]+)>/;

/**
 * SIMD stack accesses inside innermost loops (those with no other loop inside: a kernel's hot
 * loops). Out-of-line code (the stack guard's call) jumps back to its loop's header from past
 * the loop's end; such a jump's range holds the loop itself, so it is not innermost.
 */
export function findSpills(module: string, fns: Map<string, Instruction[]>, names: readonly string[] = []): Spill[] {
  const spills: Spill[] = [];
  for (const [name, ins] of fns) {
    const fn = names[Number(/\[(\d+)\]/.exec(name)?.[1])] ?? name;
    for (const l of innermost(loopsOf(ins))) {
      const body = ins.filter((i) => i.offset >= l.from && i.offset <= l.to);
      const rule = ACCEPTED.find((a) => a.applies(module, fn) && !(a.hot && body.some((i) => a.hot?.test(i.text))));
      for (const i of body) {
        if (!SIMD_STORE.test(i.text)) continue;
        const spill = { module, fn, loop: `+0x${l.from.toString(16)}…+0x${l.to.toString(16)}`, instruction: `+0x${i.offset.toString(16)} ${i.text}` };
        spills.push(rule ? { ...spill, accepted: rule.reason } : spill);
      }
    }
  }
  return spills;
}

/** The loops with no other loop inside. */
function innermost(loops: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  return loops.filter((l) => !loops.some((o) => o !== l && o.from >= l.from && o.to <= l.to && (o.from > l.from || o.to < l.to)));
}

/** Innermost loops checked in a disassembly. */
export function innermostLoops(fns: Map<string, Instruction[]>): number {
  let n = 0;
  for (const ins of fns.values()) n += innermost(loopsOf(ins)).length;
  return n;
}

/** V8 flags for an eager TurboFan compile that prints its code (only those this Node knows). */
function disassemblyFlags(): string[] {
  const known = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
  const flags = ['--no-liftoff', '--no-wasm-lazy-compilation', '--print-wasm-code'];
  if (known.includes('--experimental-wasm-relaxed-simd')) flags.push('--experimental-wasm-relaxed-simd');
  if (!flags.slice(0, 3).every((f) => known.includes(f.replace('--no-', '--')))) throw new Error(`this Node's V8 lacks one of ${flags.join(' ')}`);
  return flags;
}

/** V8's machine code for one module's functions. */
export function disassemble(bytes: Uint8Array, dir: string, flags = disassemblyFlags()): Map<string, Instruction[]> {
  const file = join(dir, 'module.wasm');
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, [...flags, '-e', `new WebAssembly.Module(require('node:fs').readFileSync(${JSON.stringify(file)}))`], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`disassembling failed: ${r.stderr}`);
  return parseDisassembly(r.stdout);
}

/** Runs the workloads whose kernels are checked, recording their modules: key → bytes. */
export function collectModules(): ReadonlyMap<string, Uint8Array> {
  const modules = recordKernelModules();
  const backend = new WasmBackend({ threads: 1 });
  const g = new tf.Graph();
  const { targets, feed, init } = g.asDefault(() => {
    // an MLP step: GEMM epilogues, softmax cross-entropy, the gradients, Adam
    const x = tf.placeholder('float32', [8, 20]);
    const labels = tf.placeholder('int32', [8]);
    const h = tf.layers.dense(x, 16, { activation: tf.nn.relu });
    const logits = tf.layers.dense(tf.tanh(h), 4);
    const loss = tf.reduceMean(tf.nn.sparseSoftmaxCrossEntropyWithLogits({ labels, logits }));
    // a CNN step: Winograd and direct convolutions, pooling, their gradients, momentum
    const img = tf.placeholder('float32', [2, 12, 12, 3]);
    const c1 = tf.layers.conv2d(img, 8, 3, { padding: 'same', activation: tf.nn.relu });
    const c2 = tf.layers.conv2d(tf.layers.maxPooling2d(c1, 2, 2), 8, 5, { strides: 2, padding: 'same', activation: tf.nn.elu });
    const pooled = tf.nn.avgPool(c1, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME');
    // (c1 has 3 input channels: this one, 8 → 8, is the one that runs by Winograd)
    const wino = tf.layers.conv2d(c1, 8, 3, { padding: 'same', activation: tf.nn.relu });
    const cnnLoss = tf.add(tf.reduceSum(tf.square(tf.nn.softmax(tf.reshape(c2, [2, -1])))), tf.reduceMax(tf.reduceMin(pooled, [1, 2])));
    // elementwise chains, as the fusion pass generates them
    const v = tf.placeholder('float32', [1000]);
    const chain = tf.multiply(tf.nn.relu(tf.add(tf.multiply(v, 1.5), 0.25)), 2);
    const chain2 = tf.sigmoid(tf.exp(tf.subtract(tf.nn.relu6(v), tf.nn.softplus(tf.nn.leakyRelu(v, 0.1)))));
    const logSm = tf.nn.logSoftmax(tf.reshape(v, [10, 100]));
    const targets = [new tf.train.AdamOptimizer(0.01).minimize(loss), new tf.train.MomentumOptimizer(0.01, 0.9).minimize(cnnLoss), chain, chain2, logSm, wino];
    const rnd = (shape: number[]) => new tf.NDArray('float32', shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)));
    const feed = new Map<tf.Tensor, tf.NDArray>([
      [x, rnd([8, 20])],
      [labels, new tf.NDArray('int32', [8], Int32Array.from({ length: 8 }, (_, i) => i % 4))],
      [img, rnd([2, 12, 12, 3])],
      [v, rnd([1000])],
    ]);
    return { targets, feed, init: tf.globalVariablesInitializer() };
  });
  const s = new tf.Session({ graph: g, backend });
  s.run(init);
  s.run(targets, feed);
  s.close();
  // every GEMM epilogue, with and without the bias, and the plain product, in both the relaxed
  // FMA and the mul + add form (the one this engine does not use is compiled here only)
  for (const act of [undefined, ...Object.keys(GEMM_ACTIVATIONS)] as (GemmActivation | undefined)[]) {
    for (const bias of [false, true]) {
      gemm({ bias: bias ? 64 : null, act: act ?? null });
      const cfg = { ...defaultGemm(!relaxedSimdSupported()), ...(bias ? { bias } : {}), ...(act ? { act } : {}) };
      kernelModule(`gemm ${JSON.stringify(cfg)}`, () => gemmModule(cfg));
    }
  }
  // Winograd's module (its packed GEMM) in the other FMA form too
  const packed = packedGemm(!relaxedSimdSupported());
  kernelModule(`winograd ${JSON.stringify(packed)}`, () => winogradModule({ bias: false, act: null }, packed));
  // the depthwise convolution and its gradients (the input gradient keeps four accumulators), both FMA forms
  for (const fma of [false, true]) kernelModule(`depthwise fma=${fma}`, () => depthwiseModule(fma));
  return modules;
}

/** The exports of a module in function order (the disassembly names functions by index). */
function exportNames(bytes: Uint8Array): string[] {
  const m = new WebAssembly.Module(bytes);
  return WebAssembly.Module.exports(m).map((e) => e.name);
}

export function checkSpills(modules: ReadonlyMap<string, Uint8Array>): { spills: Spill[]; functions: number; loops: number } {
  const dir = mkdtempSync(join(tmpdir(), 'tg-spills-'));
  const flags = disassemblyFlags();
  const spills: Spill[] = [];
  let functions = 0;
  let loops = 0;
  try {
    for (const [key, bytes] of modules) {
      const fns = disassemble(bytes, dir, flags);
      if (fns.size === 0) throw new Error(`V8 printed no code for module ${key}: is --print-wasm-code supported by this Node?`);
      functions += fns.size;
      loops += innermostLoops(fns);
      spills.push(...findSpills(key, fns, exportNames(bytes)));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { spills, functions, loops };
}

if (process.argv[1]?.endsWith('check-spills.js')) {
  const modules = collectModules();
  const { spills, functions, loops } = checkSpills(modules);
  console.log(`${modules.size} kernel modules, ${functions} functions, ${loops} innermost loops (TurboFan, relaxed FMA ${relaxedSimdSupported() ? 'on' : 'off'})`);
  const bad = spills.filter((s) => !s.accepted);
  const accepted = new Map<string, number>();
  for (const s of spills) if (s.accepted) accepted.set(`${s.module} · ${s.fn}: ${s.accepted}`, (accepted.get(`${s.module} · ${s.fn}: ${s.accepted}`) ?? 0) + 1);
  for (const [what, n] of accepted) console.log(`accepted (${n} stores) ${what}`);
  for (const s of bad) console.log(`SPILL ${s.module} · ${s.fn} · loop ${s.loop}: ${s.instruction}`);
  console.log(bad.length === 0 ? 'no SIMD register spills in any innermost loop (beyond those accepted above)' : `${bad.length} spilling instructions`);
  process.exitCode = bad.length === 0 ? 0 : 1;
}
