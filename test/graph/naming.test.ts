// Spec items 5–9: default op names, uniqueName, case-insensitivity, name scopes, trailing '/'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';
import { twoFloatOutputs } from './test-ops.js';

test('item 5: the default op name is the op type, then uniquified', () => {
  new tf.Graph().asDefault(() => {
    const a = tf.constant(1);
    const b = tf.constant(2);
    const p = tf.placeholder('float32');
    assert.equal(a.op.name, 'Const');
    assert.equal(a.name, 'Const:0');
    assert.equal(b.op.name, 'Const_1');
    assert.equal(b.name, 'Const_1:0');
    assert.equal(p.name, 'Placeholder:0');
    assert.equal(tf.constant(3).name, 'Const_2:0');
  });
});

test('item 5: an explicit name is used as given, and uniquified when taken', () => {
  new tf.Graph().asDefault(() => {
    assert.equal(tf.constant(1, { name: 'my_op' }).name, 'my_op:0');
    assert.equal(tf.constant(1, { name: 'my_op' }).name, 'my_op_1:0');
    assert.equal(tf.placeholder('float32', [2], 'x').name, 'x:0');
    assert.equal(tf.placeholder('float32', { name: 'x' }).name, 'x_1:0');
    assert.equal(tf.identity(tf.constant(1), 'my_op').name, 'my_op_2:0');
  });
});

test('item 5: tensors are named "<op>:<index>"', () => {
  new tf.Graph().asDefault(() => {
    const op0 = twoFloatOutputs();
    assert.equal(op0.name, 'TwoFloatOutputs');
    assert.deepEqual(
      op0.outputs.map((t) => t.name),
      ['TwoFloatOutputs:0', 'TwoFloatOutputs:1'],
    );
    assert.deepEqual(
      op0.outputs.map((t) => t.valueIndex),
      [0, 1],
    );
    const op1 = twoFloatOutputs();
    assert.equal(op1.name, 'TwoFloatOutputs_1');
    assert.equal(op1.outputs[1]?.name, 'TwoFloatOutputs_1:1');
    assert.equal(twoFloatOutputs('my_op').outputs[0]?.name, 'my_op:0');
  });
});

test('item 6: uniqueName follows TensorFlow’s algorithm (ops_test NameStackTest.testBasics)', () => {
  const g = new tf.Graph();
  const u = (name: string, mark?: boolean) => g.uniqueName(name, mark);
  assert.equal(u('foo', false), 'foo');
  assert.equal(u('foo', false), 'foo');
  assert.equal(u('foo'), 'foo');
  assert.equal(u('foo', false), 'foo_1');
  assert.equal(u('foo'), 'foo_1');
  assert.equal(u('foo', false), 'foo_2');
  assert.equal(u('foo'), 'foo_2');
  assert.equal(u('foo_1', false), 'foo_1_1');
  assert.equal(u('foo_1'), 'foo_1_1');
  assert.equal(u('foo_1', false), 'foo_1_2');
  assert.equal(u('foo_1'), 'foo_1_2');
  assert.equal(u('foo_1_2', false), 'foo_1_2_1');
  assert.equal(u('foo_1_2'), 'foo_1_2_1');
  g.nameScope('bar', () => {
    assert.equal(u('foo', false), 'bar/foo');
    assert.equal(u('foo'), 'bar/foo');
    assert.equal(u('foo', false), 'bar/foo_1');
    assert.equal(u('foo'), 'bar/foo_1');
    g.nameScope(null, () => {
      assert.equal(u('foo', false), 'foo_3');
      assert.equal(u('foo'), 'foo_3');
    });
    g.nameScope('baz', () => {
      assert.equal(u('foo', false), 'bar/baz/foo');
      assert.equal(u('foo'), 'bar/baz/foo');
      assert.equal(u('foo', false), 'bar/baz/foo_1');
      assert.equal(u('foo'), 'bar/baz/foo_1');
    });
    g.nameScope('baz', () => {
      assert.equal(u('foo', false), 'bar/baz_1/foo');
      assert.equal(u('foo'), 'bar/baz_1/foo');
      assert.equal(u('foo', false), 'bar/baz_1/foo_1');
      assert.equal(u('foo'), 'bar/baz_1/foo_1');
    });
  });
  g.nameScope('quux', () => {
    assert.equal(u('foo', false), 'quux/foo');
    assert.equal(u('foo'), 'quux/foo');
  });
  g.nameScope('bar', () =>
    g.nameScope('baz', () => {
      assert.equal(u('foo', false), 'bar_1/baz/foo');
      assert.equal(u('foo'), 'bar_1/baz/foo');
    }),
  );
  assert.equal(u('foo', false), 'foo_4');
  assert.equal(u('foo'), 'foo_4');
  assert.equal(u('bar', false), 'bar_2');
  assert.equal(u('bar'), 'bar_2');
});

test('item 6: out-of-order uniqueName skips names already taken', () => {
  const g = new tf.Graph();
  assert.equal(g.uniqueName('foo_2'), 'foo_2');
  assert.equal(g.uniqueName('foo'), 'foo');
  assert.equal(g.uniqueName('foo'), 'foo_1');
  assert.equal(g.uniqueName('foo'), 'foo_3');
});

test('item 6: markAsUsed defaults to true; false reserves nothing', () => {
  const g = new tf.Graph();
  assert.equal(g.uniqueName('x', false), 'x');
  assert.equal(g.uniqueName('x', false), 'x');
  assert.equal(g.uniqueName('x'), 'x');
  assert.equal(g.uniqueName('x'), 'x_1');
});

test('item 6: ops and uniqueName share one name table', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    assert.equal(g.uniqueName('Const'), 'Const');
    assert.equal(tf.constant(1).name, 'Const_1:0');
    assert.equal(g.uniqueName('Const'), 'Const_2');
    // An op named like a generated name pushes later generated names past it.
    assert.equal(tf.constant(1, { name: 'Const_3' }).name, 'Const_3:0');
    assert.equal(tf.constant(1).name, 'Const_4:0');
    // Nothing above created an op named Const, Const_2: unique names are only reservations.
    assert.deepEqual(
      g.getOperations().map((o) => o.name),
      ['Const_1', 'Const_3', 'Const_4'],
    );
  });
});

test('item 7: name keys are case-insensitive and keep the caller’s capitalization', () => {
  const g = new tf.Graph();
  assert.equal(g.uniqueName('foo'), 'foo');
  assert.equal(g.uniqueName('Foo'), 'Foo_1');
  g.nameScope('bar', () => assert.equal(g.uniqueName('foo'), 'bar/foo'));
  g.nameScope('Bar', () => assert.equal(g.uniqueName('foo'), 'Bar_1/foo'));
  assert.equal(g.uniqueName('FOO'), 'FOO_2');
});

test('item 7: op names are uniquified case-insensitively', () => {
  new tf.Graph().asDefault(() => {
    assert.equal(tf.constant(1, { name: 'foo' }).name, 'foo:0');
    assert.equal(tf.constant(1, { name: 'Foo' }).name, 'Foo_1:0');
    assert.equal(tf.constant(1).name, 'Const:0');
    assert.equal(tf.constant(1, { name: 'const' }).name, 'const_1:0');
  });
});

test('item 8: nameScope yields "foo/", nests, and null/"" reset to the root (testNameScope)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    g.nameScope('foo', (foo) => {
      assert.equal(foo, 'foo/');
      assert.equal(g.getNameScope(), 'foo');
      g.nameScope('foo2', (foo2) => assert.equal(foo2, 'foo/foo2/'));
      g.nameScope(null, (empty1) => {
        assert.equal(empty1, '');
        assert.equal(g.getNameScope(), '');
        g.nameScope('foo3', (foo3) => assert.equal(foo3, 'foo3/'));
      });
      g.nameScope('', (empty2) => assert.equal(empty2, ''));
      assert.equal(g.getNameScope(), 'foo');
    });
    assert.equal(g.getNameScope(), '');

    assert.equal(tf.constant(1).op.name, 'Const');
    g.nameScope('bar', (scope) => {
      assert.equal(tf.constant(1).op.name, 'bar/Const');
      assert.equal(tf.constant(1).op.name, 'bar/Const_1');
      // item 9: the scope string itself as a name is used verbatim.
      assert.equal(tf.constant(1, { name: scope }).op.name, 'bar');
    });
    g.nameScope('baz', (scope) => {
      g.nameScope('quux', () => assert.equal(tf.constant(1).op.name, 'baz/quux/Const'));
      // Re-entering the enclosing scope by its string pushes nothing new.
      g.nameScope(scope, () => {
        assert.equal(tf.constant(1).op.name, 'baz/Const');
        assert.equal(tf.constant(1, { name: scope }).op.name, 'baz');
        assert.equal(tf.constant(1, { name: 'trailing/' }).op.name, 'trailing');
      });
    });
    g.nameScope('bar', () => assert.equal(tf.constant(1).op.name, 'bar_1/Const'));
    g.nameScope('bar/', (s) => {
      assert.equal(s, 'bar/');
      assert.equal(tf.constant(1).op.name, 'bar/Const_2');
    });
  });
});

test('item 8: a reused scope name is uniquified: inner, inner_1', () => {
  const g = new tf.Graph();
  g.nameScope('outer', () => {
    assert.equal(g.nameScope('inner', (s) => s), 'outer/inner/');
    assert.equal(g.nameScope('inner', (s) => s), 'outer/inner_1/');
  });
  assert.equal(g.nameScope('outer', (s) => s), 'outer_1/');
});

test('item 8: names ending in "/" are absolute and may contain empty components', () => {
  const g = new tf.Graph();
  g.nameScope('foo/', (outer) => {
    assert.equal(outer, 'foo/');
    g.nameScope('', (s) => assert.equal(s, ''));
    g.nameScope('foo4', (s) => assert.equal(s, 'foo/foo4/'));
    g.nameScope('foo5//', (foo5) => {
      assert.equal(foo5, 'foo5//');
      g.nameScope('foo6', (s) => assert.equal(s, 'foo5//foo6/'));
    });
    g.nameScope('/', (s) => assert.equal(s, '/'));
    g.nameScope('//', (s) => assert.equal(s, '//'));
    g.nameScope('a//b/c', (s) => assert.equal(s, 'foo/a//b/c/'));
  });
  g.nameScope('a//b/c', (s) => assert.equal(s, 'a//b/c/'));
});

test('item 8: tf.nameScope works on the default graph, callback and using forms', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const c = tf.nameScope('outer', (scope) => {
      assert.equal(scope, 'outer/');
      return tf.nameScope('inner', () => tf.constant(1));
    });
    assert.equal(c.op.name, 'outer/inner/Const');
    {
      using s = tf.nameScope('outer');
      assert.equal(s.value, 'outer_1/');
      assert.equal(g.getNameScope(), 'outer_1');
      {
        using t = g.nameScope('inner');
        assert.equal(t.value, 'outer_1/inner/');
        assert.equal(tf.constant(2, { name: 'k' }).op.name, 'outer_1/inner/k');
      }
      assert.equal(g.getNameScope(), 'outer_1');
    }
    assert.equal(g.getNameScope(), '');
    const s2 = g.nameScope('x');
    assert.equal(g.getNameScope(), 'x');
    s2.exit();
    assert.equal(g.getNameScope(), '');
  });
});

test('item 8: the callback form restores the name scope when fn throws', () => {
  const g = new tf.Graph();
  assert.throws(
    () =>
      g.nameScope('a', () => {
        throw new Error('boom');
      }),
    { message: 'boom' },
  );
  assert.equal(g.getNameScope(), '');
  assert.equal(g.nameScope('a', (s) => s), 'a_1/');
});

test('item 9: an op name ending in "/" is used verbatim (not uniquified)', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    const scope = g.nameScope('bar', (s) => s);
    assert.equal(tf.constant(1, { name: scope }).op.name, 'bar');
    assert.equal(tf.constant(1, { name: 'trailing/' }).op.name, 'trailing');
    assert.equal(tf.constant(1, { name: 'a/b/' }).op.name, 'a/b');
  });
});

test('item 9: a verbatim name that collides with an existing op is refused', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    tf.constant(1, { name: 'trailing/' });
    // 'trailing' was used verbatim, never reserved: uniqueName hands it out again, and the op fails.
    throwsExact(() => tf.constant(1, { name: 'trailing' }), tf.ValueError, "Duplicate node name in graph: 'trailing'");
    throwsExact(() => tf.constant(1, { name: 'trailing/' }), tf.ValueError, "Duplicate node name in graph: 'trailing'");
  });
});
