// Spec items 12 (getOperationByName / getTensorByName / asGraphElement) and 13 (mixing graphs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';
import { twoFloatOutputs } from './test-ops.js';

const FORM = 'Tensor names must be of the form "<op_name>:<output_index>".';

function graphWithX(): { g: tf.Graph; x: tf.Tensor } {
  const g = new tf.Graph();
  const x = g.asDefault(() => tf.constant(1, { name: 'x' }));
  return { g, x };
}

test('item 12: lookups by name return the very objects created', () => {
  const g = new tf.Graph();
  const { x, two } = g.asDefault(() => ({ x: tf.constant(1, { name: 'x' }), two: twoFloatOutputs('two') }));
  assert.equal(g.getOperationByName('x'), x.op);
  assert.equal(g.getTensorByName('x:0'), x);
  assert.equal(g.getTensorByName('two:1'), two.outputs[1]);
  assert.equal(g.asGraphElement('x'), x.op);
  assert.equal(g.asGraphElement('x:0'), x);
  assert.equal(g.asGraphElement(x), x);
  assert.equal(g.asGraphElement(x.op), x.op);
});

test('item 12: scoped names are looked up by their full name', () => {
  const g = new tf.Graph();
  const c = g.asDefault(() => tf.nameScope('outer', () => tf.constant(1, { name: 'c' })));
  assert.equal(g.getOperationByName('outer/c'), c.op);
  assert.equal(g.getTensorByName('outer/c:0'), c);
  assert.throws(() => g.getOperationByName('c'), tf.KeyError);
});

test('item 12: a Variable as a graph element means its ref tensor', () => {
  const g = new tf.Graph();
  const v = g.asDefault(() => new tf.Variable(1, { name: 'v' }));
  const el = g.asGraphElement(v);
  assert.ok(el instanceof tf.Tensor);
  assert.equal(el.name, 'v:0');
  assert.equal(el.op, v.op);
});

test('item 12: tensor name whose op does not exist -> KeyError', () => {
  const { g } = graphWithX();
  throwsExact(
    () => g.getTensorByName('y:0'),
    tf.KeyError,
    "The name 'y:0' refers to a Tensor which does not exist. The operation, 'y', does not exist in the graph.",
  );
  throwsExact(
    () => g.asGraphElement('y:0'),
    tf.KeyError,
    "The name 'y:0' refers to a Tensor which does not exist. The operation, 'y', does not exist in the graph.",
  );
});

test('item 12: output index too large -> KeyError naming the number of outputs', () => {
  const { g } = graphWithX();
  throwsExact(
    () => g.getTensorByName('x:1'),
    tf.KeyError,
    "The name 'x:1' refers to a Tensor which does not exist. The operation, 'x', exists but only has 1 outputs.",
  );
  const g2 = new tf.Graph();
  g2.asDefault(() => twoFloatOutputs('t'));
  throwsExact(
    () => g2.getTensorByName('t:2'),
    tf.KeyError,
    "The name 't:2' refers to a Tensor which does not exist. The operation, 't', exists but only has 2 outputs.",
  );
  const g3 = new tf.Graph();
  g3.asDefault(() => tf.noOp({ name: 'n' }));
  throwsExact(
    () => g3.getTensorByName('n:0'),
    tf.KeyError,
    "The name 'n:0' refers to a Tensor which does not exist. The operation, 'n', exists but only has 0 outputs.",
  );
});

test('item 12: a malformed tensor name -> ValueError with TF’s "looks a like" typo', () => {
  const { g } = graphWithX();
  const msg = (n: string) => `The name '${n}' looks a like a Tensor name, but is not a valid one. ${FORM}`;
  throwsExact(() => g.getTensorByName('a:b'), tf.ValueError, msg('a:b'));
  throwsExact(() => g.getTensorByName('x:'), tf.ValueError, msg('x:'));
  throwsExact(() => g.asGraphElement('a:b'), tf.ValueError, msg('a:b'));
});

test('item 12: a name with two colons is malformed (Python’s name.split(":") gives three parts)', () => {
  const { g } = graphWithX();
  throwsExact(
    () => g.getTensorByName('x:0:0'),
    tf.ValueError,
    `The name 'x:0:0' looks a like a Tensor name, but is not a valid one. ${FORM}`,
  );
});

test('item 12: getOperationByName with a tensor name -> ValueError', () => {
  const { g } = graphWithX();
  throwsExact(() => g.getOperationByName('x:0'), tf.ValueError, "Name 'x:0' appears to refer to a Tensor, not a Operation.");
  throwsExact(() => g.asGraphElement('x:0', false, true), tf.ValueError, "Name 'x:0' appears to refer to a Tensor, not a Operation.");
});

test('item 12: a missing operation -> KeyError', () => {
  const { g } = graphWithX();
  throwsExact(() => g.getOperationByName('y'), tf.KeyError, "The name 'y' refers to an Operation not in the graph.");
  throwsExact(() => g.asGraphElement('y'), tf.KeyError, "The name 'y' refers to an Operation not in the graph.");
});

test('item 12: getTensorByName with an op name -> ValueError (existing and missing op)', () => {
  const { g } = graphWithX();
  throwsExact(() => g.getTensorByName('x'), tf.ValueError, `The name 'x' refers to an Operation, not a Tensor. ${FORM}`);
  throwsExact(
    () => g.getTensorByName('y'),
    tf.ValueError,
    `The name 'y' looks like an (invalid) Operation name, not a Tensor. ${FORM}`,
  );
  throwsExact(() => g.asGraphElement('x', true, false), tf.ValueError, `The name 'x' refers to an Operation, not a Tensor. ${FORM}`);
});

test('item 12: non-string names -> TypeError naming the JS type', () => {
  const { g } = graphWithX();
  throwsExact(() => g.getOperationByName(5 as unknown as string), TypeError, 'Operation names are strings (or similar), not number.');
  throwsExact(() => g.getTensorByName(5 as unknown as string), TypeError, 'Tensor names are strings (or similar), not number.');
});

test('item 12: asGraphElement of something that is no graph element -> TypeError', () => {
  const { g, x } = graphWithX();
  throwsExact(() => g.asGraphElement(5), TypeError, 'Can not convert a number into a Tensor or Operation.');
  throwsExact(() => g.asGraphElement(x, false, true), TypeError, 'Can not convert a Tensor into a Operation.');
  throwsExact(() => g.asGraphElement(x.op, true, false), TypeError, 'Can not convert a Operation into a Tensor.');
});

// ---- item 13: mixing graphs -----------------------------------------------------------------

test('item 13: asGraphElement of another graph’s tensor or op -> ValueError', () => {
  const g1 = new tf.Graph();
  const c = g1.asDefault(() => tf.constant(1, { name: 'c' }));
  const g2 = new tf.Graph();
  throwsExact(() => g2.asGraphElement(c), tf.ValueError, 'Tensor Tensor("c:0", shape=(), dtype=float32) is not an element of this graph.');
  throwsExact(() => g2.asGraphElement(c.op), tf.ValueError, `Operation ${c.op.repr()} is not an element of this graph.`);
});

test('item 13: control dependencies on another graph’s tensor or op -> ValueError (as_graph_element)', () => {
  const g1 = new tf.Graph();
  const c = g1.asDefault(() => tf.constant(1, { name: 'c' }));
  const g2 = new tf.Graph();
  throwsExact(
    () => g2.controlDependencies([c], () => undefined),
    tf.ValueError,
    'Tensor Tensor("c:0", shape=(), dtype=float32) is not an element of this graph.',
  );
  throwsExact(() => g2.controlDependencies([c.op], () => undefined), tf.ValueError, `Operation ${c.op.repr()} is not an element of this graph.`);
});

test('item 13: an op with inputs from two graphs -> ValueError naming both', () => {
  const g1 = new tf.Graph();
  const g2 = new tf.Graph();
  const a = g1.asDefault(() => tf.constant(1, { name: 'a' }));
  const b = g2.asDefault(() => tf.constant(2, { name: 'b' }));
  const before = [g1.getOperations().length, g2.getOperations().length];
  throwsExact(
    () => tf.add(a, b),
    tf.ValueError,
    `Tensor("b:0", shape=(), dtype=float32) must be from the same graph as Tensor("a:0", shape=(), dtype=float32) (graphs are ${g2} and ${g1}).`,
  );
  assert.deepEqual([g1.getOperations().length, g2.getOperations().length], before);
});

test('item 13: an op goes into its inputs’ graph, not the default graph', () => {
  const g1 = new tf.Graph();
  const a = g1.asDefault(() => tf.constant(1, { name: 'a' }));
  const other = new tf.Graph();
  const sum = other.asDefault(() => tf.add(a, a, 'sum'));
  assert.equal(sum.graph, g1);
  assert.equal(sum.name, 'sum:0');
  assert.equal(other.getOperations().length, 0);
});
