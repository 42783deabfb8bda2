// Nested structures of values (TensorFlow's `nest`): arrays and plain objects are structures
// (object keys in sorted order, as nest flattens dicts); anything else is a leaf.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

export function isNested(v: unknown): boolean {
  return Array.isArray(v) || isPlainObject(v);
}

/** The leaves, depth first. */
export function flatten(v: unknown, isLeaf: (x: unknown) => boolean = () => false): unknown[] {
  if (!isLeaf(v) && Array.isArray(v)) return v.flatMap((x) => flatten(x, isLeaf));
  if (!isLeaf(v) && isPlainObject(v)) return Object.keys(v).sort().flatMap((k) => flatten(v[k], isLeaf));
  return [v];
}

/** `flat` put back into `structure`'s shape. */
export function packSequenceAs(structure: unknown, flat: readonly unknown[]): unknown {
  let i = 0;
  const build = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(build);
    if (isPlainObject(s)) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(s).sort()) out[k] = build(s[k]);
      return out;
    }
    return flat[i++];
  };
  return build(structure);
}

/** Why two structures differ (null when they match), in TensorFlow's words. */
export function structureMismatch(a: unknown, b: unknown): string | null {
  if (Array.isArray(a) !== Array.isArray(b) || isPlainObject(a) !== isPlainObject(b)) {
    return "The two structures don't have the same nested structure.";
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return "The two structures don't have the same number of elements.";
    for (let i = 0; i < a.length; i++) {
      const m = structureMismatch(a[i], b[i]);
      if (m) return m;
    }
  } else if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join('\0') !== kb.join('\0')) return "The two dictionaries don't have the same set of keys.";
    for (const k of ka) {
      const m = structureMismatch(a[k], b[k]);
      if (m) return m;
    }
  }
  return null;
}
