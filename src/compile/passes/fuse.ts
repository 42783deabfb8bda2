import type { ChainLink } from '../../backends/backend.js';
import { type TensorShape, sizeOf } from '../../core/shape.js';
import type { Operation } from '../../graph/operation.js';
import type { Node, Pass, RunIR, Value } from '../ir.js';

interface Chain {
  readonly nodes: Node[];
  readonly acc: Value;
  readonly extras: Value[];
  readonly scalar: boolean[];
  readonly row: boolean[];
  readonly column: boolean[];
  /** The innermost run its row and column operands repeat over (0 while it has none). */
  inner: number;
  readonly links: ChainLink[];
  out: Value;
}

/**
 * The longest chain one fused step runs. Longer chains are split: a generated loop body grows
 * with each link, and V8 stops optimizing functions past a bytecode size (a 1,000-link chain ran
 * at interpreter speed).
 */
export const MAX_CHAIN_LINKS = 32;

/**
 * The most tensors (scalars included) one fused step reads besides its running value. A backend
 * passes them as call arguments: a wasm worker job carries at most 24 words, and `chain_rows`
 * takes the running value, the operands, the output and two counts (the run length, the runs).
 */
export const MAX_CHAIN_OPERANDS = 20;

const size = (s: TensorShape) => sizeOf(s.dims as number[]);
const sameShape = (a: TensorShape, b: TensorShape) =>
  a.isFullyDefined() && b.isFullyDefined() && a.rank === b.rank && (a.dims as number[]).every((d, i) => d === b.dims?.[i]);
const isScalarFor = (v: Value, out: TensorShape) => v.shape.isFullyDefined() && size(v.shape) === 1 && (v.shape.rank as number) <= (out.rank as number);
/** v is out's trailing dims (after leading 1s), smaller than out: it repeats along out's leading dims. */
function isRowFor(v: Value, out: TensorShape): boolean {
  if (!v.shape.isFullyDefined() || size(v.shape) <= 1 || size(v.shape) >= size(out)) return false;
  const vd = v.shape.dims as number[];
  const od = out.dims as number[];
  let first = 0;
  while (first < vd.length && vd[first] === 1) first++;
  const tail = vd.slice(first);
  return tail.length <= od.length && tail.every((d, i) => d === od[od.length - tail.length + i]);
}

/**
 * v is out's leading dims, then 1s (right-aligned: [B, T, 1] against [B, T, C]), smaller than out:
 * one value per run of out's trailing dims (a mean or a scale per example).
 */
function isColumnFor(v: Value, out: TensorShape): boolean {
  if (!v.shape.isFullyDefined() || size(v.shape) <= 1 || size(v.shape) >= size(out)) return false;
  const od = out.dims as number[];
  const vd = v.shape.dims as number[];
  if (vd.length > od.length) return false;
  const aligned = [...new Array<number>(od.length - vd.length).fill(1), ...vd];
  let j = 0;
  while (j < od.length && aligned[j] === od[j]) j++;
  return aligned.slice(j).every((d) => d === 1);
}

type OperandKind = 'full' | 'scalar' | 'row' | 'column';

/** The innermost run a row or column operand `v` repeats over in a chain of shape `out`. */
const innerOf = (v: Value, out: TensorShape, kind: OperandKind) => (kind === 'row' ? size(v.shape) : size(out) / size(v.shape));

/** How `v` enters a chain of output shape `out` whose rows and columns repeat over `inner` (0: none yet), or null. */
function operandKind(v: Value, out: TensorShape, inner: number): OperandKind | null {
  if (sameShape(v.shape, out)) return 'full';
  if (isScalarFor(v, out)) return 'scalar';
  for (const kind of ['row', 'column'] as const) {
    if ((kind === 'row' ? isRowFor(v, out) : isColumnFor(v, out)) && (inner === 0 || inner === innerOf(v, out, kind))) return kind;
  }
  return null;
}

/**
 * Elementwise fusion: a chain of elementwise ops (OpDef trait `elementwise`) where each link's
 * value feeds only the next link becomes one fused step, whose kernel runs the whole chain in one
 * loop without writing the intermediate values. Every operand is of the chain's shape, a scalar,
 * a row (its trailing dims, as a bias) or a column (its leading dims, as a mean per example), the
 * rows and columns of a chain repeating over one innermost run; shapes known when compiling (fed
 * shapes make them concrete). The backend says which ops
 * it can fuse. A fetched value ends a chain; ops that are control inputs or have control inputs
 * stay apart (a pure target op runs as part of its chain).
 */
export const elementwiseFusion: Pass = (ir: RunIR, { backend }) => {
  const fusible = backend.fusible;
  if (!fusible || !backend.fusedKernel) return [];
  const uses = new Map<Value, number>();
  const count = (v: Value) => uses.set(v, (uses.get(v) ?? 0) + 1);
  for (const n of ir.nodes) for (const v of n.inputs) count(v);
  for (const v of ir.fetches) count(v);
  const controls = new Set<Operation>();
  for (const n of ir.nodes) for (const c of n.op.controlInputs) controls.add(c);

  const eligible = (n: Node): boolean => {
    const o = n.outputs[0];
    return (
      n.fused === undefined &&
      n.op.def.elementwise === true &&
      n.outputs.length === 1 &&
      o !== undefined &&
      (n.inputs.length === 1 || n.inputs.length === 2) &&
      o.shape.isFullyDefined() &&
      n.inputs.every((v) => v.dtype === o.dtype && !v.isRef) &&
      n.op.controlInputs.length === 0 &&
      fusible.call(backend, n.op.type, o.dtype)
    );
  };

  const tails = new Map<Value, Chain>();
  const chains: Chain[] = [];
  for (const n of ir.nodes) {
    if (!eligible(n)) continue;
    const o = n.outputs[0] as Value;
    let chain: Chain | undefined;
    let pos = -1;
    n.inputs.forEach((v, i) => {
      const c = tails.get(v);
      if (chain || !c || c.links.length >= MAX_CHAIN_LINKS || uses.get(v) !== 1 || !sameShape(v.shape, o.shape)) return;
      if (controls.has((c.nodes[c.nodes.length - 1] as Node).op)) return;
      if (n.inputs.length === 2) {
        const other = n.inputs[1 - i] as Value;
        if (other === v || c.extras.length >= MAX_CHAIN_OPERANDS || operandKind(other, o.shape, c.inner) === null) return;
      }
      chain = c;
      pos = i;
    });
    if (chain) {
      const c: Chain = chain;
      tails.delete(n.inputs[pos] as Value);
      if (n.inputs.length === 1) c.links.push({ op: n.op.type });
      else {
        const other = n.inputs[1 - pos] as Value;
        const kind = operandKind(other, o.shape, c.inner) as OperandKind;
        c.extras.push(other);
        c.scalar.push(kind === 'scalar');
        c.row.push(kind === 'row');
        c.column.push(kind === 'column');
        if (kind === 'row' || kind === 'column') c.inner = innerOf(other, o.shape, kind);
        c.links.push({ op: n.op.type, operand: c.extras.length, ...(pos === 1 ? { reversed: true } : {}) });
      }
      c.nodes.push(n);
      c.out = o;
      tails.set(o, c);
      continue;
    }
    // A new chain: its running value is the operand of the output's shape.
    const [a, b] = n.inputs as [Value, Value | undefined];
    let started: Chain | null = null;
    const start = (acc: Value, other: Value | undefined, reversed: boolean): Chain => {
      const kind = other ? operandKind(other, o.shape, 0) : null;
      return {
        nodes: [n],
        acc,
        extras: other ? [other] : [],
        scalar: other ? [false, kind === 'scalar'] : [false],
        row: other ? [false, kind === 'row'] : [false],
        column: other ? [false, kind === 'column'] : [false],
        inner: other && (kind === 'row' || kind === 'column') ? innerOf(other, o.shape, kind) : 0,
        links: [other ? { op: n.op.type, operand: 1, ...(reversed ? { reversed: true } : {}) } : { op: n.op.type }],
        out: o,
      };
    };
    if (!b) {
      if (sameShape(a.shape, o.shape)) started = start(a, undefined, false);
    } else if (sameShape(a.shape, o.shape) && operandKind(b, o.shape, 0) !== null) {
      started = start(a, b, false);
    } else if (sameShape(b.shape, o.shape) && operandKind(a, o.shape, 0) !== null) {
      started = start(b, a, true);
    }
    if (started) {
      chains.push(started);
      tails.set(o, started);
    }
  }

  const report: string[] = [];
  const replaced = new Map<Node, Node | null>();
  for (const c of chains) {
    if (c.nodes.length < 2) continue;
    const last = c.nodes[c.nodes.length - 1] as Node;
    const fused: Node = {
      op: last.op,
      inputs: [c.acc, ...c.extras],
      outputs: [c.out],
      fused: { ops: c.nodes.map((x) => x.op), links: c.links, scalar: c.scalar, row: c.row, column: c.column },
    };
    for (const x of c.nodes) replaced.set(x, null);
    replaced.set(last, fused);
    report.push(c.nodes.map((x) => x.op.name).join(' → '));
  }
  if (report.length > 0) {
    ir.nodes = ir.nodes.flatMap((n) => {
      const r = replaced.get(n);
      return r === undefined ? [n] : r === null ? [] : [r];
    });
  }
  return report;
};
