import { InaccessibleTensorError, KeyError, ValueError } from '../core/errors.js';
import type { NDArray } from '../core/ndarray.js';
import type { Graph } from '../graph/graph.js';
import { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { isOptionsObject } from '../ops/args.js';

/** Deeper fetch structures are refused (Python's recursion limit of 1000 stops TensorFlow there too). */
const MAX_DEPTH = 1000;

/** Sets `out[k]` as an own data property, so even a `__proto__` key is kept. */
function define(out: object, k: string, value: unknown): void {
  Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
}

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
    this.mapped = this.map(fetches, 0, new Set());
  }

  private map(f: unknown, depth: number, path: Set<unknown>): Mapped {
    if (Array.isArray(f) || isOptionsObject(f)) {
      if (path.has(f)) throw new TypeError('Fetch argument contains itself: a fetch structure cannot be cyclic.');
      if (depth >= MAX_DEPTH) throw new TypeError(`Fetch structure is nested too deep (more than ${MAX_DEPTH} levels).`);
      path.add(f);
      let out: Mapped;
      if (Array.isArray(f)) {
        out = new Array<Mapped>(f.length);
        for (let i = 0; i < f.length; i++) out[i] = this.map(f[i], depth + 1, path);
      }
      else {
        out = {};
        for (const [k, v] of Object.entries(f as object)) define(out, k, this.map(v, depth + 1, path));
      }
      path.delete(f);
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
        const shown = typeof f === 'string' ? `'${f}'` : f instanceof Operation ? f.repr() : String(f);
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
      for (const [k, v] of Object.entries(m)) define(out, k, build(v));
      return out;
    };
    return build(this.mapped);
  }
}
