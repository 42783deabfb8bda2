// `npm run build`: the package's dist/. TypeScript compiles src/ (the .d.ts files into dist/, the
// JavaScript into build/lib/), then esbuild bundles that JavaScript into one ES module per entry
// point, with the code they share in one chunk, so `tensorgraph` and `tensorgraph/v1` imported
// together still share one module instance (one default graph, one op registry).
//
// Why bundle: Node's loader costs memory and time per module. Importing the ~340 modules tsc
// writes took 22 MB of RSS and about 250 ms; the bundle takes 8 MB and about 90 ms, and a training
// process's peak RSS drops by 6–9 MB. The bundle is not minified, so stack frames stay readable.
// Plain JavaScript (not compiled by build:dev) because it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
rmSync('dist', { recursive: true, force: true });
rmSync('build/lib', { recursive: true, force: true });

const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

await esbuild.build({
  entryPoints: {
    index: 'build/lib/index.js',
    v1: 'build/lib/v1.js',
    // Internal counters for the benchmarks (plan cache, cpu buffers): not in package.json's
    // exports; bench/ loads it from beside v1.js so that it shares the sessions' module instance.
    internals: 'build/lib/internals.js',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['node:*'],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  // Not keepNames: it wraps every closure in a `__name` call (a defineProperty), which made
  // 1000 tiny ops run 2.5× slower. Without it, a top-level name that two modules share gets a
  // numeric suffix in the bundle (`tf.layers.conv2d.name` is 'conv2d3'), and a class that refers
  // to itself becomes `var X = class _X`, named '_X'; fixSelfNamedClasses undoes the latter.
  // Linked to tsc's maps, so `node --enable-source-maps` names the .ts sources.
  sourcemap: true,
  logLevel: 'warning',
});

/**
 * esbuild writes a class that refers to itself as `var X = class _X { … _X … }`, so `X.name` (and
 * `console.log` of an instance, and stack frames) would say `_X`. Renames the inner binding back
 * to `X`, padded with a space so that every column, and so the source map, stays as it was.
 */
function fixSelfNamedClasses(file) {
  let text = readFileSync(file, 'utf8');
  const names = [...text.matchAll(/^var ([A-Za-z$][\w$]*) = class _\1\b/gm)].map((m) => m[1]);
  for (const name of names) {
    // `_X` as an identifier (not a property `._X`); the inner name is only in scope in the class body.
    text = text.replace(new RegExp(`(?<![.\\w$])_${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g'), `${name} `);
  }
  if (names.length > 0) writeFileSync(file, text);
}

for (const dir of ['dist', 'dist/chunks']) {
  for (const f of readdirSync(dir)) if (f.endsWith('.js')) fixSelfNamedClasses(`${dir}/${f}`);
}
