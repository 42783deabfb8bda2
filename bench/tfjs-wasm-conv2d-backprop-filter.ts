// TensorFlow.js's wasm backend (4.22) has no Conv2DBackpropFilter kernel, so `tf.variableGrads`
// through a conv2d fails there ("Kernel 'Conv2DBackpropFilter' not registered for backend
// 'wasm'"). For the benchmarks that train a CNN or time the filter gradient on it (the CNN rows of
// `npm run bench:training`, the suite's conv-bwd-filter and cnn-train rows) this registers one made
// only of that backend's own kernels: the filter gradient of a stride-1 convolution is itself a convolution,
// of the padded input with its batch and channel axes swapped by the gradient dy used as the
// filter: dW[i, j, c, o] = Σ_{n,h,w} xpad[n, h+i, w+j, c] · dy[n, h, w, o]. So: Transpose x to
// [C, H, W, N], dy to [Ho, Wo, N, O], one XNNPACK Conv2D (VALID on the explicitly padded input)
// giving [C, kh, kw, O], and a Transpose to [kh, kw, C, O]. Other strides and dilations throw.
import type * as Tfjs from '@tensorflow/tfjs-core';

type TensorInfo = Tfjs.TensorInfo;
interface WasmBackendLike {
  disposeData(dataId: object): boolean;
}
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: unknown; attrs: Record<string, unknown> };

/** Registers the kernel above for the 'wasm' backend unless that backend already has one. */
export function registerWasmConv2DBackpropFilter(t: typeof Tfjs): void {
  if (t.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  const kernel = (name: string) => {
    const k = t.getKernel(name, 'wasm');
    if (!k) throw new Error(`tfjs wasm has no ${name} kernel`);
    return k.kernelFunc as unknown as (args: KernelArgs) => TensorInfo;
  };
  const transpose = kernel('Transpose');
  const conv2d = kernel('Conv2D');
  t.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ((args: KernelArgs) => {
      const { inputs, backend, attrs } = args;
      const x = inputs.x as TensorInfo;
      const dy = inputs.dy as TensorInfo;
      const filterShape = attrs.filterShape as [number, number, number, number];
      const info = t.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        attrs.strides as [number, number],
        1,
        attrs.pad as 'same',
        attrs.dimRoundingMode as 'floor' | undefined,
        false,
        t.backend_util.convertConv2DDataFormat(attrs.dataFormat as 'NHWC'),
      );
      if (info.dataFormat !== 'channelsLast' || info.strideHeight !== 1 || info.strideWidth !== 1 || info.dilationHeight !== 1 || info.dilationWidth !== 1) {
        throw new Error('bench Conv2DBackpropFilter for tfjs wasm: only NHWC with strides 1 and dilations 1');
      }
      const { top, bottom, left, right } = info.padInfo;
      const wasm = backend as WasmBackendLike;
      const xT = transpose({ inputs: { x }, backend, attrs: { perm: [3, 1, 2, 0] } });
      const dyT = transpose({ inputs: { x: dy }, backend, attrs: { perm: [1, 2, 0, 3] } });
      const pad = [[0, 0], [top, bottom], [left, right], [0, 0]];
      const g = conv2d({ inputs: { x: xT, filter: dyT }, backend, attrs: { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' } });
      const dw = transpose({ inputs: { x: g }, backend, attrs: { perm: [1, 2, 0, 3] } });
      for (const tmp of [xT, dyT, g]) wasm.disposeData(tmp.dataId);
      if (dw.shape.join() !== filterShape.join()) throw new Error(`bench Conv2DBackpropFilter: got shape [${dw.shape}], expected [${filterShape}]`);
      return dw;
    }) as unknown as Tfjs.KernelFunc,
  });
}

/**
 * Checks the registered kernel against tfjs-backend-cpu's on small SAME and VALID cases; throws
 * with the largest difference if they disagree. Leaves the backend set to 'wasm'.
 */
export async function checkWasmConv2DBackpropFilter(t: typeof Tfjs): Promise<void> {
  const cases: [number[], number[], 'same' | 'valid'][] = [
    [[2, 7, 6, 3], [5, 5, 3, 4], 'same'],
    [[3, 6, 6, 1], [3, 3, 1, 2], 'valid'],
    [[2, 8, 8, 4], [2, 2, 4, 3], 'same'],
  ];
  const values = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + k));
  for (const [xShape, fShape, pad] of cases) {
    const outOf = async (backend: string) => {
      await t.setBackend(backend);
      const x = t.tensor4d(values(xShape.reduce((a, b) => a * b), 1), xShape as [number, number, number, number]);
      const yShape = t.backend_util.computeConv2DInfo(xShape as [number, number, number, number], fShape as [number, number, number, number], 1, 1, pad).outShape;
      const dy = t.tensor4d(values(yShape.reduce((a, b) => a * b), 2), yShape);
      // As tfjs's conv2d gradient calls it (its conv2DBackpropFilter op is not exported).
      const dw = t.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [1, 1], pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: fShape } as never) as Tfjs.Tensor;
      const out = dw.dataSync().slice();
      t.dispose([x, dy, dw]);
      return out;
    };
    const want = await outOf('cpu');
    const got = await outOf('wasm');
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((got[i] as number) - (want[i] as number)) / (1 + Math.abs(want[i] as number)));
    if (got.length !== want.length || worst > 1e-4) throw new Error(`bench Conv2DBackpropFilter for tfjs wasm disagrees with tfjs cpu on x [${xShape}], filter [${fShape}], ${pad}: relative difference ${worst}`);
  }
}

