# TensorFlow 2.21 (tf.compat.v1, control flow v2) outputs that test/ops/{case,check-ops,while-grad}.test.ts
# compare against: messages of tf.case / tf.switch_case / check_ops / CheckNumerics and while-loop
# gradient values. Run: /work/tfenv/bin/python test/ops/golden/control-flow-messages.py

# ---- tfw.py
def _run_tfw():
    a=tf1.placeholder(tf.float32,[]); b=tf1.placeholder(tf.float32,[]); n=tf1.placeholder(tf.int32,[])
    i0=tf.constant(0)
    r=tf1.while_loop(lambda i,x,y: i<n, lambda i,x,y:(i+1,x*2.,y*3.),[i0,a,b])
    print(tf1.gradients(r[1],[a,b,n]))
    r2=tf1.while_loop(lambda x: x<10., lambda x: x*x, [a])
    print(tf1.gradients(r2,[a]))
    with tf1.Session() as s:
      print(s.run(tf1.gradients(r[1],[a,b]) , {a:1.,b:1.,n:3}))

# ---- tfc2.py
def _run_tfc2():
    x=tf1.placeholder(tf.int32,[],name='x')
    p1=tf.less(x,1,name='p1'); p2=tf.less(x,3,name='p2')
    r=tf1.case([(p1,lambda: tf.constant(1)),(p2,lambda: tf.constant(2))], default=lambda: tf.constant(3), exclusive=True)
    r2=tf1.case([(p1,lambda: tf.constant(1)),(p2,lambda: tf.constant(2))])
    with tf1.Session() as s:
      for t,v in [(r,0),(r2,5)]:
        try: print(s.run(t,{x:v}))
        except Exception as e: print(repr(e.message))
    for bad in [lambda: tf1.case(5), lambda: tf1.case([(p1,)]), lambda: tf1.case([(True, lambda: 1)]), lambda: tf1.case([(x, lambda: 1)]), lambda: tf1.case([(p1, 3)]), lambda: tf1.case([])]:
      try: bad()
      except Exception as e: print(type(e).__name__, repr(str(e)))

# ---- tfsc.py
def _run_tfsc():
    i=tf1.placeholder(tf.int32,[],name='i')
    f=tf1.placeholder(tf.float32,[],name='f')
    def tr(fn):
      try: r=fn(); print('OK', r)
      except Exception as e: print(type(e).__name__, repr(str(e)))
    tr(lambda: tf1.switch_case(1, [lambda: 1]))
    tr(lambda: tf1.switch_case(f, [lambda: 1]))
    tr(lambda: tf1.switch_case(i, []))
    tr(lambda: tf1.switch_case(i, 5))
    tr(lambda: tf1.switch_case(i, [(0, lambda: 1), (2, lambda: 2)]))
    tr(lambda: tf1.switch_case(i, [(0, 3)]))
    tr(lambda: tf1.switch_case(i, [(0,)]))
    tr(lambda: tf1.switch_case(i, {0: lambda: tf.constant(1), 1: lambda: tf.constant(2)}))
    r=tf1.switch_case(i, [lambda: tf.constant(10), lambda: tf.constant(20)], default=lambda: tf.constant(-1))
    with tf1.Session() as s: print([s.run(r,{i:v}) for v in [0,1,2,-1,7]])

# ---- tfa.py
def _run_tfa():
    x=tf1.placeholder(tf.float32,[3],name='x')
    c=tf1.check_numerics(x,'boom')
    v=tf1.verify_tensor_all_finite(x,'vf')
    g=tf1.gradients(c,x)[0]
    print(c.op.name, v.name, g.op.type, g.op.get_attr('message'))
    print([o.name+':'+o.type for o in tf1.get_default_graph().get_operations()])
    with tf1.Session() as s:
      for val in [[1,np.nan,2],[1,np.inf,2],[np.nan,np.inf,1]]:
        try: s.run(c,{x:val})
        except Exception as e: print(repr(e.message))
    a=tf1.placeholder(tf.int32,[2],name='a'); b=tf1.placeholder(tf.int32,[2],name='b')
    ops_=[tf1.assert_equal(a,b), tf1.assert_less(a,b,message='hi',summarize=1), tf1.assert_negative(a), tf1.assert_non_negative(a)]
    for o in ops_: print(o.name, o.type, [i.name for i in o.inputs][:8])
    with tf1.Session() as s:
      for o in ops_:
        try: s.run(o,{a:[1,2],b:[1,3]})
        except Exception as e: print(repr(e.message.split('\n\t')[0]))
    def tr(f):
      try: r=f(); print('OK', r)
      except Exception as e: print(type(e).__name__, repr(str(e)))
    k1=tf.constant([1,2],name='k1'); k2=tf.constant([1,3],name='k2')
    tr(lambda: tf1.assert_equal(k1,k2))
    tr(lambda: tf1.assert_equal(k1,k2, data=['d1',k1], message='m'))
    tr(lambda: tf1.assert_less(k2,k1))
    tr(lambda: tf1.assert_positive(k1-1))
    tr(lambda: tf1.assert_equal(k1,k1))
    tr(lambda: tf1.assert_rank(k1,2))
    tr(lambda: tf1.assert_rank(a,2))
    tr(lambda: tf1.assert_rank_at_least(k1,2))
    tr(lambda: tf1.assert_type(k1,tf.float32))
    tr(lambda: tf1.assert_integer(tf.constant(1.)))
    tr(lambda: tf1.assert_scalar(k1))
    tr(lambda: tf1.assert_near(tf.constant([1.]),tf.constant([2.])))

if __name__ == '__main__':
    import tensorflow as tf, numpy as np
    tf1 = tf.compat.v1
    tf1.disable_eager_execution()
    with tf1.Graph().as_default():
        _run_tfw()
    with tf1.Graph().as_default():
        _run_tfc2()
    with tf1.Graph().as_default():
        _run_tfsc()
    with tf1.Graph().as_default():
        _run_tfa()
