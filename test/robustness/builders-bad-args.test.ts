// Builders given arguments of the wrong kind: every one must fail with a clear tensorgraph error
// (TensorFlow's class where it defines one), never an engine error and never a silent success.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '../../src/v1.js';
import { expectThrows, opNames } from './helpers.js';

const inGraph = (fn: (g: tf.Graph) => void) => {
  const g = new tf.Graph();
  g.asDefault(() => fn(g));
};

test('non-tensor JS values where tensors are expected are refused with a TypeError/ValueError naming the value', () => {
  inGraph((g) => {
    expectThrows(() => tf.add(null as never, 1), tf.ValueError, /None values not supported/);
    expectThrows(() => tf.add(undefined as never, 1), tf.ValueError, /None values not supported/);
    expectThrows(() => tf.add((() => 1) as never, 1), TypeError, /function/);
    expectThrows(() => tf.add(Symbol('s') as never, 1), TypeError, /symbol/);
    expectThrows(() => tf.add({ a: 1 } as never, 1), TypeError, /Object/);
    expectThrows(() => tf.add(new Map() as never, 1), TypeError, /Map/);
    expectThrows(() => tf.add(Promise.resolve(1) as never, 1), TypeError, /Promise/);
    expectThrows(() => tf.constant([Symbol('q')] as never), TypeError, /symbol/);
    expectThrows(() => tf.constant([1, 'a'] as never), TypeError, /mixed types/);
    assert.deepEqual(opNames(g), [], 'no failed builder may leave an op behind');
  });
});

test('an element without a prototype is refused with a tensorgraph TypeError, not "Cannot convert object to primitive value"', () => {
  inGraph(() => {
    expectThrows(() => tf.constant([Object.create(null)] as never), TypeError, /Cannot convert .* to a tensor/);
  });
});

test('NaN and Infinity are valid float values, and refused for integer dtypes', () => {
  inGraph(() => {
    const s = new tf.Session();
    const r = s.run(tf.add(tf.constant([Number.NaN, Number.POSITIVE_INFINITY]), 1));
    assert.ok(Number.isNaN(r.data[0]));
    assert.equal(r.data[1], Number.POSITIVE_INFINITY);
    expectThrows(() => tf.constant(Number.NaN, 'int32'), TypeError, "Expected int32, but got NaN of type 'number'.");
    expectThrows(() => tf.constant(Number.POSITIVE_INFINITY, 'int64'), TypeError, /Expected int64, but got Infinity/);
  });
});

test('dtype strings: TensorFlow aliases are accepted, unsupported or garbage names give a TypeError listing the dtypes', () => {
  inGraph(() => {
    assert.equal(tf.placeholder('float').dtype, 'float32');
    assert.equal(tf.placeholder('double').dtype, 'float64');
    assert.equal(tf.placeholder('int').dtype, 'int32');
    assert.equal(tf.placeholder('tf.int64').dtype, 'int64');
    assert.equal(tf.placeholder('half').dtype, 'float16');
    expectThrows(() => tf.placeholder('bfloat16' as never), TypeError, /Cannot convert 'bfloat16' to a dtype\. Expected one of: float16, float32/);
    expectThrows(() => tf.placeholder('garbage' as never), TypeError, /Cannot convert 'garbage' to a dtype/);
    expectThrows(() => tf.placeholder(null as never), TypeError, /to a dtype/);
    expectThrows(() => tf.placeholder(Symbol('d') as never), TypeError, /to a dtype/);
    expectThrows(() => tf.cast(tf.constant(1), 'complex128' as never), TypeError, /to a dtype/);
    expectThrows(() => tf.zeros([2], 'complex64' as never), TypeError, /to a dtype/);
  });
});

test('integer range: uint8, int32 and int64 refuse values that do not fit (no wrap-around)', () => {
  inGraph((g) => {
    expectThrows(() => tf.constant(256, 'uint8'), TypeError, "Expected uint8, but got 256 of type 'number'.");
    expectThrows(() => tf.constant(-1, 'uint8'), TypeError, "Expected uint8, but got -1 of type 'number'.");
    expectThrows(() => tf.constant(2 ** 31, 'int32'), TypeError, "Expected int32, but got 2147483648 of type 'number'.");
    expectThrows(() => tf.constant(2n ** 63n), TypeError, "Expected int64, but got 9223372036854775808 of type 'bigint'.");
    expectThrows(() => tf.constant(-(2n ** 63n) - 1n), TypeError, /Expected int64, but got -9223372036854775809/);
    expectThrows(() => tf.constant(2 ** 53 + 2, 'int64'), TypeError, /Expected int64/);
    assert.deepEqual(opNames(g), []);
    const s = new tf.Session();
    const ext = s.run(tf.constant([-(2n ** 63n), 2n ** 63n - 1n]));
    assert.deepEqual(ext.toArray(), [-(2n ** 63n), 2n ** 63n - 1n]);
  });
});

test('ragged nested arrays are refused with TensorFlow\'s dense-tensor ValueError', () => {
  inGraph(() => {
    expectThrows(() => tf.constant([[1, 2], [3]]), tf.ValueError, 'Argument must be a dense tensor: [[1, 2], [3]] - got shape [2], but wanted [2, 2].');
    expectThrows(() => tf.constant([[1], 2] as never), tf.ValueError, /Argument must be a dense tensor/);
  });
});

test('placeholder: negative dims are a ValueError naming the dim (TensorFlow: "Dimension -2 must be >= 0")', () => {
  inGraph((g) => {
    expectThrows(() => tf.placeholder('float32', [-2]), tf.ValueError, /-2/);
    expectThrows(() => tf.placeholder('float32', [3, Number.NaN]), tf.ValueError, /NaN/);
    expectThrows(() => tf.placeholder('float32', [Number.POSITIVE_INFINITY]), tf.ValueError, /Infinity/);
    assert.deepEqual(opNames(g), []);
  });
});

test('placeholder: a non-integer dim is a TypeError, as TensorFlow\'s Dimension raises (tensor_shape.py)', () => {
  inGraph(() => {
    // TF: TypeError "Dimension value must be integer or None or have an __index__ method, got value '1.5' ..."
    expectThrows(() => tf.placeholder('float32', [1.5]), TypeError, /1\.5/);
  });
});

test('placeholder: a shape that is not a list (a name passed in the shape slot, a number) gives an error about the shape', () => {
  inGraph((g) => {
    // Positional misuse: tf.placeholder('float32', 'x') — the name given where the shape goes.
    expectThrows(() => tf.placeholder('float32', 'x' as never), TypeError, /shape/i);
    expectThrows(() => tf.placeholder('float32', 5 as never), TypeError, /shape/i);
    expectThrows(() => tf.placeholderWithDefault(tf.constant(1), 'x' as never), TypeError, /shape/i);
    assert.equal(g.getOperations().filter((o) => o.type === 'Placeholder').length, 0);
  });
});

test('Tensor.setShape with a non-list gives an error about the shape, and leaves the shape unchanged', () => {
  inGraph(() => {
    const c = tf.constant([1, 2]);
    expectThrows(() => c.setShape('ab' as never), TypeError, /shape/i);
    expectThrows(() => c.setShape(7 as never), TypeError, /shape/i);
    expectThrows(() => c.setShape([3]), tf.ValueError, 'Shapes (2,) and (3,) are not compatible');
    assert.equal(c.shape.toString(), '(2,)');
  });
});

test('constant(value, {shape}) with a negative, fractional, NaN or non-list shape is a ValueError/TypeError, not a RangeError', () => {
  inGraph((g) => {
    expectThrows(() => tf.constant(1, { shape: [-2] }), tf.ValueError, /-2/);
    expectThrows(() => tf.constant(1, { shape: [2, -1] }), tf.ValueError, /-1/);
    expectThrows(() => tf.constant(1, { shape: [1.5] }), TypeError, /1\.5/);
    expectThrows(() => tf.constant(1, { shape: [Number.NaN] }), tf.ValueError, /NaN/);
    expectThrows(() => tf.constant(1, { shape: 'abc' as never }), TypeError, /shape/i);
    assert.deepEqual(opNames(g), []);
  });
});

test('zeros/ones/fill validate dims before building', () => {
  inGraph((g) => {
    expectThrows(() => tf.zeros([-1]), TypeError, /non-negative integers, got \[-1\]/);
    expectThrows(() => tf.ones([1.5]), TypeError, /non-negative integers/);
    expectThrows(() => tf.zeros([Number.NaN]), TypeError, /non-negative integers/);
    expectThrows(() => tf.fill([-1], 0), tf.ValueError, /Fill dimensions must be >= 0/);
    expectThrows(() => tf.fill([Number.NaN], 0), TypeError, /DataType float32 not in list of allowed values: int32, int64/);
    expectThrows(() => tf.reshape(tf.constant([1, 2]), [1.5]), TypeError, /DataType float32 not in list of allowed values/);
    assert.deepEqual(opNames(g), ['Const']);
  });
});

test('int attrs refuse non-integers: stack(axis=1.5) is a TypeError, as TensorFlow\'s "Expected int for argument \'axis\'"', () => {
  inGraph((g) => {
    const a = tf.constant([1, 2]);
    const b = tf.constant([3, 4]);
    const before = opNames(g);
    // Today both build and run, silently using axis 1 (1.5 truncated by Array.splice) and axis 0 ('x').
    expectThrows(() => tf.stack([a, b], 1.5), TypeError, /axis/);
    expectThrows(() => tf.stack([a, b], 'x' as never), TypeError, /axis/);
    assert.deepEqual(opNames(g), before);
  });
});

test('squeeze(axis=0.5) is refused at build time, not built with a wrong static shape that fails at run time', () => {
  inGraph(() => {
    const x = tf.constant([[1, 2]]);
    // Today: static shape (1, 2) (nothing squeezed), then run: "Can not squeeze dim[0.5], ... got undefined".
    expectThrows(() => tf.squeeze(x, 0.5), TypeError, /axis|squeeze_dims/);
    expectThrows(() => tf.squeeze(x, 'a' as never), TypeError, /axis|squeeze_dims/);
  });
});

test('Print(firstN) refuses a non-integer instead of silently never printing', () => {
  inGraph(() => {
    const x = tf.constant([1, 2]);
    expectThrows(() => tf.Print(x, [x], 'msg', 'three' as never), TypeError, /first_n|firstN/);
  });
});

test('range(0, NaN) and range(0, Infinity) fail at build time naming the Range node', () => {
  inGraph((g) => {
    // TF: "Requires start <= limit when delta > 0: 0/nan" from the Range shape function.
    expectThrows(() => tf.range(0, Number.NaN), tf.ValueError, /Requires start <= limit.*\{\{node range\}\}/s);
    expectThrows(() => tf.range(0, Number.POSITIVE_INFINITY), tf.ValueError, /\{\{node range(_\d+)?\}\}/);
    assert.deepEqual(opNames(g), []);
  });
});

test('name arguments: non-strings and invalid names are refused and leave no op', () => {
  inGraph((g) => {
    expectThrows(() => tf.constant(1, { name: 5 as never }), TypeError, 'name must be a string, got number');
    expectThrows(() => tf.constant(1, { name: 'a b' }), tf.ValueError, /'a b' is not a valid/);
    expectThrows(() => tf.constant(1, 'float32', null, 'a:0'), tf.ValueError, /'a:0' is not a valid/);
    expectThrows(() => tf.constant(1, { bogus: true } as never), TypeError, /unexpected keyword argument 'bogus'/);
    assert.deepEqual(opNames(g), []);
  });
});

test('scope helpers given a non-string / non-list argument give a clear error, not an engine TypeError', () => {
  const g = new tf.Graph();
  expectThrows(() => g.nameScope(5 as never, () => 1), TypeError, /scope|name/i);
  expectThrows(() => g.controlDependencies(5 as never, () => 1), TypeError, /control/i);
  expectThrows(() => g.asDefault(5 as never), TypeError, /function|callback/i);
  assert.notEqual(tf.getDefaultGraph(), g, 'a failed asDefault must not leave the graph pushed');
});

test('a ragged array of 100000 rows gives a short dense-tensor message, not the whole value', () => {
  inGraph(() => {
    const rows: number[][] = new Array(100_000).fill([1]);
    rows.push([1, 2]);
    const e = expectThrows(() => tf.constant(rows), tf.ValueError, /^Argument must be a dense tensor: /);
    assert.ok(e.message.length < 10_000, `message is ${e.message.length} characters long`);
  });
});
