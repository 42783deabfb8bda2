import { pyRepr } from '../core/convert.js';
import { type DType, isDType } from '../core/dtypes.js';
import { ValueError } from '../core/errors.js';
import { summarizeFlat } from '../core/format.js';
import type { NDArray } from '../core/ndarray.js';
import { TensorShape } from '../core/shape.js';
import { describeNode } from './node-desc.js';
import { type ArgDef, type AttrDef, type InferContext, type OpDef, argLength } from './opdef.js';
import type { AttrValue, Attrs } from './types.js';

/** How a context turns builder arguments into its own tensors. */
export interface TensorAdapter<T> {
  /** The tensor a value stands for (a tensor itself, a variable's snapshot or ref), else null. */
  asTensor(value: unknown, wantRef: boolean): T | null;
  /** A JS value as a constant tensor of `dtype` (inferred when undefined), named after its input. */
  convert(value: unknown, dtype: DType | undefined, name: string): T;
  dtypeOf(t: T): DType;
  shapeOf(t: T): TensorShape;
  isRef(t: T): boolean;
  /** The value when known at build time, else null. */
  constValue(t: T): NDArray | null;
  /** A 1-D int tensor's value as a partially known shape (e.g. Shape of a [?,3] tensor), else null. */
  partialShapeValue(t: T): TensorShape | null;
  /** How the input prints in a node description (`a`, `a:1`). */
  inputName(t: T): string;
}

export interface ResolvedOp<T> {
  readonly inputs: T[];
  readonly attrs: Record<string, AttrValue>;
}

const NUMERIC_LIST = (ds: readonly DType[]) => ds.join(', ');

/** What resolving an op's attrs needs of its OpDef, computed once per OpDef rather than per call. */
interface CompiledDef {
  readonly attrByName: ReadonlyMap<string, AttrDef>;
  /** Per input arg: whether it takes a list. */
  readonly isList: readonly boolean[];
}

const compiled = new WeakMap<OpDef, CompiledDef>();

function compiledDef(def: OpDef): CompiledDef {
  let c = compiled.get(def);
  if (!c) {
    c = {
      attrByName: new Map(def.attrs.map((a) => [a.name, a])),
      isList: def.inputs.map((arg) => arg.numberAttr !== undefined || arg.typeListAttr !== undefined),
    };
    compiled.set(def, c);
  }
  return c;
}

/**
 * TensorFlow's `_apply_op_helper`: binds each input to its ArgDef, infers `type` attrs from the
 * tensor inputs first and then converts JS values with that dtype (so `tf.add(intTensor, 1)`
 * makes an int32 constant), checks dtypes, and fills attr defaults.
 */
export function resolveOp<T>(def: OpDef, inputs: readonly unknown[], given: Attrs, ad: TensorAdapter<T>): ResolvedOp<T> {
  if (inputs.length !== def.inputs.length) {
    throw new TypeError(`${def.type} takes ${def.inputs.length} inputs, got ${inputs.length}`);
  }
  const c = compiledDef(def);
  const attrs: Record<string, AttrValue> = {};
  for (const k in given) {
    const v = given[k];
    if (v === undefined) continue;
    if (!c.attrByName.has(k)) throw new TypeError(`Op '${def.type}' has no attr named '${k}'.`);
    attrs[k] = v;
  }
  // Which arg first fixed each type attr, for TensorFlow's mismatch message.
  const fixedBy = new Map<string, string>();
  const bound: (T | null)[][] = def.inputs.map((arg, i) => {
    const v = inputs[i];
    const isList = c.isList[i] === true;
    if (isList && !Array.isArray(v)) {
      throw new TypeError(`Expected list for '${arg.name}' argument to '${def.type}' Op, not ${String(v)}.`);
    }
    const items = isList ? (v as unknown[]) : [v];
    const tensors = items.map((x) => {
      const t = ad.asTensor(x, arg.isRef === true);
      if (arg.isRef && (t === null || !ad.isRef(t))) {
        throw new TypeError(`'${def.type}' Op requires that input '${arg.name}' be a mutable tensor (e.g.: a tf.Variable)`);
      }
      return t;
    });
    if (arg.numberAttr) {
      const dts = tensors.filter((t) => t !== null).map((t) => ad.dtypeOf(t as T));
      if (new Set(dts).size > 1) {
        throw new TypeError(
          `Tensors in list passed to '${arg.name}' of '${def.type}' Op have types [${dts.join(', ')}] that don't all match.`,
        );
      }
    }
    for (const t of tensors) if (t !== null && arg.typeAttr) bindType(def, arg, ad.dtypeOf(t), attrs, fixedBy);
    return tensors;
  });
  const out: T[] = [];
  def.inputs.forEach((arg, i) => {
    const items = bound[i] as (T | null)[];
    const isList = c.isList[i] === true;
    const raw = (isList ? inputs[i] : [inputs[i]]) as unknown[];
    items.forEach((t, j) => {
      let tensor = t;
      if (tensor === null) {
        const attrDefault = (arg.typeAttr ? c.attrByName.get(arg.typeAttr)?.default : undefined) as DType | undefined;
        const want = arg.typeAttr ? (attrs[arg.typeAttr] as DType | undefined) : arg.dtype;
        const name = isList ? `${arg.name}_${j}` : arg.name;
        if (want === undefined && attrDefault !== undefined) {
          const allowed = arg.typeAttr ? c.attrByName.get(arg.typeAttr)?.allowed : undefined;
          // An array holding tensors (autopacking) keeps the tensors' own dtype when the op allows
          // it, as TensorFlow's _apply_op_helper converts without a dtype first: [n, -1] with an
          // int64 n stays int64. (JS numbers carry no int/float kind, so plain values go on below.)
          if (allowed && holdsTensor(raw[j], ad)) {
            try {
              const inferred = ad.convert(raw[j], undefined, name);
              if (allowed.includes(ad.dtypeOf(inferred))) tensor = inferred;
            } catch (e) {
              if (!(e instanceof TypeError)) throw e;
            }
          }
          // Otherwise the attr's default dtype is preferred (TensorFlow's preferred_dtype): a value
          // that does not fit it converts as usual, and the allowed-dtypes check speaks.
          if (tensor === null) {
            try {
              tensor = ad.convert(raw[j], attrDefault, name);
            } catch (e) {
              if (!(e instanceof TypeError)) throw e;
              tensor = ad.convert(raw[j], undefined, name);
            }
          }
        } else tensor = ad.convert(raw[j], want, name);
        if (arg.typeAttr) bindType(def, arg, ad.dtypeOf(tensor), attrs, fixedBy);
      }
      if (arg.dtype && ad.dtypeOf(tensor) !== arg.dtype) {
        throw new TypeError(
          `Input '${arg.name}' of '${def.type}' Op has type ${ad.dtypeOf(tensor)} that does not match expected type of ${arg.dtype}.`,
        );
      }
      out.push(tensor);
    });
    if (arg.numberAttr) attrs[arg.numberAttr] = items.length;
    if (arg.typeListAttr) attrs[arg.typeListAttr] = out.slice(out.length - items.length).map((t) => ad.dtypeOf(t));
  });
  for (const a of def.attrs) {
    if (attrs[a.name] === undefined) {
      if (a.default === undefined) throw new TypeError(`Op '${def.type}' is missing required attr '${a.name}'.`);
      attrs[a.name] = a.default;
    }
    if (a.type === 'type' && a.allowed && !a.allowed.includes(attrs[a.name] as DType)) {
      const arg = def.inputs.find((x) => x.typeAttr === a.name);
      throw new TypeError(
        `Value passed to parameter '${arg?.name ?? a.name}' has DataType ${String(attrs[a.name])} not in list of allowed values: ${NUMERIC_LIST(a.allowed)}`,
      );
    }
    if (a.type === 'shape' && !(attrs[a.name] instanceof TensorShape)) {
      attrs[a.name] = TensorShape.from(attrs[a.name] as never);
    }
    checkAttrType(a.name, a.type, attrs[a.name]);
  }
  return { inputs: out, attrs };
}

/** Whether a (nested) array holds a tensor or variable somewhere: a value autopacking converts. */
function holdsTensor<T>(value: unknown, ad: TensorAdapter<T>, seen: Set<unknown> = new Set()): boolean {
  if (!Array.isArray(value) || seen.has(value)) return false;
  seen.add(value);
  return value.some((v) => ad.asTensor(v, false) !== null || holdsTensor(v, ad, seen));
}

const ATTR_CHECKS: Partial<Record<string, [string, (v: unknown) => boolean]>> = {
  int: ['int', (v) => Number.isInteger(v)],
  float: ['float', (v) => typeof v === 'number'],
  bool: ['bool', (v) => typeof v === 'boolean'],
  string: ['string', (v) => typeof v === 'string'],
  type: ['DType', (v) => isDType(v)],
};

/** TensorFlow's `_MakeInt` & co.: `Expected int for argument 'axis' not 1.5.` */
function checkAttrType(name: string, type: string, v: unknown): void {
  const list = /^list\((.*)\)$/.exec(type);
  if (list) {
    if (!Array.isArray(v)) throw new TypeError(`Expected list for attr ${name}, got ${pyRepr(v)}`);
    for (const x of v) checkAttrType(name, list[1] as string, x);
    return;
  }
  const check = ATTR_CHECKS[type];
  if (check && !check[1](v)) throw new TypeError(`Expected ${check[0]} for argument '${name}' not ${pyRepr(v)}.`);
}

function bindType(def: OpDef, arg: ArgDef, dtype: DType, attrs: Record<string, AttrValue>, fixedBy: Map<string, string>) {
  const key = arg.typeAttr as string;
  const cur = attrs[key] as DType | undefined;
  if (cur === undefined) {
    attrs[key] = dtype;
    fixedBy.set(key, arg.name);
  } else if (cur !== dtype) {
    const other = fixedBy.get(key);
    throw new TypeError(
      other
        ? `Input '${arg.name}' of '${def.type}' Op has type ${dtype} that does not match type ${cur} of argument '${other}'.`
        : `Input '${arg.name}' of '${def.type}' Op has type ${dtype} that does not match expected type of ${cur}.`,
    );
  }
}

/**
 * Runs the op's shape function. A failure becomes TensorFlow's build-time ValueError:
 * `<reason> for '{{node X}} = ...' with input shapes: [2,3], [4,2].`
 */
export function inferShapes<T>(def: OpDef, name: string, r: ResolvedOp<T>, ad: TensorAdapter<T>): TensorShape[] {
  // The inputs whose values the shape function used, for TensorFlow's error suffixes.
  const asShapes = new Map<number, TensorShape>();
  const asValues = new Map<number, NDArray>();
  const describe = () => {
    let text = `'${describeNode(name, def.type, r.attrs, def.attrs, r.inputs.map((t) => ad.inputName(t)))}' with input shapes: ${r.inputs
      .map((t) => ad.shapeOf(t).toDebugString())
      .join(', ')}`;
    if (asShapes.size > 0) {
      const parts = [...asShapes].sort((a, b) => a[0] - b[0]).map(([i, s]) => `input[${i}] = ${s.toDebugString()}`);
      text += ` and with input tensors computed as partial shapes: ${parts.join(', ')}`;
    }
    if (asValues.size > 0) {
      const parts = [...asValues].sort((a, b) => a[0] - b[0]).map(([i, v]) => `input[${i}] = <${summarizeFlat(v, 256)}>`);
      text += ` and with computed input tensors: ${parts.join(', ')}`;
    }
    return text;
  };
  const ctx: InferContext = {
    opType: def.type,
    numInputs: r.inputs.length,
    inputShape: (i) => ad.shapeOf(r.inputs[i] as T),
    inputDtype: (i) => ad.dtypeOf(r.inputs[i] as T),
    attr: <A extends AttrValue>(n: string) => r.attrs[n] as A,
    inputValue: (i) => {
      const v = ad.constValue(r.inputs[i] as T);
      if (v) asValues.set(i, v);
      return v;
    },
    inputAsShape: (i) => {
      const s = shapeFromShapeTensor(ad, r.inputs[i] as T, (m) => ctx.fail(m));
      if (s.rank !== null) asShapes.set(i, s);
      return s;
    },
    fail: (message: string): never => {
      throw new ValueError(`${message} for ${describe()}.`);
    },
  };
  const shapes = def.shape(ctx);
  const numOutputs = def.outputs.reduce((n, arg) => n + argLength(arg, r.attrs), 0);
  if (shapes.length !== numOutputs) {
    throw new Error(`internal: shape function of ${def.type} returned ${shapes.length} shapes for ${numOutputs} outputs`);
  }
  return shapes;
}

function shapeFromShapeTensor<T>(ad: TensorAdapter<T>, t: T, fail: (m: string) => never): TensorShape {
  const s = ad.shapeOf(t);
  if (s.rank !== null && s.rank > 1) fail(`Shape must be rank 1 but is rank ${s.rank}`);
  const partial = ad.partialShapeValue(t);
  if (partial) return partial;
  const v = ad.constValue(t);
  if (v) {
    return new TensorShape(
      Array.from(v.data as ArrayLike<number | bigint>, (d) => {
        const n = Number(d);
        if (n < -1) fail(`Invalid value in tensor used for shape: ${n}`);
        return n === -1 ? null : n;
      }),
    );
  }
  const len = s.rank === 1 ? (s.dims?.[0] ?? null) : null;
  return len === null ? new TensorShape(null) : new TensorShape(new Array(len).fill(null));
}
