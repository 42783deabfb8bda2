// Spec items 18 (control dependencies) and 22 (asGraphDef).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { names, sortedNames, throwsExact } from './helpers.js';
import { twoFloatOutputs } from './test-ops.js';

const consts = (n: number): tf.Tensor[] => Array.from({ length: n }, (_, i) => tf.constant(i, { name: `a_${i + 1}` }));

test('item 18: ops created inside the block get the control inputs; ops merely used do not', () => {
  new tf.Graph().asDefault((g) => {
    const [a, x] = consts(2) as [tf.Tensor, tf.Tensor];
    const outside = tf.constant(0, { name: 'outside' });
    const b = g.controlDependencies([a], () => {
      const y = tf.identity(x, 'y');
      assert.deepEqual(names(y.op.controlInputs), ['a_1']);
      return tf.constant(1, { name: 'b' });
    });
    assert.deepEqual(names(b.op.controlInputs), ['a_1']);
    assert.deepEqual(names(x.op.controlInputs), []);
    assert.deepEqual(names(outside.op.controlInputs), []);
    assert.deepEqual(names(tf.constant(2).op.controlInputs), []);
  });
});

test('item 18: tf.controlDependencies (callback and using forms) acts on the default graph', () => {
  new tf.Graph().asDefault(() => {
    const [a, c] = consts(2) as [tf.Tensor, tf.Tensor];
    const b = tf.controlDependencies([a], () => tf.constant(1));
    assert.deepEqual(names(b.op.controlInputs), ['a_1']);
    {
      using _ = tf.controlDependencies([c]);
      assert.deepEqual(names(tf.constant(2).op.controlInputs), ['a_2']);
    }
    assert.deepEqual(names(tf.constant(3).op.controlInputs), []);
  });
});

test('item 18: tensors become their ops; duplicates are removed', () => {
  new tf.Graph().asDefault((g) => {
    const [a] = consts(1) as [tf.Tensor];
    const b = g.controlDependencies([a, a.op, a], () => tf.constant(1));
    assert.equal(b.op.controlInputs.length, 1);
    assert.equal(b.op.controlInputs[0], a.op);
    // Nested blocks on the same op do not repeat it.
    const c = g.controlDependencies([a], () => g.controlDependencies([a.op], () => tf.constant(2)));
    assert.deepEqual(names(c.op.controlInputs), ['a_1']);
  });
});

test('item 18: two outputs of one op give one control input (testRepeatedDependency)', () => {
  new tf.Graph().asDefault((g) => {
    const a = twoFloatOutputs();
    const [a0, a1] = a.outputs as [tf.Tensor, tf.Tensor];
    g.controlDependencies([a0], () => {
      const b = tf.constant(1);
      const c = g.controlDependencies([a1], () => tf.constant(2));
      assert.deepEqual([...b.op.controlInputs], [a]);
      assert.deepEqual([...c.op.controlInputs], [a]);
    });
  });
});

test('item 18: a Variable as control input means its variable op', () => {
  new tf.Graph().asDefault((g) => {
    const v = new tf.Variable(1, { name: 'v' });
    const b = g.controlDependencies([v], () => tf.constant(1));
    assert.deepEqual([...b.op.controlInputs], [v.op]);
  });
});

test('item 18: a control input may be named by a string, as as_graph_element resolves names', () => {
  new tf.Graph().asDefault((g) => {
    const [a] = consts(1) as [tf.Tensor];
    const b = g.controlDependencies(['a_1'], () => tf.constant(1));
    const c = g.controlDependencies(['a_1:0'], () => tf.constant(2));
    assert.deepEqual([...b.op.controlInputs], [a.op]);
    assert.deepEqual([...c.op.controlInputs], [a.op]);
  });
});

test('item 18: nested blocks take the union (testNested)', () => {
  new tf.Graph().asDefault((g) => {
    const [a1, a2, a3, a4] = consts(4) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const b1 = g.controlDependencies([a1, a2, a3, a4], () => tf.constant(1));
    const b2 = g.controlDependencies([a1], () =>
      g.controlDependencies([a2], () => g.controlDependencies([a3], () => g.controlDependencies([a4], () => tf.constant(2)))),
    );
    assert.deepEqual(sortedNames(b1.op.controlInputs), ['a_1', 'a_2', 'a_3', 'a_4']);
    assert.deepEqual(sortedNames(b2.op.controlInputs), ['a_1', 'a_2', 'a_3', 'a_4']);
  });
});

test('item 18: controlDependencies(null) clears the set until the block exits (testClear)', () => {
  new tf.Graph().asDefault((g) => {
    const [a1, a2, a3, a4] = consts(4) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const r: Record<string, tf.Tensor> = {};
    g.controlDependencies([a1], () => {
      g.controlDependencies([a2], () => {
        g.controlDependencies(null, () => {
          g.controlDependencies([a3], () => {
            g.controlDependencies([a4], () => {
              r.b_3_4 = tf.constant(0);
            });
            r.b_3 = tf.constant(0);
          });
          r.b_none = tf.constant(0);
        });
        r.b_1_2 = tf.constant(0);
      });
      r.b_1 = tf.constant(0);
    });
    const ci = (k: string) => sortedNames((r[k] as tf.Tensor).op.controlInputs);
    assert.deepEqual(ci('b_3_4'), ['a_3', 'a_4']);
    assert.deepEqual(ci('b_3'), ['a_3']);
    assert.deepEqual(ci('b_none'), []);
    assert.deepEqual(ci('b_1_2'), ['a_1', 'a_2']);
    assert.deepEqual(ci('b_1'), ['a_1']);
  });
});

test('item 18: the using form of controlDependencies(null) clears and restores', () => {
  new tf.Graph().asDefault((g) => {
    const [a] = consts(1) as [tf.Tensor];
    using _outer = g.controlDependencies([a]);
    {
      using _clear = g.controlDependencies(null);
      assert.deepEqual(names(tf.constant(0).op.controlInputs), []);
    }
    assert.deepEqual(names(tf.constant(0).op.controlInputs), ['a_1']);
  });
});

test('item 18: no control input when the op already has a direct data input from it', () => {
  new tf.Graph().asDefault((g) => {
    const [a, x] = consts(2) as [tf.Tensor, tf.Tensor];
    g.controlDependencies([a], () => {
      assert.deepEqual(names(tf.identity(a).op.controlInputs), []);
      // Only the direct data input is dropped; other control inputs of the block stay.
      g.controlDependencies([x], () => {
        assert.deepEqual(names(tf.identity(a).op.controlInputs), ['a_2']);
      });
    });
  });
});

test('item 18: an op whose input was created in the same block is dominated (testComplex)', () => {
  new tf.Graph().asDefault((g) => {
    const [a1, a2, a3, a4] = consts(4) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const mul = (x: tf.Tensor, y: tf.Tensor) => tf.multiply(x, y);
    const t: Record<string, tf.Tensor> = {};
    g.controlDependencies([a1], () => {
      t.b1 = mul(a3, a4);
      t.c1 = mul(a1, t.b1);
      t.d1 = mul(t.b1, t.c1);
      t.e1 = tf.constant(5);
      g.controlDependencies([a2], () => {
        t.b2 = mul(a3, a4);
        t.c2 = mul(a1, t.b1 as tf.Tensor);
        t.d2 = mul(t.b2, t.c2);
        t.e2 = mul(t.e1 as tf.Tensor, t.e1 as tf.Tensor);
        g.controlDependencies([a3], () => {
          t.b3 = mul(a3, a4);
          t.c3 = mul(a1, t.b1 as tf.Tensor);
          t.d3 = mul(t.b3, t.c3);
          t.e3 = mul(t.e2 as tf.Tensor, t.e2 as tf.Tensor);
          g.controlDependencies([a4], () => {
            t.b4 = mul(a3, a4);
            t.c4 = mul(a1, t.b1 as tf.Tensor);
            t.d4 = mul(t.b4, t.c4);
            t.e4 = mul(t.e3 as tf.Tensor, t.e3 as tf.Tensor);
          });
        });
      });
    });
    const ci = (k: string) => sortedNames((t[k] as tf.Tensor).op.controlInputs);
    assert.deepEqual(ci('b1'), ['a_1']);
    assert.deepEqual(ci('b2'), ['a_1', 'a_2']);
    assert.deepEqual(ci('b3'), ['a_1', 'a_2']);
    assert.deepEqual(ci('b4'), ['a_1', 'a_2']);
    assert.deepEqual(ci('c1'), []);
    assert.deepEqual(ci('c2'), ['a_2']);
    assert.deepEqual(ci('c3'), ['a_2', 'a_3']);
    assert.deepEqual(ci('c4'), ['a_2', 'a_3', 'a_4']);
    for (const k of ['d1', 'd2', 'd3', 'd4']) assert.deepEqual(ci(k), [], k);
    assert.deepEqual(ci('e1'), ['a_1']);
    assert.deepEqual(ci('e2'), ['a_2']);
    assert.deepEqual(ci('e3'), ['a_3']);
    assert.deepEqual(ci('e4'), ['a_4']);
  });
});

test('item 18: a control input that is no graph element -> TypeError (via as_graph_element)', () => {
  new tf.Graph().asDefault((g) => {
    throwsExact(() => g.controlDependencies([5], () => undefined), TypeError, 'Can not convert a number into a Tensor or Operation.');
    throwsExact(() => tf.controlDependencies([{}], () => undefined), TypeError, 'Can not convert a Object into a Tensor or Operation.');
    // Nothing was pushed by the failed call.
    assert.deepEqual(names(tf.constant(1).op.controlInputs), []);
  });
});

test('item 18: the callback form pops the controller when fn throws', () => {
  new tf.Graph().asDefault((g) => {
    const [a] = consts(1) as [tf.Tensor];
    assert.throws(
      () =>
        g.controlDependencies([a], () => {
          throw new Error('boom');
        }),
      { message: 'boom' },
    );
    assert.deepEqual(names(tf.constant(1).op.controlInputs), []);
  });
});

// ---- item 22: asGraphDef ---------------------------------------------------------------------

test('item 22: asGraphDef lists nodes in id order with inputs "op", "op:k" and "^ctrl"', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const two = twoFloatOutputs('two');
    const [t0, t1] = two.outputs as [tf.Tensor, tf.Tensor];
    const c = tf.constant(1, { name: 'c' });
    const s = tf.add(t0, t1, 'sum');
    g.controlDependencies([c], () => tf.multiply(s, t1, 'prod'));
    tf.noOp({ name: 'last' });
  });
  const gd = g.asGraphDef();
  assert.deepEqual(
    gd.node.map((n) => ({ name: n.name, op: n.op, input: n.input })),
    [
      { name: 'two', op: 'TwoFloatOutputs', input: [] },
      { name: 'c', op: 'Const', input: [] },
      { name: 'sum', op: 'AddV2', input: ['two', 'two:1'] },
      { name: 'prod', op: 'Mul', input: ['sum', 'two:1', '^c'] },
      { name: 'last', op: 'NoOp', input: [] },
    ],
  );
});

test('item 22: asGraphDef of an empty graph has no nodes; variables show their sub-op wiring', () => {
  assert.deepEqual(new tf.Graph().asGraphDef().node, []);
  const g = new tf.Graph();
  g.asDefault(() => new tf.Variable(1, { name: 'v' }));
  assert.deepEqual(
    g.asGraphDef().node.map((n) => [n.name, n.op, n.input]),
    [
      ['v/initial_value', 'Const', []],
      ['v', 'VariableV2', []],
      ['v/Assign', 'Assign', ['v', 'v/initial_value']],
      ['v/read', 'Identity', ['v']],
    ],
  );
});
