# Golden op names and types of small tf.gradients graphs, from TensorFlow 2.21 in TF1 graph mode.
# Run: /work/tfenv/bin/python test/autodiff/golden/gradient-names.py > test/autodiff/golden/gradient-names.json
# Each case lists the ops the gradient calls added, in creation order, as "name:type", and the
# names of the returned gradients (null for None). The graphs use float32 and fully known, equal
# shapes, where TensorFlow's Mul/Add gradients take their no-broadcast fast path.
import json
import tensorflow as tf

v1 = tf.compat.v1
v1.disable_v2_behavior()


def added(g, before):
    return [f"{o.name}:{o.type}" for o in g.get_operations()[before:]]


def names(ts):
    return [None if t is None else t.name for t in ts]


cases = {}
g = tf.Graph()
with g.as_default():
    x = v1.placeholder(tf.float32, [2, 3], name='x')
    w = v1.placeholder(tf.float32, [2, 3], name='w')
    y = tf.square(x) * w + x
    n = len(g.get_operations())
    gs = v1.gradients(y, [x, w])
    cases['fan_out'] = {'ops': added(g, n), 'grads': names(gs)}

    gy = tf.ones([2, 3]) * 2.0
    n = len(g.get_operations())
    gs = v1.gradients(y, [x], grad_ys=[gy])
    cases['grad_ys_given'] = {'ops': added(g, n), 'grads': names(gs)}

    n = len(g.get_operations())
    gs = v1.gradients(y, [x], grad_ys=gy, name='mygrads')
    cases['named_scope'] = {'ops': added(g, n), 'grads': names(gs)}

    z = v1.placeholder(tf.float32, [2], name='z')
    n = len(g.get_operations())
    gs = v1.gradients(y, [z, x], unconnected_gradients='zero')
    cases['unconnected_zero'] = {'ops': added(g, n), 'grads': names(gs)}

    s = tf.stop_gradient(x * 2.0, name='sg') + x
    n = len(g.get_operations())
    gs = v1.gradients(s, [x])
    cases['stop_gradient_op'] = {'ops': added(g, n), 'grads': names(gs)}

    p = tf.identity(x, name='idx') * w
    n = len(g.get_operations())
    gs = v1.gradients(p, [x], gate_gradients=True)
    cases['gate_gradients'] = {'ops': added(g, n), 'grads': names(gs)}

    q = x * x * x * w
    n = len(g.get_operations())
    gs = v1.gradients(q, [x], aggregation_method=tf.AggregationMethod.EXPERIMENTAL_TREE)
    cases['tree_aggregation'] = {'ops': added(g, n), 'grads': names(gs)}

    v = v1.Variable([1.0, 2.0], name='v')
    loss = v * v
    n = len(g.get_operations())
    gs = v1.gradients(loss, [v])
    cases['ref_variable'] = {'ops': added(g, n), 'grads': names(gs)}

print(json.dumps(cases, indent=1))
