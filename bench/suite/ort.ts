// ONNX Runtime native (`onnxruntime-node`, CPU execution provider, MLAS kernels): the native
// reference. Models are built in code (../onnx-model.ts). Inputs are fed from host memory and
// outputs come back to it on every run (ORT's Node API has no resident device tensors). Conv is
// NCHW (ONNX's layout). ORT is an inference runtime: training and the conv gradients are n/a.
import { type OnnxNode, addChainModel, onnxModel } from '../onnx-model.js';
import { NotAvailable, type Setup, checkClose, packageVersion } from './cases.js';
import { CHAIN_A, CHAIN_B, CHAIN_C, CHAIN_N, CONV, DISPATCH_OPS, MATMUL_KINDS, MATMUL_SIZES, MLP, matmulId, randomFloats, weightScale } from './rows.js';

type Ort = typeof import('onnxruntime-node');
const INFERENCE_ONLY = 'inference-only runtime (onnxruntime-node has no training or gradient API)';

export async function ortCases(threads: number): Promise<{ cases: Record<string, Setup>; detail: string }> {
  const ort: Ort = await import('onnxruntime-node');
  const version = packageVersion('onnxruntime-node');
  const opts = { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential' as const, graphOptimizationLevel: 'all' as const };
  const tensor = (data: Float32Array, shape: readonly number[]) => new ort.Tensor('float32', data, [...shape]);
  const prepare = async (model: Uint8Array, feeds: Record<string, InstanceType<Ort['Tensor']>>, check?: (y: Float32Array) => void) => {
    const s = await ort.InferenceSession.create(model, opts);
    const run = async () => {
      const out = await s.run(feeds);
      const y = out[s.outputNames[0] as string] as InstanceType<Ort['Tensor']>;
      const d = y.data as Float32Array;
      y.dispose();
      return d;
    };
    check?.(await run());
    return { fn: run, dispose: () => s.release() };
  };
  const cases: Record<string, Setup> = {};
  for (const kind of MATMUL_KINDS) {
    for (const n of MATMUL_SIZES) {
      cases[matmulId(kind, n)] = () => {
        const A = randomFloats(n * n, 1);
        const B = randomFloats(n * n, 2);
        let want = 0;
        for (let k = 0; k < n; k++) want += (kind === 'atb' ? A[k * n] : A[k])! * (kind === 'abt' ? B[k] : B[k * n])!;
        // A·B as MatMul; the transposed forms as Gemm with transA / transB (MLAS packs either way).
        const node: OnnxNode =
          kind === 'ab'
            ? { op: 'MatMul', inputs: ['a', 'b'], outputs: ['c'] }
            : { op: 'Gemm', inputs: ['a', 'b'], outputs: ['c'], attrs: { [kind === 'atb' ? 'transA' : 'transB']: 1 } };
        const model = onnxModel({ inputs: { a: [n, n], b: [n, n] }, outputs: { c: [n, n] }, nodes: [node] });
        return prepare(model, { a: tensor(A, [n, n]), b: tensor(B, [n, n]) }, (c) => checkClose(c[0] as number, want, `ORT matmul ${kind} ${n}`));
      };
    }
  }
  cases.chain = () => {
    const x = randomFloats(CHAIN_N, 3);
    const scalar = (v: number) => ({ shape: [], data: Float32Array.of(v) });
    const model = onnxModel({
      inputs: { x: [CHAIN_N] },
      outputs: { y: [CHAIN_N] },
      initializers: { a: scalar(CHAIN_A), b: scalar(CHAIN_B), c: scalar(CHAIN_C) },
      nodes: [
        { op: 'Mul', inputs: ['x', 'a'], outputs: ['t0'] },
        { op: 'Add', inputs: ['t0', 'b'], outputs: ['t1'] },
        { op: 'Relu', inputs: ['t1'], outputs: ['t2'] },
        { op: 'Mul', inputs: ['t2', 'c'], outputs: ['y'] },
      ],
    });
    return prepare(model, { x: tensor(x, [CHAIN_N]) }, (y) => checkClose(y[5] as number, Math.max(0, (x[5] as number) * CHAIN_A + CHAIN_B) * CHAIN_C, 'ORT chain'));
  };
  cases.dispatch = () => prepare(addChainModel(DISPATCH_OPS), { x: tensor(Float32Array.of(0), []) }, (y) => checkClose(y[0] as number, DISPATCH_OPS, 'ORT dispatch'));
  cases['run-overhead'] = () => prepare(addChainModel(1), { x: tensor(Float32Array.of(2), []) }, (y) => checkClose(y[0] as number, 3, 'ORT run overhead'));
  cases['mlp-infer'] = () => {
    const [i0, h1, h2, o] = MLP.sizes;
    const dims: [number, number, number][] = [
      [i0, h1, 11],
      [h1, h2, 12],
      [h2, o, 13],
    ];
    const initializers: Record<string, { shape: number[]; data: Float32Array }> = {};
    const nodes = dims.flatMap(([fi, fo, seed], i) => {
      initializers[`w${i}`] = { shape: [fi, fo], data: randomFloats(fi * fo, seed, weightScale(fi)) };
      initializers[`b${i}`] = { shape: [fo], data: new Float32Array(fo) };
      const inp = i === 0 ? 'x' : `h${i - 1}`;
      const out = i === dims.length - 1 ? 'y' : `h${i}`;
      const gemm = { op: 'Gemm', inputs: [inp, `w${i}`, `b${i}`], outputs: [i === dims.length - 1 ? out : `z${i}`] };
      return i === dims.length - 1 ? [gemm] : [gemm, { op: 'Relu', inputs: [`z${i}`], outputs: [out] }];
    });
    const model = onnxModel({ inputs: { x: [MLP.batch, i0] }, outputs: { y: [MLP.batch, o] }, initializers, nodes });
    return prepare(model, { x: tensor(randomFloats(MLP.batch * i0, 14), [MLP.batch, i0]) });
  };
  cases['conv-fwd'] = () => {
    const x = randomFloats(CONV.n * CONV.h * CONV.w * CONV.cin, 21);
    const model = onnxModel({
      inputs: { x: [CONV.n, CONV.cin, CONV.h, CONV.w] },
      outputs: { y: [CONV.n, CONV.cout, CONV.h, CONV.w] },
      initializers: { f: { shape: [CONV.cout, CONV.cin, CONV.k, CONV.k], data: randomFloats(CONV.cout * CONV.cin * CONV.k * CONV.k, 22, weightScale(9 * CONV.cin)) } },
      nodes: [{ op: 'Conv', inputs: ['x', 'f'], outputs: ['y'], attrs: { kernel_shape: [CONV.k, CONV.k], pads: [1, 1, 1, 1], strides: [1, 1] } }],
    });
    return prepare(model, { x: tensor(x, [CONV.n, CONV.cin, CONV.h, CONV.w]) });
  };
  for (const id of ['mlp-train', 'conv-bwd-input', 'conv-bwd-filter', 'cnn-train']) {
    cases[id] = () => {
      throw new NotAvailable(INFERENCE_ONLY);
    };
  }
  return { cases, detail: `ONNX Runtime ${version} (onnxruntime-node), CPU EP, intraOpNumThreads ${threads}` };
}
