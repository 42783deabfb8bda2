import { type DType, dtypeAttrName, isDType } from '../core/dtypes.js';
import { NDArray } from '../core/ndarray.js';
import { TensorShape } from '../core/shape.js';
import type { AttrType } from '../ops/opdef.js';
import type { AttrValue } from '../ops/types.js';
import type { Operation } from './operation.js';

/**
 * An op's NodeDef in protobuf text format: what TensorFlow's `str(op)` prints
 * (`str(op.node_def)`, the C++ `TextFormat::Printer` behind the Python message's `__str__`).
 *
 * Fields in field-number order (`name`, `op`, `input`, `device`, `attr`), one per line, nested
 * messages as `field {` … `}` indented by 2 spaces, `attr` map entries sorted by key, proto3
 * scalars omitted when they hold their default (so a 0 dim prints `dim {\n}`), and a final newline
 * (`print(op)` ends with a blank line). Strings and bytes are C-escaped (octal for
 * non-printable bytes). Floats print as Python's `str()` of the value, a `float` field widened to
 * a double first (the Python message's field printer): `13.0`, `0.5`, `0.10000000149011612`.
 *
 * Const values are written as `make_tensor_proto` writes them: numeric tensors of more than one
 * element as raw little-endian `tensor_content`, anything else (scalars, one-element and empty
 * tensors, bool and string tensors) as the typed repeated field (`float_val`, `double_val`,
 * `int_val` for int32/uint8, `int64_val`, `bool_val`, `string_val`).
 *
 * The `_class` colocation attr is the one recorded when the op was created (ops with ref inputs,
 * a variable's `read` snapshot, a function-initialized variable's `Initializer/` ops).
 */
export function nodeDefText(op: Operation): string {
  const w = new TextWriter();
  w.scalar('name', quote(op.name));
  w.scalar('op', quote(op.type));
  for (const input of op.nodeInputs()) w.scalar('input', quote(input));
  if (op.device !== '') w.scalar('device', quote(op.device));
  const attrs: Record<string, AttrValue> = { ...op.attrs };
  const types = new Map<string, AttrType>(op.def.attrs.map((a) => [a.name, a.type]));
  const groups = op._colocationClass;
  if (groups) {
    attrs._class = groups;
    types.set('_class', 'list(string)');
  }
  for (const key of Object.keys(attrs).sort()) {
    w.open('attr');
    w.scalar('key', quote(key));
    w.open('value');
    writeAttrValue(w, attrs[key] as AttrValue, types.get(key) ?? inferAttrType(attrs[key] as AttrValue));
    w.close();
    w.close();
  }
  return w.text();
}

// ---- text writer -----------------------------------------------------------------------------

class TextWriter {
  private readonly lines: string[] = [];
  private indent = 0;

  scalar(name: string, value: string): void {
    this.lines.push(`${' '.repeat(this.indent)}${name}: ${value}`);
  }

  open(name: string): void {
    this.lines.push(`${' '.repeat(this.indent)}${name} {`);
    this.indent += 2;
  }

  close(): void {
    this.indent -= 2;
    this.lines.push(`${' '.repeat(this.indent)}}`);
  }

  text(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

// ---- AttrValue -------------------------------------------------------------------------------

function writeAttrValue(w: TextWriter, v: AttrValue, type: AttrType | null): void {
  if (v === null || type === null) return; // an unset AttrValue: `value {\n}`
  switch (type) {
    case 'type':
      w.scalar('type', dtypeAttrName(v as DType));
      return;
    case 'shape':
      writeShape(w, 'shape', v as TensorShape);
      return;
    case 'int':
      w.scalar('i', intText(v as number));
      return;
    case 'float':
      w.scalar('f', floatText(v as number));
      return;
    case 'bool':
      w.scalar('b', v ? 'true' : 'false');
      return;
    case 'string':
      w.scalar('s', quote(v as string));
      return;
    case 'tensor':
      writeTensor(w, v as NDArray);
      return;
    case 'func':
      // A NameAttrList: `func { name: "cond_true_3" }`.
      w.open('func');
      w.scalar('name', quote(v as string));
      w.close();
      return;
    default: {
      // list(...): the ListValue is always present (op_def_library calls `list.SetInParent()`), so
      // an empty list prints `list {\n}`.
      const items = v as readonly AttrValue[];
      w.open('list');
      for (const x of items) {
        if (type === 'list(type)') w.scalar('type', dtypeAttrName(x as DType));
        else if (type === 'list(int)') w.scalar('i', intText(x as number));
        else if (type === 'list(shape)') writeShape(w, 'shape', x as TensorShape);
        else w.scalar('s', quote(x as string));
      }
      w.close();
    }
  }
}

/** For an attr the OpDef does not declare: its type from the JS value. */
function inferAttrType(v: AttrValue): AttrType | null {
  if (v === null) return null;
  if (v instanceof TensorShape) return 'shape';
  if (v instanceof NDArray) return 'tensor';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return isDType(v) ? 'type' : 'string';
  const first = (v as readonly unknown[])[0];
  if (first instanceof TensorShape) return 'list(shape)';
  if (typeof first === 'number') return 'list(int)';
  if (typeof first === 'string' && isDType(first)) return 'list(type)';
  return 'list(string)';
}

/** TensorShapeProto: `dim { size: N }` per dimension (unknown = -1), or `unknown_rank: true`. */
function writeShape(w: TextWriter, field: string, shape: TensorShape): void {
  w.open(field);
  if (shape.dims === null) w.scalar('unknown_rank', 'true');
  else {
    for (const d of shape.dims) {
      w.open('dim');
      const size = d === null ? -1 : d;
      if (size !== 0) w.scalar('size', String(size));
      w.close();
    }
  }
  w.close();
}

// ---- TensorProto -----------------------------------------------------------------------------

/** `tensor { dtype tensor_shape (tensor_content | <typed>_val…) }`, as `make_tensor_proto` fills it. */
function writeTensor(w: TextWriter, arr: NDArray): void {
  w.open('tensor');
  w.scalar('dtype', dtypeAttrName(arr.dtype));
  writeShape(w, 'tensor_shape', new TensorShape(arr.shape));
  const n = arr.size;
  const d = arr.data;
  // tensor_util.make_tensor_proto: `if is_same_size and numpy_dtype in _TENSOR_CONTENT_TYPES and
  // shape_size > 1: tensor_proto.tensor_content = nparray.tobytes()`. bool, string and uint16 are
  // not content types.
  if (arr.dtype !== 'bool' && arr.dtype !== 'string' && arr.dtype !== 'uint16' && n > 1) {
    w.scalar('tensor_content', quoteBytes(littleEndianBytes(arr)));
  } else {
    for (let i = 0; i < n; i++) {
      switch (arr.dtype) {
        case 'float32':
          w.scalar('float_val', floatText((d as Float32Array)[i] as number));
          break;
        case 'float64':
          w.scalar('double_val', pyFloatRepr((d as Float64Array)[i] as number));
          break;
        case 'int8':
        case 'int16':
        case 'int32':
        case 'uint8':
        case 'uint16':
          w.scalar('int_val', String((d as Int32Array | Uint8Array)[i]));
          break;
        case 'float16':
          // The half's bit pattern, as TensorFlow stores halves.
          w.scalar('half_val', String((d as Uint16Array)[i]));
          break;
        case 'uint32':
          w.scalar('uint32_val', String((d as Uint32Array)[i]));
          break;
        case 'int64':
          w.scalar('int64_val', String((d as BigInt64Array)[i]));
          break;
        case 'uint64':
          w.scalar('uint64_val', String((d as BigUint64Array)[i]));
          break;
        case 'bool':
          w.scalar('bool_val', (d as Uint8Array)[i] ? 'true' : 'false');
          break;
        case 'string':
          w.scalar('string_val', quoteBytes((d as Uint8Array[])[i] as Uint8Array));
          break;
      }
    }
  }
  w.close();
}

/** The raw row-major data, little-endian (numpy's `tobytes()` on the usual hosts). */
function littleEndianBytes(arr: NDArray): Uint8Array {
  const d = arr.data;
  const n = arr.size;
  switch (arr.dtype) {
    case 'uint8':
      return Uint8Array.from(d as Uint8Array);
    case 'int8':
      return new Uint8Array(Int8Array.from(d as Int8Array).buffer);
    case 'float16':
    case 'uint16':
    case 'int16': {
      const out = new DataView(new ArrayBuffer(2 * n));
      for (let i = 0; i < n; i++) out.setUint16(2 * i, ((d as Int16Array)[i] as number) & 0xffff, true);
      return new Uint8Array(out.buffer);
    }
    case 'uint32': {
      const out = new DataView(new ArrayBuffer(4 * n));
      for (let i = 0; i < n; i++) out.setUint32(4 * i, (d as Uint32Array)[i] as number, true);
      return new Uint8Array(out.buffer);
    }
    case 'uint64': {
      const out = new DataView(new ArrayBuffer(8 * n));
      for (let i = 0; i < n; i++) out.setBigUint64(8 * i, (d as BigUint64Array)[i] as bigint, true);
      return new Uint8Array(out.buffer);
    }
    case 'int32': {
      const out = new DataView(new ArrayBuffer(4 * n));
      for (let i = 0; i < n; i++) out.setInt32(4 * i, (d as Int32Array)[i] as number, true);
      return new Uint8Array(out.buffer);
    }
    case 'float32': {
      const out = new DataView(new ArrayBuffer(4 * n));
      for (let i = 0; i < n; i++) out.setFloat32(4 * i, (d as Float32Array)[i] as number, true);
      return new Uint8Array(out.buffer);
    }
    case 'float64': {
      const out = new DataView(new ArrayBuffer(8 * n));
      for (let i = 0; i < n; i++) out.setFloat64(8 * i, (d as Float64Array)[i] as number, true);
      return new Uint8Array(out.buffer);
    }
    case 'int64': {
      const out = new DataView(new ArrayBuffer(8 * n));
      for (let i = 0; i < n; i++) out.setBigInt64(8 * i, (d as BigInt64Array)[i] as bigint, true);
      return new Uint8Array(out.buffer);
    }
    default:
      throw new TypeError(`no tensor_content for dtype ${arr.dtype}`);
  }
}

// ---- scalars ---------------------------------------------------------------------------------

const utf8 = new TextEncoder();

/** A string field: its UTF-8 bytes, C-escaped, in double quotes. */
function quote(s: string): string {
  return quoteBytes(utf8.encode(s));
}

/**
 * Bytes as protobuf's `CEscape` writes them: `\n` `\r` `\t` `\"` `\'` `\\`, other bytes outside
 * printable ASCII (0x20–0x7e) as 3-digit octal, in double quotes.
 */
function quoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x22) out += '\\"';
    else if (b === 0x27) out += "\\'";
    else if (b === 0x5c) out += '\\\\';
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

function intText(v: number): string {
  return String(Math.trunc(v));
}

/** A `float` (32-bit) field: the stored float32 value widened to a double, printed as Python's `str()`. */
function floatText(v: number): string {
  return pyFloatRepr(Math.fround(v));
}

/**
 * Python's `repr`/`str` of a float: the shortest digits that round-trip, in positional notation
 * with at least one decimal (`13.0`, `0.0001`) unless the decimal exponent is below -4 or at
 * least 16, then `1e-05`, `1.5e+16`; `inf`, `-inf`, `nan`, `-0.0`.
 */
function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
