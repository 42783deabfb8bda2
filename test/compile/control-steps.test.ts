// The control-flow step kind (DESIGN §1): If / While compile to a step running sub-plans compiled
// from their FuncGraphs with the same compiler; passes never fold or merge them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ControlStep } from '../../src/compile/plan.js';
import * as tf from '../../src/v1.js';

function condGraph() {
  const g = new tf.Graph();
  const out = g.asDefault(() => {
    const p = tf.placeholder('bool', [], 'p');
    const x = tf.placeholder('float32', [2], 'x');
    const r = tf.cond(p, () => tf.add(x, 1, 'inc'), () => tf.multiply(x, 3, 'triple')) as tf.Tensor;
    return { p, x, r };
  });
  return { g, ...out };
}

describe('control steps in plans', () => {
  test('the printed plan shows the control step and, indented, its sub-plans\' steps', () => {
    const { g, p, x, r } = condGraph();
    // The CPU backend's plan (no transfer steps; the kernels' backend is printed as cpu).
    using sess = new tf.Session({ graph: g, backend: 'cpu' });
    const text = sess.describePlan(r, new Map<unknown, unknown>([[p, true], [x, [1, 2]]])).toString();
    const lines = text.split('\n');
    const at = lines.indexOf('  #0  cond = StatelessIf(%0, %1)  [cpu bool,float32] -> %2 float32[2]  frees %0 %1');
    assert.ok(at >= 0, text);
    assert.match(lines[at + 1] ?? '', /^ {6}then: cond_true_\d+\(%0\) -> \(%2\)$/);
    assert.equal(lines[at + 2], '        #0  inc = AddV2(%0, %1)  [cpu float32] -> %2 float32[2] buf0 (new)  frees %0');
    assert.match(lines[at + 3] ?? '', /^ {6}else: cond_false_\d+\(%0\) -> \(%2\)$/);
    assert.equal(lines[at + 4], '        #0  triple = Mul(%0, %1)  [cpu float32] -> %2 float32[2] buf0 (new)  frees %0');
    assert.equal(lines[at + 5], '  #1  cond/Identity = Identity(%2)  [cpu float32] -> %3 float32[2] aliases %2');
  });

  test('a step of kind "control" with its functions\' plans, cached on the op across plans', () => {
    const { g, p, x, r } = condGraph();
    using sess = new tf.Session({ graph: g });
    const a = sess.describePlan(r, new Map<unknown, unknown>([[p, true], [x, [1, 2]]]));
    const b = sess.describePlan([r, x], new Map<unknown, unknown>([[p, true], [x, [1, 2]]]));
    const stepA = a.steps.find((s) => s.kind === 'control') as ControlStep;
    const stepB = b.steps.find((s) => s.kind === 'control') as ControlStep;
    assert.equal(stepA.control, 'if');
    assert.deepEqual(stepA.functions, [r.op.inputs[0]?.op.getAttr('then_branch'), r.op.inputs[0]?.op.getAttr('else_branch')]);
    assert.equal(stepA.subPlans.length, 2);
    assert.equal(stepA.subPlans[0], stepB.subPlans[0], 'one compile per op and backend');
  });

  test('constant folding never folds an If with constant inputs, nor CSE merges two', () => {
    const g = new tf.Graph();
    const { r1, r2 } = g.asDefault(() => {
      const x = tf.constant(2, { name: 'x', dtype: 'float32' });
      const mk = () => tf.cond(tf.constant(true), () => tf.add(x, 1), () => x) as tf.Tensor;
      return { r1: mk(), r2: mk() };
    });
    using sess = new tf.Session({ graph: g });
    const plan = sess.describePlan([r1, r2]);
    assert.equal(plan.steps.filter((s) => s.kind === 'control').length, 2);
    assert.deepEqual(sess.run([r1, r2]).map((v) => (v as tf.NDArray).item()), [3, 3]);
  });

  test('sub-plans run their own passes: a constant expression in a branch is folded there', () => {
    const g = new tf.Graph();
    const { p, r } = g.asDefault(() => {
      const p = tf.placeholder('bool', [], 'p');
      const r = tf.cond(p, () => tf.add(tf.constant(1), tf.constant(2), { name: 'three' }), () => tf.constant(0)) as tf.Tensor;
      return { p, r };
    });
    using sess = new tf.Session({ graph: g });
    const step = sess.describePlan(r, new Map([[p, true]])).steps[0] as ControlStep;
    assert.equal(step.kind, 'control');
    assert.match(String(step.subPlans[0]), /pass constant folding: three \(AddV2\)/);
    assert.equal((sess.run(r, new Map([[p, true]])) as tf.NDArray).item(), 3);
  });

  test('a FULL_TRACE lists the control op; a partial run computes through it', () => {
    const { g, p, x, r } = condGraph();
    using sess = new tf.Session({ graph: g });
    const md = new tf.RunMetadata();
    sess.run(r, new Map<unknown, unknown>([[p, false], [x, [1, 2]]]), { traceLevel: 'FULL_TRACE' }, md);
    const nodes = md.stepStats?.devStats[0]?.nodeStats.map((n) => [n.nodeName, n.opType]);
    assert.deepEqual(nodes, [
      ['cond', 'StatelessIf'],
      ['cond/Identity', 'Identity'],
    ]);
    const h = sess.partialRunSetup([r], [p, x]);
    const v = sess.partialRun(h, r, new Map<unknown, unknown>([[p, true], [x, [1, 2]]])) as tf.NDArray;
    assert.deepEqual(v.toArray(), [2, 3]);
  });

  test('asGraphDef lists the function library', () => {
    const { g } = condGraph();
    const lib = g.asGraphDef().library?.function ?? [];
    assert.deepEqual(lib.map((f) => f.signature.name), g.functionNames());
    assert.deepEqual(lib[0]?.nodeDef.map((n) => n.op), ['Placeholder', 'Const', 'AddV2']);
    assert.equal(new tf.Graph().asGraphDef().library, undefined);
  });
});
