// tf.variableScope / tf.getVariable (TF1 variable_scope.py); expected names and messages from TF 2.21.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tf from '../../src/v1.js';
import { build, expectArray, expectOpError, expectTypeError, expectValueError, expectValueErrorPrefix, opNames } from '../ops/helpers.js';

const zerosInit = (shape: number[], dtype: tf.DType) => tf.zeros(shape, dtype);

describe('variableScope / getVariable', () => {
  test('names: the variable under the scope, ops under the name scope opened beside it', () => {
    const { g, out } = build(() =>
      tf.variableScope('dense', (sc) => {
        const v = tf.getVariable('kernel', [2, 3], { initializer: zerosInit });
        const x = tf.matmul(tf.ones([1, 2]), v);
        return { v, x, sc };
      }),
    );
    assert.equal(out.v.name, 'dense/kernel:0');
    assert.equal(out.x.name, 'dense/MatMul:0');
    assert.equal(out.sc.name, 'dense');
    assert.equal(out.sc.originalNameScope, 'dense/');
    assert.equal(out.sc.reuse, false);
    assert.deepEqual(opNames(g).slice(0, 4), ['dense/kernel/Initializer/zeros', 'dense/kernel', 'dense/kernel/Assign', 'dense/kernel/read']);
    assert.ok(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES).includes(out.v));
  });

  test('reuse: false raises, true returns the same variable, inherited by sub-scopes; re-entered names are uniquified', () => {
    build(() => {
      const v = tf.variableScope('dense', () => tf.getVariable('kernel', [2, 3], { initializer: zerosInit }));
      tf.variableScope('dense', () => {
        expectValueErrorPrefix(
          () => tf.getVariable('kernel', [2, 3], { initializer: zerosInit }),
          'Variable dense/kernel already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:\n\n',
        );
        assert.equal(tf.ones([1], 'float32', 'y').name, 'dense_1/y:0');
      });
      tf.variableScope('dense', { reuse: true }, () => {
        assert.equal(tf.getVariable('kernel'), v);
        expectValueError(
          () => tf.getVariable('bias', [3]),
          'Variable dense/bias does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?',
        );
        expectValueError(() => tf.getVariable('kernel', [3, 3]), 'Trying to share variable dense/kernel, but specified shape (3, 3) and found shape (2, 3).');
        expectValueError(
          () => tf.getVariable('kernel', [2, 3], 'int32'),
          'Trying to share variable dense/kernel, but specified dtype int32 and found dtype float32_ref.',
        );
        tf.variableScope('inner', (s2) => assert.equal(s2.reuse, true));
      });
    });
  });

  test('a scope object passed back in: same variable scope, a new name scope from its last component', () => {
    build(() => {
      const sc = tf.variableScope('dense', (s) => s);
      tf.variableScope('dense', () => undefined);
      tf.variableScope(sc, (s) => {
        assert.equal(tf.ones([1], 'float32', 'z').name, 'dense_2/z:0');
        assert.equal(s.name, 'dense');
        assert.equal(tf.getVariableScope().originalNameScope, 'dense/');
        assert.equal(tf.getVariable('k', [1], { initializer: zerosInit }).name, 'dense/k:0');
      });
    });
  });

  test('defaultName is uniquified; reuseVariables(); AUTO_REUSE; the using form', () => {
    build(() => {
      tf.variableScope(null, 'layer', (a) => assert.deepEqual([a.name, a.originalNameScope], ['layer', 'layer/']));
      tf.variableScope(null, 'layer', (a) => assert.deepEqual([a.name, a.originalNameScope], ['layer_1', 'layer_1/']));
      tf.variableScope('q', { reuse: tf.AUTO_REUSE }, () => {
        const p1 = tf.getVariable('p', { initializer: tf.constant([1, 2]) });
        const p2 = tf.getVariable('p', { initializer: tf.constant([1, 2]) });
        assert.equal(p1, p2);
        assert.equal(p1.name, 'q/p:0');
      });
      {
        using s = tf.variableScope('u');
        const a = tf.getVariable('a', [], { initializer: zerosInit });
        s.value.reuseVariables();
        assert.equal(tf.getVariable('a'), a);
        assert.equal(a.name, 'u/a:0');
      }
      assert.equal(tf.getVariableScope().name, '');
    });
  });

  test('initializers: a value, an initializer object, a function; ints default to zeros', () => {
    const { g, sess, out } = build(() => {
      const a = tf.getVariable('a', { initializer: tf.constant([1, 2], 'int32') });
      const b = tf.getVariable('b', [2], 'int32');
      const c = tf.getVariable('c', [2, 2], { initializer: { call: (shape: number[], dtype?: tf.DType) => tf.fill(shape, tf.constant(3, dtype)) } });
      const d = tf.getVariable('d', [3], { initializer: (shape: number[], dtype: tf.DType) => tf.ones(shape, dtype) });
      return { a, b, c, d };
    });
    assert.ok(opNames(g).includes('b/Initializer/zeros'));
    sess.run(g.asDefault(() => tf.globalVariablesInitializer()));
    expectArray(sess.run(out.a), 'int32', [2], [1, 2]);
    expectArray(sess.run(out.b), 'int32', [2], [0, 0]);
    expectArray(sess.run(out.c), 'float32', [2, 2], [[3, 3], [3, 3]]);
    expectArray(sess.run(out.d), 'float32', [3], [1, 1, 1]);
  });

  test('the default initializer of floats is glorot_uniform, named as TensorFlow names it', () => {
    const { g, sess, out } = build(() => tf.variableScope('dense', () => tf.getVariable('kernel', [20, 30])));
    assert.deepEqual(opNames(g).slice(0, 8), [
      'dense/kernel/Initializer/random_uniform/shape',
      'dense/kernel/Initializer/random_uniform/min',
      'dense/kernel/Initializer/random_uniform/max',
      'dense/kernel/Initializer/random_uniform/RandomUniform',
      'dense/kernel/Initializer/random_uniform/sub',
      'dense/kernel/Initializer/random_uniform/mul',
      'dense/kernel/Initializer/random_uniform',
      'dense/kernel',
    ]);
    sess.run(out.initializer);
    const limit = Math.sqrt(6 / 50);
    const vals = [...(sess.run(out).data as Float32Array)];
    assert.ok(vals.every((v) => Math.abs(v) <= limit));
    assert.ok(Math.max(...vals) > limit / 2 && Math.min(...vals) < -limit / 2);
  });

  test("TensorFlow's errors", () => {
    build(() => {
      expectValueError(() => tf.getVariable('c', [2], { initializer: tf.constant([1, 2]) }), 'If initializer is a constant, do not specify shape.');
      expectValueError(
        () => tf.getVariable('c2', { initializer: tf.constant([1, 2]), dtype: 'int32' }),
        "Initializer type '<dtype: 'float32'>' and explicit dtype '<dtype: 'int32'>' don't match.",
      );
      expectValueError(() => tf.getVariable('c3'), 'Variable c3 did not get an initializer, so its `shape` argument must be specified.');
      expectTypeError(() => tf.variableScope(null, () => undefined), 'If default_name is None then name_or_scope is required');
      expectValueError(() => tf.variableScope('a', { reuse: 3 as unknown as boolean }, () => undefined), 'The reuse parameter must be True or False or None.');
      expectValueError(() => tf.variableScope(null, 'x', { reuse: true }, () => undefined), 'reuse=True cannot be used without a name_or_scope');
      assert.throws(() => tf.getVariable('pp', [4], { partitioner: () => [2], initializer: zerosInit }), /partitioned variables are not supported/);
      // A failed scope entry leaves the scope stack as it was.
      assert.equal(tf.getVariableScope().name, '');
    });
  });

  test('regularizer: its loss under <name>/Regularizer/, in REGULARIZATION_LOSSES; scope defaults inherited', () => {
    const { g, out } = build(() =>
      tf.variableScope('s', { regularizer: (v: tf.Variable) => tf.reduceSum(v.value(), null, { name: 'l' }), initializer: zerosInit }, () => {
        const r = tf.getVariable('r', [2]);
        const inner = tf.variableScope('t', () => tf.getVariable('w', [1]));
        return { r, inner };
      }),
    );
    const losses = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
    assert.deepEqual(losses.map((t) => t.name), ['s/r/Regularizer/l:0', 's/t/w/Regularizer/l:0']);
    assert.equal(out.inner.name, 's/t/w:0');
  });

  test('custom getter wraps creation', () => {
    build(() => {
      const seen: string[] = [];
      tf.variableScope(
        'cg',
        {
          customGetter: (getter, name, opts) => {
            seen.push(name);
            return getter(name, opts);
          },
        },
        () => tf.getVariable('v', [1], { initializer: zerosInit }),
      );
      assert.deepEqual(seen, ['cg/v']);
    });
  });

  test('initializedValue and countUpTo', () => {
    const { sess, out } = build(() => {
      const v = new tf.Variable(1, { name: 'v', dtype: 'int32' });
      const w = new tf.Variable(tf.multiply(v.initializedValue(), 2), { name: 'w' });
      return { v, w, c: v.countUpTo(3) };
    });
    sess.run(out.w.initializer);
    expectArray(sess.run(out.w), 'int32', [], 2);
    sess.run(out.v.initializer);
    expectArray(sess.run(out.c), 'int32', [], 1);
    expectArray(sess.run(out.c), 'int32', [], 2);
    expectOpError(() => sess.run(out.c), tf.errors.OutOfRangeError, 'CountUpTo', 'Reached limit of 3');
    expectArray(sess.run(out.v), 'int32', [], 3);
    build(() => {
      expectValueErrorPrefix(() => new tf.Variable([1, 2], { dtype: 'int32' }).countUpTo(3), 'Shape must be rank 0 but is rank 1');
      expectTypeError(() => new tf.Variable(1.5).countUpTo(3), /float32 not in list of allowed values: int32, int64/);
    });
  });
});
