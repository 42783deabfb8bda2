// What the CNN rows of `npm run bench:training` need from TensorFlow.js besides its ops: TensorFlow 1's
// Adam update (below). Its wasm backend's missing Conv2DBackpropFilter kernel is registered by
// tfjs-wasm-conv2d-backprop-filter.ts.
import type * as Tfjs from '@tensorflow/tfjs-core';

/**
 * TensorFlow 1's Adam (the ApplyAdam kernel's update, as tensorgraph's kernel computes it) on
 * TensorFlow.js variables: m += (g − m)(1 − β1), v += (g² − v)(1 − β2),
 * θ −= lr_t·m / (√v + ε) with lr_t = lr·√(1 − β2ᵗ) / (1 − β1ᵗ), β1ᵗ and β2ᵗ kept in float32 as
 * TensorFlow's beta1_power / beta2_power variables are. `tf.train.adam` differs: it divides by
 * √v̂ + ε with v̂ = v / (1 − β2ᵗ), i.e. its ε is in effect ε·√(1 − β2ᵗ) of TensorFlow's (3e-10 at
 * step 1 for ε = 1e-8), which moves every weight whose gradient is near ε differently.
 */
export function tf1Adam(t: typeof Tfjs, vars: readonly Tfjs.Variable[], learningRate: number, beta1: number, beta2: number, epsilon: number) {
  const f = Math.fround;
  const [lr, b1, b2, eps] = [f(learningRate), f(beta1), f(beta2), f(epsilon)];
  let b1Power = b1;
  let b2Power = b2;
  const [m, v] = t.tidy(() => [vars.map((x) => t.variable(t.zerosLike(x), false)), vars.map((x) => t.variable(t.zerosLike(x), false))]);
  return {
    /** One update from `grads`, keyed by variable name as `tf.variableGrads` returns them. */
    applyGradients(grads: Record<string, Tfjs.Tensor>): void {
      const lrT = (lr * Math.sqrt(1 - b2Power)) / (1 - b1Power);
      t.tidy(() => {
        vars.forEach((x, i) => {
          const g = grads[x.name];
          if (!g) throw new Error(`no gradient for ${x.name}`);
          const [mv, vv] = [m[i] as Tfjs.Variable, v[i] as Tfjs.Variable];
          const mi = t.add(mv, t.mul(t.sub(g, mv), 1 - b1));
          const vi = t.add(vv, t.mul(t.sub(t.square(g), vv), 1 - b2));
          mv.assign(mi);
          vv.assign(vi);
          x.assign(t.sub(x, t.div(t.mul(mi, lrT), t.add(t.sqrt(vi), eps))));
        });
      });
      b1Power = f(b1Power * b1);
      b2Power = f(b2Power * b2);
    },
    dispose(): void {
      t.dispose([...m, ...v]);
    },
  };
}
