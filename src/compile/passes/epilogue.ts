import type { Epilogue, EpilogueActivation } from '../../backends/backend.js';
import type { Operation } from '../../graph/operation.js';
import type { Node, Pass, RunIR, Value } from '../ir.js';

const BASES = new Set(['MatMul', 'Conv2D']);
const ACTIVATIONS = new Set<string>(['Relu', 'Relu6', 'Elu', 'Sigmoid', 'Tanh']);
const ADDS = new Set(['AddV2', 'Add']);

const isNHWC = (op: Operation) => ((op.attrs.data_format as string | undefined) ?? 'NHWC') === 'NHWC';

/**
 * Epilogue fusion (TensorFlow's remapper: _FusedMatMul, _FusedConv2D): MatMul or NHWC Conv2D →
 * BiasAdd (or AddV2 of a 1-D bias along the last axis) → Relu / Relu6 / Elu / Sigmoid / Tanh
 * becomes one step whose kernel adds the bias and applies the activation while storing the
 * product, when the backend offers such a kernel (`Backend.epilogueKernel`). Either the bias or
 * the activation may be missing. An intermediate value fetched or used by any other op keeps the
 * ops apart, and so do control edges; the last op's output may have any number of uses (a
 * gradient reading the activation's output still works: fusion rewrites the plan, not the graph).
 */
export const epilogueFusion: Pass = (ir: RunIR, { backend }) => {
  if (!backend.epilogueKernel) return [];
  const uses = new Map<Value, number>();
  const consumer = new Map<Value, Node>();
  for (const n of ir.nodes) {
    for (const v of n.inputs) {
      uses.set(v, (uses.get(v) ?? 0) + 1);
      consumer.set(v, n);
    }
  }
  for (const v of ir.fetches) uses.set(v, (uses.get(v) ?? 0) + 2);
  const controls = new Set<Operation>();
  for (const n of ir.nodes) for (const c of n.op.controlInputs) controls.add(c);
  const plain = (n: Node) => n.fused === undefined && n.epilogue === undefined && n.op.controlInputs.length === 0 && !controls.has(n.op);
  // The one node reading `v`, when nothing else (a fetch included) does.
  const only = (v: Value): Node | undefined => (uses.get(v) === 1 ? consumer.get(v) : undefined);

  const report: string[] = [];
  const replaced = new Map<Node, Node | null>();
  for (const base of ir.nodes) {
    if (!BASES.has(base.op.type) || !plain(base) || base.outputs.length !== 1 || replaced.has(base)) continue;
    if (base.op.type === 'Conv2D' && !isNHWC(base.op)) continue;
    const out = base.outputs[0] as Value;
    const dtype = out.dtype;
    const lastDim = out.shape.rank === null ? null : out.shape.dims?.[(out.shape.rank as number) - 1];
    const nodes: Node[] = [base];
    let bias: Value | null = null;
    let cur = out;
    let next = only(cur);
    if (next && plain(next) && next.outputs.length === 1 && next.inputs.every((v) => v.dtype === dtype && !v.isRef)) {
      const [a, b] = next.inputs as [Value, Value];
      if (next.op.type === 'BiasAdd' && isNHWC(next.op) && a === cur && b !== cur) bias = b;
      else if (ADDS.has(next.op.type) && next.inputs.length === 2 && a !== b) {
        // A bias only when it is 1-D of the last axis' known size (the sum keeps the product's shape).
        const other = a === cur ? b : a;
        const d = other.shape.rank === 1 ? other.shape.dims?.[0] : undefined;
        if (typeof d === 'number' && typeof lastDim === 'number' && d === lastDim) bias = other;
      }
      if (bias) {
        nodes.push(next);
        cur = next.outputs[0] as Value;
        next = only(cur);
      }
    }
    let activation: EpilogueActivation | null = null;
    if (next && plain(next) && ACTIVATIONS.has(next.op.type) && next.inputs.length === 1 && next.outputs.length === 1 && next.outputs[0]?.dtype === dtype) {
      activation = next.op.type as EpilogueActivation;
      nodes.push(next);
      cur = next.outputs[0] as Value;
    }
    let spec: Epilogue = { op: base.op.type as Epilogue['op'], attrs: base.op.attrs, dtype, bias: bias !== null, activation };
    if (activation && !backend.epilogueKernel(spec)) {
      // An activation the backend cannot fuse stays a step of its own after the biased product.
      nodes.pop();
      cur = (nodes[nodes.length - 1] as Node).outputs[0] as Value;
      spec = { ...spec, activation: null };
    }
    if (nodes.length < 2 || !backend.epilogueKernel(spec)) continue;
    const last = nodes[nodes.length - 1] as Node;
    const fused: Node = { op: last.op, inputs: [...base.inputs, ...(bias ? [bias] : [])], outputs: [cur], epilogue: { ops: nodes.map((x) => x.op), spec } };
    for (const x of nodes) replaced.set(x, null);
    replaced.set(last, fused);
    report.push(nodes.map((x) => x.op.name).join(' → '));
  }
  if (report.length > 0) {
    ir.nodes = ir.nodes.flatMap((n) => {
      const r = replaced.get(n);
      return r === undefined ? [n] : r === null ? [] : [r];
    });
  }
  return report;
};
