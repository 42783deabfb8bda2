import { InaccessibleTensorError, KeyError, ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { isOptionsObject } from '../ops/args.js';

/** The fetch structure with leaves replaced by indices into the unique tensor list (or -1 for ops). */
type Mapped = number | null | Mapped[] | { [k: string]: Mapped };

/**
 * TensorFlow's `_FetchHandler`: resolves every leaf of a fetch structure (arrays and plain objects
 * of tensors, ops, variables and names), deduplicates tensors, and rebuilds the structure from
 * the results. Ops become targets and come back as null.
 */
export class FetchHandler {
  readonly tensors: Tensor[] = [];
  readonly targets: Operation[] = [];
  private readonly mapped: Mapped;

  constructor(
    private readonly graph: Graph,
    fetches: unknown,
  ) {
    this.mapped = this.map(fetches);
  }

  private map(f: unknown): Mapped {
    if (Array.isArray(f)) return f.map((x) => this.map(x));
    if (isOptionsObject(f)) {
      const out: { [k: string]: Mapped } = {};
      for (const [k, v] of Object.entries(f as object)) out[k] = this.map(v);
      return out;
    }
    const el = this.resolve(f);
    if (!this.graph.isFetchable(el)) {
      const opName = el instanceof Tensor ? el.op.name : el.name;
      throw new InaccessibleTensorError(
        `Operation '${opName}' has been marked as not fetchable. Typically this happens when it is defined in another function or code block. Use return values,explicit Python locals or TensorFlow collections to access it.`,
      );
    }
    if (el instanceof Operation) {
      if (!this.targets.includes(el)) this.targets.push(el);
      return null;
    }
    let i = this.tensors.indexOf(el);
    if (i < 0) {
      i = this.tensors.length;
      this.tensors.push(el);
    }
    return i;
  }

  private resolve(f: unknown): Tensor | Operation {
    if (f === null || f === undefined) {
      throw new TypeError(`Fetch argument ${String(f)} has invalid type ${String(f)}`);
    }
    const isElement = typeof f === 'string' || f instanceof Tensor || f instanceof Operation || typeof f === 'object';
    if (!isElement) {
      throw new TypeError(
        `Fetch argument ${String(f)} has invalid type ${typeof f}, must be a string or Tensor. (Can not convert a ${typeof f} into a Tensor or Operation.)`,
      );
    }
    try {
      return this.graph.asGraphElement(f, true, true);
    } catch (e) {
      if (e instanceof KeyError || e instanceof ValueError) {
        const shown = typeof f === 'string' ? `'${f}'` : String(f);
        throw new ValueError(`Fetch argument ${shown} cannot be interpreted as a Tensor. (${e.message})`);
      }
      if (e instanceof TypeError) {
        throw new TypeError(
          `Fetch argument ${String(f)} has invalid type ${(f as object).constructor?.name ?? typeof f}, must be a string or Tensor. (${e.message})`,
        );
      }
      throw e;
    }
  }

  /** Rebuilds the user's structure; each position gets its own copy of a duplicated value. */
  build(values: readonly NDArray[]): unknown {
    const seen = new Set<number>();
    const build = (m: Mapped): unknown => {
      if (m === null) return null;
      if (typeof m === 'number') {
        const v = values[m] as NDArray;
        if (seen.has(m)) return v.clone();
        seen.add(m);
        return v;
      }
      if (Array.isArray(m)) return m.map(build);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(m)) out[k] = build(v);
      return out;
    };
    return build(this.mapped);
  }
}
