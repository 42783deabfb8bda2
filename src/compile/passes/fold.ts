import { TensorShape } from '../../core/shape.js';
import { evaluateOp, isFoldable, valueFromShapes } from '../../graph/const-eval.js';
import { type TensorAdapter, inferShapes } from '../../ops/apply.js';
import type { Node, Pass, RunIR, Value } from '../ir.js';

const adapter: TensorAdapter<Value> = {
  asTensor: () => null,
  convert: () => {
    throw new Error('internal: no conversion while compiling');
  },
  dtypeOf: (v) => v.dtype,
  shapeOf: (v) => v.shape,
  isRef: (v) => v.isRef,
  constValue: (v) => v.constant,
  partialShapeValue: () => null,
  inputName: (v) => v.tensor.name,
};

/** Re-runs a node's shape function on its inputs' refined shapes and values (specialization). */
function refineShapes(n: Node): void {
  let shapes: TensorShape[];
  try {
    shapes = inferShapes(n.op.def, n.op.name, { inputs: n.inputs, attrs: { ...n.op.attrs } }, adapter);
  } catch {
    return; // the run reports it, with the kernel's message
  }
  n.outputs.forEach((v, i) => {
    const s = shapes[i];
    if (s && v.shape.isCompatibleWith(s)) v.shape = v.shape.mergeWith(s);
  });
}

/**
 * Constant folding with shape specialization, in one forward sweep: each node's output shapes are
 * refined from its inputs' (fed shapes make them concrete), then a pure node whose inputs are all
 * known, or whose value follows from known shapes (Shape, Size, Rank), is evaluated by the
 * constant evaluator and leaves the run. Const nodes become plan constants. Nodes with control
 * inputs are kept, so their ordering still holds; a kernel error is left for the run to report.
 */
export const constantFolding: Pass = (ir: RunIR) => {
  const report: string[] = [];
  const kept: Node[] = [];
  for (const n of ir.nodes) {
    const def = n.op.def;
    // A Const with control inputs stays a step: what it waits for must still run (TF keeps them too).
    if (def.constantValue && n.op.controlInputs.length === 0) {
      (n.outputs[0] as Value).constant = def.constantValue(n.op.attrs);
      continue;
    }
    refineShapes(n);
    let values = null;
    if (isFoldable(def) && n.op.controlInputs.length === 0 && !n.inputs.some((v) => v.isRef)) {
      values = valueFromShapes(def, n.op.attrs, n.inputs.map((v) => v.shape));
      if (!values && n.inputs.length > 0 && n.inputs.every((v) => v.constant !== null)) {
        values = evaluateOp(def, n.op.attrs, n.op.name, n.inputs.map((v) => v.constant as never), n.outputs.map((v) => v.dtype));
      }
    }
    if (values) {
      n.outputs.forEach((v, i) => {
        v.constant = values[i] ?? null;
        if (v.constant) v.shape = new TensorShape(v.constant.shape);
      });
      report.push(`${n.op.name} (${n.op.type})`);
      continue;
    }
    kept.push(n);
  }
  ir.nodes = kept;
  return report;
};
