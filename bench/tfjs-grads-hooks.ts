// Module hooks that let Node load `@tensorflow/tfjs-core/dist/register_all_gradients.js`: that
// file and the modules it imports are ES modules with extensionless relative imports in a package
// that Node treats as CommonJS. tfjs-core's Node bundle (its `main`) has no kernel gradients, and
// `tf.variableGrads` needs them; their registry is global, so registering them from this second
// copy of the modules serves the bundle's engine too.
const DIST = '/@tensorflow/tfjs-core/dist/';

interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: { parentURL?: string }) => Promise<Resolved>;

export async function resolve(specifier: string, context: { parentURL?: string }, next: NextResolve): Promise<Resolved> {
  const parent = context.parentURL ?? '';
  if (!parent.includes(DIST) || !specifier.startsWith('.')) return next(specifier, context);
  const base = new URL(specifier, parent).href;
  const url = specifier === '..' || specifier.endsWith('/') ? `${base.replace(/\/$/, '')}/index.js` : `${base}.js`;
  return { url, format: 'module', shortCircuit: true };
}

interface Loaded {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context: { format?: string | null }) => Promise<Loaded>;

export async function load(url: string, context: { format?: string | null }, next: NextLoad): Promise<Loaded> {
  if (url.includes(DIST) && !url.endsWith('/tf-core.node.js')) return next(url, { ...context, format: 'module' });
  return next(url, context);
}
