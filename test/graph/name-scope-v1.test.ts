// tf.nameScope(name, defaultName, values) in TF1's form (tf.compat.v1.name_scope): which name is
// used, which graph becomes the default, and TensorFlow's errors for misuse, checked against
// TensorFlow 2.21 in graph mode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';

/** Enters the scope with the callback form and returns the scope string. */
const enter = (...args: unknown[]): string => (tf.nameScope as (...a: unknown[]) => string)(...args, (s: string) => s);

function inGraph<R>(fn: (g: tf.Graph) => R): R {
  const g = new tf.Graph();
  return g.asDefault(() => fn(g));
}

describe('tf.nameScope(name, defaultName, values): names', () => {
  test('defaultName is used only when name is null; it is uniquified like any scope', () => {
    inGraph(() => {
      assert.equal(enter(null, 'dflt'), 'dflt/');
      assert.equal(enter(null, 'dflt'), 'dflt_1/');
      assert.equal(enter('nm', 'dflt'), 'nm/');
      assert.equal(enter(undefined, 'dflt', []), 'dflt_2/');
      assert.equal(enter(null, 'dflt', [1, 'a']), 'dflt_3/');
    });
  });

  test("an empty name resets to the root even with a default; both missing without values resets too", () => {
    inGraph(() => {
      tf.nameScope('outer', () => {
        assert.equal(enter('', 'dflt'), '');
        assert.equal(enter(null, null), '');
        assert.equal(enter(null), '');
      });
    });
  });

  test('defaultName and values may come in a trailing options object', () => {
    inGraph(() => {
      const x = tf.constant(1, { name: 'x' });
      assert.equal(enter(null, { defaultName: 'opt', values: [x] }), 'opt/');
      throwsExact(() => enter(null, { defaultNme: 'opt' }), TypeError, /^nameScope\(\) got an unexpected keyword argument 'defaultNme'/);
    });
  });

  test('ops and strings among values are fine (only tensors and variables choose the graph)', () => {
    inGraph(() => {
      const op = tf.noOp({ name: 'nop' });
      assert.equal(enter('b', null, [op, 'str', null]), 'b/');
      // A string is iterable, as in Python: its characters hold no tensors.
      assert.equal(enter('a', null, 'str'), 'a/');
    });
  });
});

describe("tf.nameScope(name, defaultName, values): the values' graph", () => {
  test('becomes the default graph inside the scope (callback and using forms), and is restored after', () => {
    const g2 = new tf.Graph();
    const y = g2.asDefault(() => tf.constant(1, { name: 'y' }));
    inGraph((g) => {
      const [scope, z] = tf.nameScope('c', null, [y], (s) => [s, tf.constant(2, { name: 'z' })] as const);
      assert.equal(scope, 'c/');
      assert.equal(z.graph, g2);
      assert.equal(z.name, 'c/z:0');
      assert.equal(tf.getDefaultGraph(), g);
      {
        using s = tf.nameScope(null, 'u', [y]);
        assert.equal(s.value, 'u/');
        assert.equal(tf.getDefaultGraph(), g2);
      }
      assert.equal(tf.getDefaultGraph(), g);
    });
  });

  test('values from two graphs: the same-graph ValueError', () => {
    const y = new tf.Graph().asDefault(() => tf.constant(1, { name: 'y' }));
    inGraph(() => {
      const x = tf.constant(1, { name: 'x' });
      throwsExact(() => enter('d', null, [x, y]), tf.ValueError, /^Tensor\("y:0", shape=\(\), dtype=float32\) must be from the same graph as Tensor\("x:0", shape=\(\), dtype=float32\) \(graphs are /);
    });
  });
});

describe('tf.nameScope(name, defaultName, values): misuse', () => {
  test('name and defaultName both missing with values given: ValueError', () => {
    inGraph(() => {
      const x = tf.constant(1, { name: 'x' });
      const msg = 'At least one of name (None) and default_name (None) must be provided.';
      throwsExact(() => enter(null, null, [x]), tf.ValueError, msg);
      throwsExact(() => enter(null, null, []), tf.ValueError, msg);
      // Checked before values are looked at.
      throwsExact(() => enter(null, null, 5), tf.ValueError, msg);
    });
  });

  test('defaultName that is not a string: TypeError suggesting values', () => {
    inGraph(() => {
      const x = tf.constant(1, { name: 'x' });
      throwsExact(
        () => enter('a', 5),
        TypeError,
        '`default_name` type (number) is not a string type. You likely meant to pass this into the `values` kwarg.',
      );
      throwsExact(
        () => enter('a', [x]),
        TypeError,
        '`default_name` type (Array) is not a string type. You likely meant to pass this into the `values` kwarg.',
      );
    });
  });

  test('values that are not a list: a non-iterable is a TypeError; a tensor is OperatorNotAllowedInGraphError', () => {
    inGraph(() => {
      const x = tf.constant(1, { name: 'x' });
      throwsExact(() => enter('a', null, 5), TypeError, "'number' object is not iterable");
      const e = throwsExact(
        () => enter('a', null, x),
        tf.errors.OperatorNotAllowedInGraphError,
        'Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. (tf.nameScope takes `values` as an array: pass [t], not t.)',
      );
      assert.ok(e instanceof TypeError);
    });
  });

  test('a name that is not a string: TypeError; invalid names: the scope-name ValueError', () => {
    inGraph(() => {
      throwsExact(() => enter(5), TypeError, "expected string or bytes-like object, got 'number'");
      throwsExact(() => enter(5, 'd'), TypeError, "expected string or bytes-like object, got 'number'");
      const pattern = "A root scope name has to match the following pattern: ^[A-Za-z0-9.][A-Za-z0-9_.\\\\/>-]*$";
      throwsExact(() => enter('bad name!'), tf.ValueError, `'bad name!' is not a valid root scope name. ${pattern}`);
      throwsExact(() => enter(null, 'bad name!'), tf.ValueError, `'bad name!' is not a valid root scope name. ${pattern}`);
      throwsExact(() => enter('x:0', null, []), tf.ValueError, `'x:0' is not a valid root scope name. ${pattern}`);
    });
  });
});
