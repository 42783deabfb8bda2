// Test-only op definitions, mirroring TensorFlow's ops_test.py test ops. The public API has no op
// with more than one output, so the `op:1` forms (tensor names, GraphDef inputs, lookups) need one.
import { TensorShape } from '../../src/core/shape.js';
import { applyOpAsOperation } from '../../src/ops/builder.js';
import { registerOp } from '../../src/ops/registry.js';
import type * as tf from '../../src/v1.js';

const TwoFloatOutputsDef = registerOp({
  type: 'TwoFloatOutputs',
  inputs: [],
  outputs: [
    { name: 'a', dtype: 'float32' },
    { name: 'b', dtype: 'float32' },
  ],
  attrs: [],
  shape: () => [TensorShape.scalar(), TensorShape.scalar()],
});

/** An op with two scalar float32 outputs (`TwoFloatOutputs:0`, `TwoFloatOutputs:1`). */
export function twoFloatOutputs(name?: string): tf.Operation {
  return applyOpAsOperation(TwoFloatOutputsDef, [], {}, name) as unknown as tf.Operation;
}
