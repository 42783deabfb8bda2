// The optimizers' dense float32 Apply* kernels on the wasm backend: the variable and its slots are
// updated in place in the heap (split over the pool for large tensors), with the checks and
// messages of the CPU kernels (backends/cpu/kernels/training.ts). Other dtypes run on the CPU.
import { InvalidArgumentError } from '../../../core/errors.js';
import { sameShape, shapeDebugString } from '../../../core/shape.js';
import type { Attrs } from '../../../ops/types.js';
import type { WasmBackend } from '../backend.js';
import { input } from '../backend.js';
import { kernelModule } from '../modules.js';
import type { WasmTensor } from '../tensor.js';
import { type Expr, type Stmt, type UpdateSpec, add, applyModule, c, div, mul, ref, sqrt, sub, t } from './apply-module.js';
import { type WasmKernelFactory, runSplit } from './elementwise.js';
import { cellValue, wasmCell } from './state.js';

const g = 'g' as const;

/** Slot `r` set to `e` through temp `k`: the later statements read the new value as t(k). */
const setSlot = (k: number, r: number, e: Expr): Stmt[] => [
  { let: k, e },
  { store: r, e: t(k) },
];
/** Slot `r` moved toward `target` at `rate`: r + (target - r)·rate. */
const toward = (r: number, target: Expr, rate: Expr): Expr => add(ref(r), mul(sub(target, ref(r)), rate));
/** RMSProp's momentum slot `r`: r·momentum + g·lr/√(`meanSquare` + ε), consts lr, 1-ρ, momentum, ε. */
const rmsMomentum = (r: number, meanSquare: Expr): Expr => add(mul(ref(r), c(2)), div(mul(g, c(0)), sqrt(add(meanSquare, c(3)))));

// accum = accum · momentum + grad (then t(0))
const momentumAccum = setSlot(0, 1, add(mul(ref(1), c(1)), g));
// m += (g - m)(1-β1); v += (g² - v)(1-β2) (then t(0), t(1))
const adamMoments = [...setSlot(0, 1, toward(1, g, c(1))), ...setSlot(1, 2, toward(2, mul(g, g), c(2)))];
/** Adam's var update with the first-moment term `m`: var -= m·alpha / (√v + ε). */
const adamStep = (m: Expr): Stmt => ({ store: 0, e: sub(ref(0), div(mul(m, c(0)), add(sqrt(t(1)), c(3)))) });

/** The update loops by name (see apply-module.ts for the calling convention). */
const SPECS: Record<string, UpdateSpec> = {
  // var -= lr · grad
  gd: { refs: 1, consts: 1, temps: 0, body: [{ store: 0, e: sub(ref(0), mul(g, c(0))) }] },
  // var -= accum · lr  (Nesterov: var -= grad · lr + accum · momentum · lr)
  momentum: { refs: 2, consts: 2, temps: 1, body: [...momentumAccum, { store: 0, e: sub(ref(0), mul(t(0), c(0))) }] },
  momentumNesterov: { refs: 2, consts: 2, temps: 1, body: [...momentumAccum, { store: 0, e: sub(ref(0), add(mul(g, c(0)), mul(mul(t(0), c(1)), c(0)))) }] },
  // consts: alpha = lr·√(1-β2ᵗ)/(1-β1ᵗ), 1-β1, 1-β2, ε, β1  (Nesterov: m is (g(1-β1) + β1·m))
  adam: { refs: 3, consts: 5, temps: 2, body: [...adamMoments, adamStep(t(0))] },
  adamNesterov: { refs: 3, consts: 5, temps: 2, body: [...adamMoments, adamStep(add(mul(g, c(1)), mul(c(4), t(0))))] },
  // consts: lr, 1-ρ, momentum, ε. ms += (g² - ms)(1-ρ); mom = mom·momentum + g·lr/√(ms + ε); var -= mom
  rmsprop: {
    refs: 3,
    consts: 4,
    temps: 2,
    body: [...setSlot(0, 1, toward(1, mul(g, g), c(1))), ...setSlot(1, 2, rmsMomentum(2, t(0))), { store: 0, e: sub(ref(0), t(1)) }],
  },
  // refs var, mg, ms, mom; also mg += (g - mg)(1-ρ), and the denominator is √(ms - mg² + ε)
  centeredRmsprop: {
    refs: 4,
    consts: 4,
    temps: 3,
    body: [
      ...setSlot(0, 2, toward(2, mul(g, g), c(1))),
      ...setSlot(1, 1, toward(1, g, c(1))),
      ...setSlot(2, 3, rmsMomentum(3, sub(t(0), mul(t(1), t(1))))),
      { store: 0, e: sub(ref(0), t(2)) },
    ],
  },
  // accum += g² (when update_slots); var -= g·lr / √accum
  adagrad: { refs: 2, consts: 1, temps: 1, body: [...setSlot(0, 1, add(ref(1), mul(g, g))), { store: 0, e: sub(ref(0), div(mul(g, c(0)), sqrt(t(0)))) }] },
  adagradNoUpdate: { refs: 2, consts: 1, temps: 0, body: [{ store: 0, e: sub(ref(0), div(mul(g, c(0)), sqrt(ref(1)))) }] },
};

const applyMod = () => kernelModule('apply', () => applyModule(SPECS));

type Role = 'ref' | 'scalar' | 'grad';
const f = Math.fround;

/**
 * An Apply* kernel: checks its inputs as the CPU kernel does, turns the scalar inputs into the
 * loop's constants (`consts`, in float32) and runs the loop `fn(attrs)` over the variable.
 */
function applyKernel(spec: readonly [string, Role][], fn: (attrs: Attrs) => string, consts: (s: number[]) => number[]): WasmKernelFactory {
  return (be: WasmBackend, sig) => {
    if (sig.inputs[0] !== 'float32') return undefined;
    return (inputs, { env }) => {
      const ptrs: number[] = [];
      const scalars: number[] = [];
      let varShape: readonly number[] = [];
      let grad: WasmTensor | null = null;
      spec.forEach(([name, role], i) => {
        if (role === 'ref') {
          const v = cellValue(wasmCell(be, inputs, i));
          if (i === 0) varShape = v.shape;
          else if (!sameShape(varShape, v.shape)) {
            throw new InvalidArgumentError(null, null, `var and ${name} do not have the same shape${shapeDebugString(varShape)} ${shapeDebugString(v.shape)}`);
          }
          ptrs.push(v.ptr);
        } else if (role === 'scalar') {
          const s = input(inputs, i);
          if (s.shape.length !== 0) throw new InvalidArgumentError(null, null, `${name} is not a scalar: ${shapeDebugString(s.shape)}`);
          scalars.push(be.heap.f32[s.ptr >> 2] as number);
        } else {
          const gt = input(inputs, i);
          if (!sameShape(varShape, gt.shape)) {
            throw new InvalidArgumentError(null, null, `var and ${name} do not have the same shape${shapeDebugString(varShape)} ${shapeDebugString(gt.shape)}`);
          }
          grad = gt;
        }
      });
      const gt = grad as WasmTensor | null;
      if (gt && gt.size > 0) {
        // One block for every Apply kernel's constants: a call finishes before the next starts.
        const cp = be.threadScratch('apply constants', 64, 1)[0] as number;
        be.heap.f32.set(consts(scalars), cp >> 2);
        const flags = [...ptrs.map(() => false), true];
        runSplit(be, applyMod(), fn(env.attrs), [...ptrs, cp], flags, gt.ptr, gt.size);
      }
      return [inputs[0] as NonNullable<(typeof inputs)[0]>];
    };
  };
}

const nesterov = (a: Attrs) => a.use_nesterov === true;

export const APPLY_KERNELS: Record<string, WasmKernelFactory> = {
  ApplyGradientDescent: applyKernel([['var', 'ref'], ['alpha', 'scalar'], ['delta', 'grad']], () => 'gd', ([alpha]) => [alpha as number]),
  ApplyMomentum: applyKernel(
    [['var', 'ref'], ['accum', 'ref'], ['lr', 'scalar'], ['grad', 'grad'], ['momentum', 'scalar']],
    (a) => (nesterov(a) ? 'momentumNesterov' : 'momentum'),
    ([lr, m]) => [lr as number, m as number],
  ),
  ApplyAdam: applyKernel(
    [['var', 'ref'], ['m', 'ref'], ['v', 'ref'], ['beta1_power', 'scalar'], ['beta2_power', 'scalar'], ['lr', 'scalar'], ['beta1', 'scalar'], ['beta2', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    (a) => (nesterov(a) ? 'adamNesterov' : 'adam'),
    ([b1p, b2p, lr, b1, b2, eps]) => {
      const alpha = f(f((lr as number) * f(Math.sqrt(f(1 - (b2p as number))))) / f(1 - (b1p as number)));
      return [alpha, f(1 - (b1 as number)), f(1 - (b2 as number)), eps as number, b1 as number];
    },
  ),
  ApplyRMSProp: applyKernel(
    [['var', 'ref'], ['ms', 'ref'], ['mom', 'ref'], ['lr', 'scalar'], ['rho', 'scalar'], ['momentum', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    () => 'rmsprop',
    ([lr, rho, m, eps]) => [lr as number, f(1 - (rho as number)), m as number, eps as number],
  ),
  ApplyCenteredRMSProp: applyKernel(
    [['var', 'ref'], ['mg', 'ref'], ['ms', 'ref'], ['mom', 'ref'], ['lr', 'scalar'], ['rho', 'scalar'], ['momentum', 'scalar'], ['epsilon', 'scalar'], ['grad', 'grad']],
    () => 'centeredRmsprop',
    ([lr, rho, m, eps]) => [lr as number, f(1 - (rho as number)), m as number, eps as number],
  ),
  ApplyAdagrad: applyKernel(
    [['var', 'ref'], ['accum', 'ref'], ['lr', 'scalar'], ['grad', 'grad']],
    (a) => (a.update_slots === false ? 'adagradNoUpdate' : 'adagrad'),
    ([lr]) => [lr as number],
  ),
};
