// `str(op)` / `print(op)`: an op's NodeDef in protobuf text format, as TensorFlow prints it.
// Expected texts follow TensorFlow's `str(op.node_def)` (protobuf's C++ text printer with Python's
// float printing); the formats of Variable/Assign/read and Initializer ops match real TF1 GraphDef
// dumps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import * as tf from '../../src/v1.js';
import { nodeDefText } from '../../src/graph/node-def-text.js';
import { twoFloatOutputs } from './test-ops.js';

/** Lines of a NodeDef text; `str(op)` ends with a newline. */
const text = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** `attr { key: K value { ...body } }` with the body indented at value level. */
const attr = (key: string, ...body: string[]): string[] => [
  'attr {',
  `  key: "${key}"`,
  '  value {',
  ...body.map((l) => `    ${l}`),
  '  }',
  '}',
];

/** A Const op's text, given its dtype name and the lines of its TensorProto body. */
const constText = (name: string, dt: string, ...tensor: string[]): string =>
  text(`name: "${name}"`, 'op: "Const"', ...attr('dtype', `type: ${dt}`), ...attr('value', 'tensor {', `  dtype: ${dt}`, ...tensor.map((l) => `  ${l}`), '}'));

const inGraph = <T>(fn: () => T): T => new tf.Graph().asDefault(fn);

// ---- Const ------------------------------------------------------------------------------------

test('Const float32 scalar: the TensorFlow example, field by field', () => {
  const c = inGraph(() => tf.constant(13.0));
  assert.equal(
    nodeDefText(c.op),
    [
      'name: "Const"',
      'op: "Const"',
      'attr {',
      '  key: "dtype"',
      '  value {',
      '    type: DT_FLOAT',
      '  }',
      '}',
      'attr {',
      '  key: "value"',
      '  value {',
      '    tensor {',
      '      dtype: DT_FLOAT',
      '      tensor_shape {',
      '      }',
      '      float_val: 13.0',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('Const float32 values print as Python str() of the float widened to a double', () => {
  const cases: [number, string][] = [
    [0.5, '0.5'],
    [-2, '-2.0'],
    [0.1, '0.10000000149011612'],
    [1e-5, '9.999999747378752e-06'],
    [123456789, '123456792.0'],
    [3.4e38, '3.3999999521443642e+38'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
    [-0, '-0.0'],
  ];
  inGraph(() => {
    for (const [v, want] of cases) {
      const op = tf.constant(v).op;
      assert.equal(nodeDefText(op), constText(op.name, 'DT_FLOAT', 'tensor_shape {', '}', `float_val: ${want}`), String(v));
    }
  });
});

test('Const float64 values print as Python repr(): positional for 1e-4 <= |x| < 1e16, else exponent', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5e-07'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [2 ** 53, '9007199254740992.0'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [123456.789, '123456.789'],
  ];
  inGraph(() => {
    for (const [v, want] of cases) {
      const op = tf.constant(v, tf.float64).op;
      assert.equal(nodeDefText(op), constText(op.name, 'DT_DOUBLE', 'tensor_shape {', '}', `double_val: ${want}`), String(v));
    }
  });
});

test('Const numeric tensors of more than one element use tensor_content (little-endian, C-escaped)', () => {
  inGraph(() => {
    const v = tf.constant([1, 2], tf.float32).op;
    assert.equal(
      nodeDefText(v),
      constText('Const', 'DT_FLOAT', 'tensor_shape {', '  dim {', '    size: 2', '  }', '}', 'tensor_content: "\\000\\000\\200?\\000\\000\\000@"'),
    );
    const m = tf.constant([[1, 2], [3, 4]], tf.int32).op;
    assert.equal(
      nodeDefText(m),
      constText(
        'Const_1',
        'DT_INT32',
        'tensor_shape {',
        '  dim {',
        '    size: 2',
        '  }',
        '  dim {',
        '    size: 2',
        '  }',
        '}',
        'tensor_content: "\\001\\000\\000\\000\\002\\000\\000\\000\\003\\000\\000\\000\\004\\000\\000\\000"',
      ),
    );
    const d = tf.constant([1.5, -2], tf.float64).op;
    assert.equal(
      nodeDefText(d),
      constText('Const_2', 'DT_DOUBLE', 'tensor_shape {', '  dim {', '    size: 2', '  }', '}', 'tensor_content: "\\000\\000\\000\\000\\000\\000\\370?\\000\\000\\000\\000\\000\\000\\000\\300"'),
    );
    const u = tf.constant([0, 9, 10, 39, 34, 92, 65, 127, 200], tf.uint8).op;
    assert.match(nodeDefText(u), /\n {6}tensor_content: "\\000\\t\\n\\'\\"\\\\A\\177\\310"\n/);
  });
});

test('Const with one element (or none) uses the typed repeated field; a 0 dim prints `dim {\\n}`', () => {
  inGraph(() => {
    assert.equal(
      nodeDefText(tf.constant([7], tf.int32).op),
      constText('Const', 'DT_INT32', 'tensor_shape {', '  dim {', '    size: 1', '  }', '}', 'int_val: 7'),
    );
    assert.equal(nodeDefText(tf.constant([], tf.float32).op), constText('Const_1', 'DT_FLOAT', 'tensor_shape {', '  dim {', '  }', '}'));
    assert.equal(nodeDefText(tf.constant(200, tf.uint8).op), constText('Const_2', 'DT_UINT8', 'tensor_shape {', '}', 'int_val: 200'));
  });
});

test('Const int64: int64_val for one element, tensor_content for more', () => {
  inGraph(() => {
    assert.equal(
      nodeDefText(tf.constant(-9223372036854775808n, tf.int64).op),
      constText('Const', 'DT_INT64', 'tensor_shape {', '}', 'int64_val: -9223372036854775808'),
    );
    assert.equal(
      nodeDefText(tf.constant([1n, -1n], tf.int64).op),
      constText(
        'Const_1',
        'DT_INT64',
        'tensor_shape {',
        '  dim {',
        '    size: 2',
        '  }',
        '}',
        'tensor_content: "\\001\\000\\000\\000\\000\\000\\000\\000\\377\\377\\377\\377\\377\\377\\377\\377"',
      ),
    );
  });
});

test('Const bool and string never use tensor_content: one *_val line per element', () => {
  inGraph(() => {
    assert.equal(nodeDefText(tf.constant(true).op), constText('Const', 'DT_BOOL', 'tensor_shape {', '}', 'bool_val: true'));
    assert.equal(
      nodeDefText(tf.constant([true, false]).op),
      constText('Const_1', 'DT_BOOL', 'tensor_shape {', '  dim {', '    size: 2', '  }', '}', 'bool_val: true', 'bool_val: false'),
    );
    assert.equal(nodeDefText(tf.constant('abc').op), constText('Const_2', 'DT_STRING', 'tensor_shape {', '}', 'string_val: "abc"'));
    assert.equal(
      nodeDefText(tf.constant([['a"b', "it's"], ['tab\tnl\n\\', 'é\u0000']]).op),
      constText(
        'Const_3',
        'DT_STRING',
        'tensor_shape {',
        '  dim {',
        '    size: 2',
        '  }',
        '  dim {',
        '    size: 2',
        '  }',
        '}',
        'string_val: "a\\"b"',
        "string_val: \"it\\'s\"",
        'string_val: "tab\\tnl\\n\\\\"',
        'string_val: "\\303\\251\\000"',
      ),
    );
  });
});

// ---- shapes ------------------------------------------------------------------------------------

test('Placeholder shapes: unknown rank, scalar, partial (-1), zero-sized dim', () => {
  const ph = (name: string, dt: string, ...shape: string[]): string =>
    text(`name: "${name}"`, 'op: "Placeholder"', ...attr('dtype', `type: ${dt}`), ...attr('shape', 'shape {', ...shape.map((l) => `  ${l}`), '}'));
  inGraph(() => {
    assert.equal(nodeDefText(tf.placeholder(tf.float32).op), ph('Placeholder', 'DT_FLOAT', 'unknown_rank: true'));
    assert.equal(nodeDefText(tf.placeholder(tf.int64, []).op), ph('Placeholder_1', 'DT_INT64'));
    assert.equal(
      nodeDefText(tf.placeholder(tf.float32, [2, null], 'x').op),
      ph('x', 'DT_FLOAT', 'dim {', '  size: 2', '}', 'dim {', '  size: -1', '}'),
    );
    assert.equal(nodeDefText(tf.placeholder(tf.string, [0]).op), ph('Placeholder_2', 'DT_STRING', 'dim {', '}'));
  });
});

// ---- inputs and attrs ------------------------------------------------------------------------

test('NoOp with control inputs: `^name` inputs and no attrs', () => {
  inGraph(() => {
    const a = tf.constant(1, { name: 'a' });
    const b = tf.constant(2, { name: 'b' });
    const n = tf.controlDependencies([a, b.op], () => tf.noOp({ name: 'updates' }));
    assert.equal(nodeDefText(n), text('name: "updates"', 'op: "NoOp"', 'input: "^a"', 'input: "^b"'));
    const g = tf.group(a, b);
    assert.equal(nodeDefText(g), text('name: "group_deps"', 'op: "NoOp"', 'input: "^a"', 'input: "^b"'));
  });
});

test('MatMul: data inputs, type and bool attrs sorted by key', () => {
  inGraph(() => {
    const a = tf.placeholder(tf.float32, [2, 3], 'a');
    const b = tf.placeholder(tf.float32, [4, 3], 'b');
    const m = tf.matmul(a, b, { transposeB: true });
    assert.equal(
      nodeDefText(m.op),
      text(
        'name: "MatMul"',
        'op: "MatMul"',
        'input: "a"',
        'input: "b"',
        ...attr('T', 'type: DT_FLOAT'),
        ...attr('transpose_a', 'b: false'),
        ...attr('transpose_b', 'b: true'),
      ),
    );
  });
});

test('Sum with keep_dims: the axis Const input, Tidx and keep_dims', () => {
  inGraph(() => {
    const x = tf.placeholder(tf.float32, [2, 3], 'x');
    const s = tf.reduceSum(x, 1, true);
    assert.equal(
      nodeDefText(s.op),
      text(
        'name: "Sum"',
        'op: "Sum"',
        'input: "x"',
        'input: "Sum/reduction_indices"',
        ...attr('T', 'type: DT_FLOAT'),
        ...attr('Tidx', 'type: DT_INT32'),
        ...attr('keep_dims', 'b: true'),
      ),
    );
  });
});

test('Pack: N and axis (int attrs), a repeated input', () => {
  inGraph(() => {
    const x = tf.placeholder(tf.float32, [2], 'x');
    const p = tf.stack([x, x, x], 1);
    assert.equal(
      nodeDefText(p.op),
      text(
        'name: "stack"',
        'op: "Pack"',
        'input: "x"',
        'input: "x"',
        'input: "x"',
        ...attr('N', 'i: 3'),
        ...attr('T', 'type: DT_FLOAT'),
        ...attr('axis', 'i: 1'),
      ),
    );
  });
});

test('Squeeze: an empty list attr prints `list {\\n}`; a list(int) one entry per line', () => {
  inGraph(() => {
    const x = tf.placeholder(tf.float32, [1, 2, 1], 'x');
    assert.equal(
      nodeDefText(tf.squeeze(x).op),
      text('name: "Squeeze"', 'op: "Squeeze"', 'input: "x"', ...attr('T', 'type: DT_FLOAT'), ...attr('squeeze_dims', 'list {', '}')),
    );
    assert.equal(
      nodeDefText(tf.squeeze(x, [0, 2]).op),
      text('name: "Squeeze_1"', 'op: "Squeeze"', 'input: "x"', ...attr('T', 'type: DT_FLOAT'), ...attr('squeeze_dims', 'list {', '  i: 0', '  i: 2', '}')),
    );
  });
});

test('Inputs: output 0 is written `op`, output k `op:k`; an op with no attrs prints none', () => {
  inGraph(() => {
    const two = twoFloatOutputs('two');
    const y = tf.add(two.outputs[0] as tf.Tensor, two.outputs[1] as tf.Tensor, { name: 'y' });
    assert.equal(nodeDefText(y.op), text('name: "y"', 'op: "AddV2"', 'input: "two"', 'input: "two:1"', ...attr('T', 'type: DT_FLOAT')));
    assert.equal(nodeDefText(two), text('name: "two"', 'op: "TwoFloatOutputs"'));
  });
});

test('Print: list(type), string and negative int attrs', () => {
  inGraph(() => {
    const x = tf.placeholder(tf.float32, [2], 'x');
    const p = tf.Print(x, [x, tf.constant(1, tf.int32, { name: 'k' })], 'x = ');
    assert.equal(
      nodeDefText(p.op),
      text(
        'name: "Print"',
        'op: "Print"',
        'input: "x"',
        'input: "x"',
        'input: "k"',
        ...attr('T', 'type: DT_FLOAT'),
        ...attr('U', 'list {', '  type: DT_FLOAT', '  type: DT_INT32', '}'),
        ...attr('first_n', 'i: -1'),
        ...attr('message', 's: "x = "'),
        ...attr('summarize', 'i: 3'),
      ),
    );
  });
});

// ---- variables ---------------------------------------------------------------------------------

test('VariableV2: shape and the container/shared_name strings (empty strings are printed)', () => {
  const v = inGraph(() => new tf.Variable(tf.constant([[1, 2, 3]], tf.int32), { name: 'v' }));
  assert.equal(
    nodeDefText(v.op),
    text(
      'name: "v"',
      'op: "VariableV2"',
      ...attr('container', 's: ""'),
      ...attr('dtype', 'type: DT_INT32'),
      ...attr('shape', 'shape {', '  dim {', '    size: 1', '  }', '  dim {', '    size: 3', '  }', '}'),
      ...attr('shared_name', 's: ""'),
    ),
  );
});

test('Assign (ref input) and the read snapshot are colocated with the variable: `_class`', () => {
  const loc = attr('_class', 'list {', '  s: "loc:@Variable"', '}');
  inGraph(() => {
    const v = new tf.Variable(0.0);
    assert.equal(
      nodeDefText(v.initializer),
      text(
        'name: "Variable/Assign"',
        'op: "Assign"',
        'input: "Variable"',
        'input: "Variable/initial_value"',
        ...attr('T', 'type: DT_FLOAT'),
        ...loc,
        ...attr('use_locking', 'b: true'),
        ...attr('validate_shape', 'b: true'),
      ),
    );
    assert.equal(nodeDefText(v.value().op), text('name: "Variable/read"', 'op: "Identity"', 'input: "Variable"', ...attr('T', 'type: DT_FLOAT'), ...loc));
    // tf.assign / assignAdd take the variable's ref: colocated too.
    const a = tf.assign(v, 2.0, { name: 'set' });
    assert.equal(
      nodeDefText(a.op),
      text(
        'name: "set"',
        'op: "Assign"',
        'input: "Variable"',
        'input: "set/value"',
        ...attr('T', 'type: DT_FLOAT'),
        ...loc,
        ...attr('use_locking', 'b: true'),
        ...attr('validate_shape', 'b: true'),
      ),
    );
    const inc = v.assignAdd(1.0);
    assert.equal(
      nodeDefText(inc.op),
      text('name: "AssignAdd"', 'op: "AssignAdd"', 'input: "Variable"', 'input: "AssignAdd/value"', ...attr('T', 'type: DT_FLOAT'), ...loc, ...attr('use_locking', 'b: false')),
    );
    // The initial value and a later read_value() are not colocated.
    assert.ok(!nodeDefText(v.initialValue.op).includes('_class'));
    assert.ok(!nodeDefText(v.readValue().op).includes('_class'));
  });
});

test('A variable initialized from a function: its Initializer ops and the variable op get `_class`', () => {
  inGraph(() => {
    const w = new tf.Variable(() => 3, { name: 'w', dtype: 'int32' });
    const init = w.initialValue.op;
    assert.equal(init.name, 'w/Initializer/initial_value');
    assert.equal(
      nodeDefText(init),
      constText('w/Initializer/initial_value', 'DT_INT32', 'tensor_shape {', '}', 'int_val: 3').replace(
        'op: "Const"\n',
        `op: "Const"\n${attr('_class', 'list {', '  s: "loc:@w"', '}').join('\n')}\n`,
      ),
    );
    assert.match(nodeDefText(w.op), /^name: "w"\nop: "VariableV2"\nattr {\n {2}key: "_class"\n {2}value {\n {4}list {\n {6}s: "loc:@w"\n/);
    const u = new tf.Variable(3, { name: 'u' });
    assert.ok(!nodeDefText(u.op).includes('_class'));
  });
});

// ---- strings -------------------------------------------------------------------------------------

test('PrintV2: string attrs are C-escaped (end: "\\n")', () => {
  inGraph(() => {
    const x = tf.constant(1.5, { name: 'x' });
    const p = tf.print('x:', x);
    assert.equal(
      nodeDefText(p),
      text('name: "PrintV2"', 'op: "PrintV2"', 'input: "StringFormat"', ...attr('end', 's: "\\n"'), ...attr('output_stream', 's: "stderr"')),
    );
    assert.equal(
      nodeDefText(p.inputs[0]?.op as tf.Operation),
      text(
        'name: "StringFormat"',
        'op: "StringFormat"',
        'input: "x"',
        ...attr('T', 'list {', '  type: DT_FLOAT', '}'),
        ...attr('placeholder', 's: "{}"'),
        ...attr('summarize', 'i: 3'),
        ...attr('template', 's: "x: {}"'),
      ),
    );
    const q = tf.print('é', { end: '\t"\'\\\r\u0001' });
    assert.match(nodeDefText(q), /\n {4}s: "\\t\\"\\'\\\\\\r\\001"\n/);
  });
});

// ---- String(op), console.log(op), repr ----------------------------------------------------------

test('String(op), template literals and util.inspect(op) give the NodeDef text; op.repr() the short form', () => {
  inGraph(() => {
    const a = tf.constant(1, { name: 'a' });
    const n = tf.controlDependencies([a], () => tf.noOp({ name: 'updates' }));
    const want = text('name: "updates"', 'op: "NoOp"', 'input: "^a"');
    assert.equal(String(n), want);
    assert.equal(`${n}`, want);
    assert.equal(n.toString(), want);
    assert.equal(inspect(n), want);
    assert.equal(n.repr(), "<tf.Operation 'updates' type=NoOp>");
  });
});

test('error messages keep the short repr of an op', () => {
  const c = inGraph(() => tf.constant(1, { name: 'c' }));
  const g2 = new tf.Graph();
  g2.asDefault(() => tf.constant(2, { name: 'd' }));
  assert.throws(() => g2.asGraphElement(c.op), {
    name: 'ValueError',
    message: "Operation <tf.Operation 'c' type=Const> is not an element of this graph.",
  });
  const sess = new tf.Session({ graph: g2 });
  try {
    assert.throws(() => sess.run(c.op), {
      message:
        "Fetch argument <tf.Operation 'c' type=Const> cannot be interpreted as a Tensor. (Operation <tf.Operation 'c' type=Const> is not an element of this graph.)",
    });
  } finally {
    sess.close();
  }
});

test('Const of the new dtypes: half_val (the bits), int_val, uint32_val, uint64_val; uint16 never uses tensor_content (TF 2.21)', () => {
  inGraph(() => {
    const dim2 = ['tensor_shape {', '  dim {', '    size: 2', '  }', '}'];
    assert.equal(nodeDefText(tf.constant([1, 2], tf.float16).op), constText('Const', 'DT_HALF', ...dim2, 'tensor_content: "\\000<\\000@"'));
    assert.equal(nodeDefText(tf.constant(0.1, tf.float16).op), constText('Const_1', 'DT_HALF', 'tensor_shape {', '}', 'half_val: 11878'));
    assert.equal(nodeDefText(tf.constant([1, 2], tf.int8).op), constText('Const_2', 'DT_INT8', ...dim2, 'tensor_content: "\\001\\002"'));
    assert.equal(nodeDefText(tf.constant(-1, tf.int8).op), constText('Const_3', 'DT_INT8', 'tensor_shape {', '}', 'int_val: -1'));
    assert.equal(nodeDefText(tf.constant([1, 2], tf.int16).op), constText('Const_4', 'DT_INT16', ...dim2, 'tensor_content: "\\001\\000\\002\\000"'));
    assert.equal(nodeDefText(tf.constant([1, 2], tf.uint16).op), constText('Const_5', 'DT_UINT16', ...dim2, 'int_val: 1', 'int_val: 2'));
    assert.equal(nodeDefText(tf.constant(3, tf.uint32).op), constText('Const_6', 'DT_UINT32', 'tensor_shape {', '}', 'uint32_val: 3'));
    assert.equal(
      nodeDefText(tf.constant([1, 2], tf.uint32).op),
      constText('Const_7', 'DT_UINT32', ...dim2, 'tensor_content: "\\001\\000\\000\\000\\002\\000\\000\\000"'),
    );
    assert.equal(
      nodeDefText(tf.constant([2n ** 64n - 1n], tf.uint64).op),
      constText('Const_8', 'DT_UINT64', 'tensor_shape {', '  dim {', '    size: 1', '  }', '}', 'uint64_val: 18446744073709551615'),
    );
    assert.equal(
      nodeDefText(tf.constant([1n, 2n], tf.uint64).op),
      constText('Const_9', 'DT_UINT64', ...dim2, 'tensor_content: "\\001\\000\\000\\000\\000\\000\\000\\000\\002\\000\\000\\000\\000\\000\\000\\000"'),
    );
  });
});
