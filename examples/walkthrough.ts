// The walkthrough from "What is a TensorFlow Session?" (Danijar Hafner), in tensorgraph.
// A graph holds the definition; each session holds its own variable values.
import * as tf from 'tensorgraph/v1';

const graph = new tf.Graph();
const { variable, initialize, assign } = graph.asDefault(() => {
  const variable = new tf.Variable(42, { name: 'foo' });
  const initialize = tf.globalVariablesInitializer();
  const assign = variable.assign(13);
  return { variable, initialize, assign };
});

console.log('Session 1: initialize, assign 13, read');
{
  using sess = new tf.Session({ graph });
  sess.run(initialize);
  sess.run(assign);
  console.log(sess.run(variable)); // 13
}

console.log('Session 2: read without initializing');
{
  using sess = new tf.Session({ graph });
  try {
    sess.run(variable);
  } catch (e) {
    if (!(e instanceof tf.errors.FailedPreconditionError)) throw e;
    console.log(`${e.name}: ${e.message}`); // Attempting to use uninitialized value foo
  }
}

console.log('Session 3: initialize, read');
{
  using sess = new tf.Session({ graph });
  sess.run(initialize);
  console.log(sess.run(variable)); // 42
}
