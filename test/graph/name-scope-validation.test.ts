// Spec items 10 (scope-name validation) and 11 (the v1 tf.nameScope(name, defaultName, values)).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { throwsExact } from './helpers.js';

// TensorFlow's patterns as printed by its messages (ops.py: r"^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$").
const TF_OP_NAME_PATTERN = String.raw`^[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*$`;
const TF_SCOPE_NAME_PATTERN = String.raw`^[A-Za-z0-9_.\\/>-]*$`;

const rootMessage = (name: string) => new RegExp(`^'${escapeRe(name)}' is not a valid root scope name\\. A root scope name has to match the following pattern: `);
const nestedMessage = (name: string) => new RegExp(`^'${escapeRe(name)}' is not a valid scope name\\. A scope name has to match the following pattern: `);
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('item 10: valid scope names do not raise (testInvalidNameRaisesError)', () => {
  const g = new tf.Graph();
  assert.equal(g.nameScope('', (s) => s), '');
  g.nameScope('foo/', () => {
    // Nested scopes may begin with '_', '-' or '/'.
    assert.equal(g.nameScope('_bar', (s) => s), 'foo/_bar/');
    assert.equal(g.nameScope('-dash', (s) => s), 'foo/-dash/');
  });
  assert.equal(g.nameScope('.dot', (s) => s), '.dot/');
  assert.equal(g.nameScope('0digit', (s) => s), '0digit/');
  assert.equal(g.nameScope('a-b.c_d>e', (s) => s), 'a-b.c_d>e/');
});

test('item 10: an invalid root scope name raises ValueError (root message)', () => {
  const g = new tf.Graph();
  throwsExact(() => g.nameScope('foo:0', () => undefined), tf.ValueError, rootMessage('foo:0'));
  throwsExact(() => g.nameScope('_bar', () => undefined), tf.ValueError, rootMessage('_bar'));
  throwsExact(() => g.nameScope('-bar'), tf.ValueError, rootMessage('-bar'));
  throwsExact(() => g.nameScope('has space'), tf.ValueError, rootMessage('has space'));
  // Nothing was entered.
  assert.equal(g.getNameScope(), '');
});

test('item 10: an invalid nested scope name raises ValueError (nested message)', () => {
  const g = new tf.Graph();
  g.nameScope('foo', () => {
    throwsExact(() => g.nameScope('a:b', () => undefined), tf.ValueError, nestedMessage('a:b'));
    throwsExact(() => g.nameScope('x y'), tf.ValueError, nestedMessage('x y'));
    assert.equal(g.getNameScope(), 'foo');
  });
});

test('item 10: tf.nameScope validates too', () => {
  new tf.Graph().asDefault(() => {
    throwsExact(() => tf.nameScope('foo:0', () => undefined), tf.ValueError, rootMessage('foo:0'));
  });
});

test('item 10: the messages quote TensorFlow’s regex patterns verbatim', () => {
  const g = new tf.Graph();
  throwsExact(
    () => g.nameScope('foo:0'),
    tf.ValueError,
    `'foo:0' is not a valid root scope name. A root scope name has to match the following pattern: ${TF_OP_NAME_PATTERN}`,
  );
  g.nameScope('foo', () => {
    throwsExact(
      () => g.nameScope('a:b'),
      tf.ValueError,
      `'a:b' is not a valid scope name. A scope name has to match the following pattern: ${TF_SCOPE_NAME_PATTERN}`,
    );
  });
});

test('item 10: TensorFlow’s pattern admits a backslash after the first character', () => {
  const g = new tf.Graph();
  assert.equal(g.nameScope('a\\b', (s) => s), 'a\\b/');
});

// ---- item 11: tf.nameScope(name, defaultName, values, fn) -----------------------------------

function twoTensors(): { g0: tf.Graph; a: tf.Tensor; b: tf.Tensor } {
  const g0 = new tf.Graph();
  const [a, b] = g0.asDefault(() => [tf.constant(1, { name: 'A' }), tf.constant(2, { name: 'B' })]);
  return { g0, a: a as tf.Tensor, b: b as tf.Tensor };
}

test('item 11: defaultName is used when name is null (testDefaultScopeName)', () => {
  const { g0, a, b } = twoTensors();
  const other = new tf.Graph();
  other.asDefault(() => {
    tf.nameScope('my_scope', 'my_default_scope', [a, b], (scope) => {
      assert.equal(scope, 'my_scope/');
      assert.equal(tf.getDefaultGraph(), g0);
    });
    tf.nameScope(null, 'my_default_scope', [a, b], (scope) => {
      assert.equal(scope, 'my_default_scope/');
      assert.equal(tf.getDefaultGraph(), g0);
    });
    assert.equal(tf.getDefaultGraph(), other);
  });
});

test('item 11: defaultName without values, and its uniquification', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    assert.equal(tf.nameScope(null, 'default', (s) => s), 'default/');
    assert.equal(tf.nameScope(null, 'default', (s) => s), 'default_1/');
    tf.nameScope(null, 'default', (s) => {
      assert.equal(s, 'default_2/');
      assert.equal(tf.nameScope(null, 'default2', (s2) => s2), 'default_2/default2/');
    });
  });
});

test('item 11: name "" is used even when defaultName is given: it resets to the root (testEmptyScopeName)', () => {
  const { g0, a, b } = twoTensors();
  new tf.Graph().asDefault(() => {
    tf.nameScope('outer', () => {
      tf.nameScope('', null, [a, b], (scope) => {
        assert.equal(scope, '');
        assert.equal(tf.getDefaultGraph(), g0);
      });
      tf.nameScope('', 'my_default_scope', [a, b], (scope) => {
        assert.equal(scope, '');
        assert.equal(tf.getDefaultGraph(), g0);
      });
      tf.nameScope('', 'my_default_scope', (scope) => assert.equal(scope, ''));
    });
  });
});

test('item 11: name and defaultName both null with values raises ValueError (testNoScopeName)', () => {
  const { a, b } = twoTensors();
  new tf.Graph().asDefault(() => {
    throwsExact(
      () => tf.nameScope(null, null, [a, b], () => undefined),
      tf.ValueError,
      'At least one of name (None) and default_name (None) must be provided.',
    );
    throwsExact(() => tf.nameScope(null, null, [a, b]), tf.ValueError, 'At least one of name (None) and default_name (None) must be provided.');
  });
});

test('item 11: nameScope(null) without values is the reset-to-root idiom, not an error', () => {
  const g = new tf.Graph();
  g.asDefault(() => {
    tf.nameScope('outer', () => {
      assert.equal(tf.nameScope(null, (s) => s), '');
      assert.equal(tf.nameScope(null, null, (s) => s), '');
      assert.equal(tf.nameScope(null, null, null, (s) => s), '');
    });
  });
});

test('item 11: values from two graphs raise ValueError naming both tensors and graphs', () => {
  const { g0, a, b } = twoTensors();
  const g1 = new tf.Graph();
  const c = g1.asDefault(() => tf.constant(3, { name: 'A' }));
  new tf.Graph().asDefault(() => {
    throwsExact(
      () => tf.nameScope('my_scope', null, [a, b, c], () => undefined),
      tf.ValueError,
      `${c} must be from the same graph as ${a} (graphs are ${g1} and ${g0}).`,
    );
  });
});

test('item 11: a Variable among the values selects its graph (OpScopeTest.testVariable)', () => {
  const g0 = new tf.Graph();
  const v = g0.asDefault(() => new tf.Variable([1.0]));
  new tf.Graph().asDefault(() => {
    tf.nameScope('my_scope', null, [v], (scope) => {
      assert.equal(scope, 'my_scope/');
      assert.equal(tf.getDefaultGraph(), g0);
    });
  });
});

test('item 11: using form enters the values’ graph and leaves it on dispose', () => {
  const { g0, a } = twoTensors();
  const other = new tf.Graph();
  other.asDefault(() => {
    {
      using s = tf.nameScope('scoped', null, [a]);
      assert.equal(s.value, 'scoped/');
      assert.equal(tf.getDefaultGraph(), g0);
      assert.equal(tf.constant(1).op.name, 'scoped/Const');
    }
    assert.equal(tf.getDefaultGraph(), other);
    assert.equal(g0.getNameScope(), '');
  });
});
