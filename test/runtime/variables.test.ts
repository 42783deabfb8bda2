// Spec section D (items 42–56): TF1 ref variables in graph mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows } from './helpers.js';

describe('Variable constructor errors (item 42)', () => {
  test('no initial value', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expectThrows(() => new tf.Variable(), tf.ValueError, 'initial_value must be specified.');
      expectThrows(() => new tf.Variable(undefined, { name: 'v' }), tf.ValueError, 'initial_value must be specified.');
    });
  });

  test('validateShape with an unknown-shape initial value', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const p = tf.placeholder('float32', { name: 'p' });
      // TF's Tensor.__str__ omits the shape when the rank is unknown.
      expectThrows(() => new tf.Variable(p), tf.ValueError, 'initial_value must have a shape specified: Tensor("p:0", dtype=float32)');
      // validateShape: false accepts it; the variable then has an unknown shape.
      const v = new tf.Variable(p, { validateShape: false, name: 'loose' });
      assert.equal(v.shape.rank, null);
    });
  });

  test('validateShape with a partially known initial value names the tensor', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const p = tf.placeholder('float32', [null, 3], 'q');
      const e = expectThrows(() => new tf.Variable(p), tf.ValueError);
      assert.ok(e.message.startsWith('initial_value must have a shape specified: Tensor("q:0", shape='), e.message);
    });
  });
});

describe('callable initial value (item 43)', () => {
  test('is called once, under Initializer, and the variable still needs its initializer', () => {
    const g = new tf.Graph();
    let calls = 0;
    const v = g.asDefault(() =>
      new tf.Variable(
        () => {
          calls++;
          return tf.constant([1, 2], { name: 'init_value' });
        },
        { name: 'cv' },
      ),
    );
    assert.equal(calls, 1);
    assert.equal(v.initialValue.op.name, 'cv/Initializer/init_value');
    using sess = new tf.Session({ graph: g });
    sess.asDefault(() => {
      const e = expectThrows(() => v.eval(), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value cv');
      assert.equal(e.op, null);
      sess.run(v.initializer);
      assert.deepEqual((v.eval() as tf.NDArray).toArray(), [1, 2]);
    });
    assert.equal(calls, 1);
  });
});

describe('assign, assignAdd, assignSub (item 44)', () => {
  test('return tensors holding the new value; every run updates again', () => {
    const g = new tf.Graph();
    const { v, plusOne, minusTwo, four, init } = g.asDefault(() => {
      const v = new tf.Variable(0.0);
      return {
        v,
        plusOne: v.assignAdd(1.0),
        minusTwo: v.assignSub(2.0),
        four: v.assign(4.0),
        init: tf.globalVariablesInitializer(),
      };
    });
    assert.ok(plusOne instanceof tf.Tensor);
    assert.ok(minusTwo instanceof tf.Tensor);
    assert.ok(four instanceof tf.Tensor);
    assert.equal(plusOne.op.type, 'AssignAdd');
    assert.equal(minusTwo.op.type, 'AssignSub');
    assert.equal(four.op.type, 'Assign');
    assert.equal(plusOne.dtype, 'float32');
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    assert.equal(sess.run(v).item(), 0);
    assert.equal(sess.run(plusOne).item(), 1);
    assert.equal(sess.run(v).item(), 1);
    assert.equal(sess.run(minusTwo).item(), -1);
    assert.equal(sess.run(v).item(), -1);
    assert.equal(sess.run(four).item(), 4);
    assert.equal(sess.run(v).item(), 4);
    // Running an update twice updates twice.
    sess.asDefault(() => {
      assert.equal((plusOne.eval() as tf.NDArray).item(), 5);
      assert.equal((plusOne.eval() as tf.NDArray).item(), 6);
    });
    assert.equal(sess.run(v).item(), 6);
  });

  test('building an update does not run it', () => {
    const g = new tf.Graph();
    const { v, init } = g.asDefault(() => ({ v: new tf.Variable(10), init: tf.globalVariablesInitializer() }));
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    g.asDefault(() => v.assign(99));
    assert.equal(sess.run(v).item(), 10);
  });
});

describe('uninitialized reads (item 46)', () => {
  test('through v.value(): e.op is foo/read and the message names foo', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(42, { name: 'foo' }));
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(v.value()), tf.errors.FailedPreconditionError);
    assert.equal(e.code, 9);
    assert.equal(e.baseMessage, 'Attempting to use uninitialized value foo');
    assert.ok(e.message.startsWith('Attempting to use uninitialized value foo\n\t [[{{node foo/read}}]]'), e.message);
    assert.equal(e.op?.name, 'foo/read');
    assert.equal(e.op, g.getOperationByName('foo/read'));
  });

  test('an op computing from the variable fails at its read', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'w' });
      return tf.add(v, 1, { name: 'y' });
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(y), tf.errors.FailedPreconditionError);
    assert.equal(e.baseMessage, 'Attempting to use uninitialized value w');
    assert.equal(e.op?.name, 'w/read');
  });

  test('assignAdd on an uninitialized variable fails in the AssignAdd op', () => {
    const g = new tf.Graph();
    const inc = g.asDefault(() => new tf.Variable(1, { name: 'counter' }).assignAdd(1, { name: 'inc' }));
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(inc), tf.errors.FailedPreconditionError);
    assert.equal(e.baseMessage, 'Attempting to use uninitialized value counter');
    assert.equal(e.op?.name, 'inc');
  });
});

describe('Assign initializes (item 47) and validates shapes (item 50)', () => {
  test('running an assign alone initializes the variable, without the initializer', () => {
    const g = new tf.Graph();
    const { v, set7 } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      return { v, set7: v.assign(7) };
    });
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(set7).item(), 7);
    assert.equal(sess.run(v).item(), 7);
    assert.equal(sess.run(v.value()).item(), 7);
  });

  test('Assign requires shapes of both tensors to match (initialized and not)', () => {
    const g = new tf.Graph();
    const { v, p, assign } = g.asDefault(() => {
      const v = new tf.Variable([1, 2], { name: 'v' });
      const p = tf.placeholder('float32', { name: 'p' });
      return { v, p, assign: v.assign(p) };
    });
    const msg = 'Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]';
    using sess = new tf.Session({ graph: g });
    let e = expectThrows(() => sess.run(assign, new Map([[p, [1, 2, 3]]])), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, msg);
    assert.equal(e.code, 3);
    assert.equal(e.op, assign.op);
    sess.run(v.initializer);
    e = expectThrows(() => sess.run(assign, new Map([[p, [1, 2, 3]]])), tf.errors.InvalidArgumentError);
    assert.equal(e.baseMessage, msg);
    // The failed assign left the value alone.
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
    assert.deepEqual(sess.run(assign, new Map([[p, [5, 6]]])).toArray(), [5, 6]);
  });

  test('a validateShape: false variable takes a value of any shape', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(tf.placeholder('float32', { name: 'p' }), { validateShape: false, name: 'v' }));
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer, { p: [1, 2, 3] });
    assert.deepEqual(sess.run(v).toArray(), [1, 2, 3]);
  });
});

describe('initializers (items 51–52)', () => {
  test('globalVariablesInitializer is a group named init over every initializer', () => {
    const g = new tf.Graph();
    const { a, b, init, init2 } = g.asDefault(() => {
      const a = new tf.Variable(1, { name: 'a' });
      const b = new tf.Variable(2, { name: 'b' });
      return { a, b, init: tf.globalVariablesInitializer(), init2: tf.globalVariablesInitializer() };
    });
    assert.ok(init instanceof tf.Operation);
    assert.equal(init.name, 'init');
    assert.equal(init.type, 'NoOp');
    assert.equal(init2.name, 'init_1');
    assert.deepEqual(new Set(init.controlInputs), new Set([a.initializer, b.initializer]));
    assert.equal(a.initializer.name, 'a/Assign');
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(init), null);
    assert.deepEqual(sess.run([a, b]).map((x) => x.item()), [1, 2]);
  });

  test('with no variables it is a NoOp named init that runs fine', () => {
    const g = new tf.Graph();
    const init = g.asDefault(() => tf.globalVariablesInitializer());
    assert.equal(init.name, 'init');
    assert.equal(init.type, 'NoOp');
    assert.equal(init.controlInputs.length, 0);
    using sess = new tf.Session({ graph: g });
    assert.equal(sess.run(init), null);
  });

  test('variablesInitializer(list, name)', () => {
    const g = new tf.Graph();
    const { a, b, initA } = g.asDefault(() => {
      const a = new tf.Variable(1, { name: 'a' });
      const b = new tf.Variable(2, { name: 'b' });
      return { a, b, initA: tf.variablesInitializer([a], 'init_a') };
    });
    assert.equal(initA.name, 'init_a');
    using sess = new tf.Session({ graph: g });
    sess.run(initA);
    assert.equal(sess.run(a).item(), 1);
    expectThrows(() => sess.run(b), tf.errors.FailedPreconditionError, 'Attempting to use uninitialized value b');
  });

  test('variablesInitializer outside the graph context builds in the variables\' graph', () => {
    // TF's group() opens name_scope(name, "group_deps", inputs), which enters the inputs' graph.
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(1, { name: 'v' }));
    const init = tf.variablesInitializer([v]);
    assert.equal(init.graph, g);
    assert.equal(init.name, 'init');
    using sess = new tf.Session({ graph: g });
    sess.run(init);
    assert.equal(sess.run(v).item(), 1);
  });

  test('an initializer reading another uninitialized variable fails (item 52)', () => {
    const g = new tf.Graph();
    const { v, w } = g.asDefault(() => {
      const v = new tf.Variable(3, { name: 'v' });
      const w = new tf.Variable(tf.multiply(v, 2), { name: 'w' });
      return { v, w };
    });
    using sess = new tf.Session({ graph: g });
    const e = expectThrows(() => sess.run(w.initializer), tf.errors.FailedPreconditionError);
    assert.equal(e.baseMessage, 'Attempting to use uninitialized value v');
    assert.equal(e.op?.name, 'v/read');
    // Initializing v first makes it work.
    sess.run(v.initializer);
    sess.run(w.initializer);
    assert.equal(sess.run(w).item(), 6);
  });
});

describe('reportUninitializedVariables and isVariableInitialized (items 53–54)', () => {
  test('string op names in list order, shrinking to size 0', () => {
    const g = new tf.Graph();
    const { v, w, report, reportWV } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      const w = new tf.Variable(2, { name: 'w' });
      return { v, w, report: tf.reportUninitializedVariables(), reportWV: tf.reportUninitializedVariables([w, v]) };
    });
    assert.equal(report.dtype, 'string');
    using sess = new tf.Session({ graph: g });
    let r = sess.run(report);
    assert.equal(r.dtype, 'string');
    assert.deepEqual(r.shape, [2]);
    assert.deepEqual(r.toArray(), ['v', 'w']);
    assert.deepEqual(sess.run(reportWV).toArray(), ['w', 'v']);
    sess.run(w.initializer);
    assert.deepEqual(sess.run(report).toArray(), ['v']);
    sess.run(v.initializer);
    r = sess.run(report);
    assert.deepEqual(r.shape, [0]);
    assert.equal(r.size, 0);
  });

  test('with no variables it is an empty string constant', () => {
    const g = new tf.Graph();
    const report = g.asDefault(() => tf.reportUninitializedVariables());
    using sess = new tf.Session({ graph: g });
    const r = sess.run(report);
    assert.equal(r.dtype, 'string');
    assert.deepEqual(r.shape, [0]);
  });

  test('isVariableInitialized is a bool scalar that never fails', () => {
    const g = new tf.Graph();
    const { v, isInit } = g.asDefault(() => {
      const v = new tf.Variable(1, { name: 'v' });
      return { v, isInit: tf.isVariableInitialized(v) };
    });
    assert.equal(isInit.dtype, 'bool');
    assert.deepEqual(isInit.shape.dims, []);
    using s1 = new tf.Session({ graph: g });
    using s2 = new tf.Session({ graph: g });
    assert.equal(s1.run(isInit).item(), false);
    s1.run(v.initializer);
    assert.equal(s1.run(isInit).item(), true);
    assert.equal(s2.run(isInit).item(), false);
  });
});

describe('variables as fetches (items 56, 63)', () => {
  test('v.eval() and sess.run(v) return copies of the value', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable([1, 2, 3], { name: 'v' }));
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    const a = sess.run(v);
    (a.data as Float32Array)[0] = 100;
    assert.deepEqual(sess.run(v).toArray(), [1, 2, 3]);
    const b = sess.run(v.value());
    (b.data as Float32Array)[1] = 100;
    assert.deepEqual(sess.run(v).toArray(), [1, 2, 3]);
    const c = v.eval(sess) as tf.NDArray;
    (c.data as Float32Array)[2] = 100;
    assert.deepEqual(sess.asDefault(() => (v.eval() as tf.NDArray).toArray()), [1, 2, 3]);
  });

  test('a fed value assigned to a variable is copied in', () => {
    const g = new tf.Graph();
    const { v, p, set } = g.asDefault(() => {
      const v = new tf.Variable([0, 0], { name: 'v' });
      const p = tf.placeholder('float32', [2], 'p');
      return { v, p, set: v.assign(p) };
    });
    using sess = new tf.Session({ graph: g });
    const fed = new tf.NDArray('float32', [2], Float32Array.of(1, 2));
    sess.run(set.op, new Map([[p, fed]]));
    (fed.data as Float32Array)[0] = 50;
    assert.deepEqual(sess.run(v).toArray(), [1, 2]);
  });

  test('a variable is not iterable (item 56)', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable([1, 2], { name: 'v' }));
    expectThrows(() => [...(v as unknown as Iterable<unknown>)], TypeError);
  });

  test('re-running the initializer resets the value', () => {
    const g = new tf.Graph();
    const { v, inc } = g.asDefault(() => {
      const v = new tf.Variable(42, { name: 'v' });
      return { v, inc: v.assignAdd(1) };
    });
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    sess.run(inc);
    assert.equal(sess.run(v).item(), 43);
    sess.run(v.initializer);
    assert.equal(sess.run(v).item(), 42);
  });

  test('graph.container sets the container attr of variables made inside it (item 81)', () => {
    const g = new tf.Graph();
    const { a, b } = g.asDefault(() => ({
      a: g.container('c1', () => new tf.Variable(1, { name: 'a' })),
      b: new tf.Variable(2, { name: 'b' }),
    }));
    assert.equal(a.op.getAttr('container'), 'c1');
    assert.equal(b.op.getAttr('container'), '');
    using sess = new tf.Session({ graph: g });
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    assert.deepEqual([sess.run(a).item(), sess.run(b).item()], [1, 2]);
  });

  test('a variable as a string fetch: its name', () => {
    const g = new tf.Graph();
    const v = g.asDefault(() => new tf.Variable(5, { name: 'v' }));
    using sess = new tf.Session({ graph: g });
    sess.run(v.initializer);
    assert.equal((sess.run('v:0') as tf.NDArray).item(), 5);
    assert.equal((sess.run('v/read:0') as tf.NDArray).item(), 5);
    assert.equal((sess.run(v.name) as tf.NDArray).item(), 5);
  });
});
