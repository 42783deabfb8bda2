// The package as a user installs it: `npm pack` of this repository unpacked into a temporary
// project's node_modules. CommonJS `require()` of both entry points (Node >= 20.19; a clear
// ERR_REQUIRE_ESM before), ESM `import`, and the README's minimal tsconfig.json and example
// compiled with TypeScript and run.
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
// require(esm) without a flag: Node 20.19+, 22.12+ (process.features.require_module says so).
const REQUIRE_ESM = (process.features as { require_module?: boolean }).require_module === true;

let dir = '';

function check(r: SpawnSyncReturns<string>, what: string): string {
  assert.equal(r.error, undefined, `${what}: ${r.error}`);
  assert.equal(r.status, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** npm, as `npm test` runs us (npm_execpath), else the one on PATH. */
function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const cli = process.env.npm_execpath;
  return cli && /\.c?js$/.test(cli)
    ? spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' })
    : spawnSync('npm', args, { cwd, encoding: 'utf8' });
}

const node = (args: readonly string[]) => spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tg-packaging-'));
  // --ignore-scripts: `npm test` has just built dist/, and prepack's rebuild would pull it from
  // under the tests running beside this one.
  check(npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], REPO), 'npm pack');
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  assert.ok(tgz, 'npm pack wrote no tarball');
  const pkg = join(dir, 'node_modules', 'tensorgraph');
  mkdirSync(pkg, { recursive: true });
  check(spawnSync('tar', ['-xzf', join(dir, tgz), '-C', pkg, '--strip-components=1'], { encoding: 'utf8' }), 'tar');
  // @types/node for the README's tsconfig ("types": ["node"]), as `npm i -D @types/node` gives.
  symlinkSync(join(REPO, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CJS = `const tf = require('tensorgraph/v1');
const root = require('tensorgraph');
const graph = new tf.Graph();
const sum = graph.asDefault(() => tf.add(tf.constant(2), tf.constant(3)));
const sess = new tf.Session({ graph });
console.log(String(sess.run(sum)));
sess.close();
console.log(root.compat.v1.Session === tf.Session, typeof root.errors.OpError);
`;

describe('CommonJS require() of the packed package', () => {
  test(`require('tensorgraph') and require('tensorgraph/v1') run a graph (${REQUIRE_ESM ? 'this Node has require(esm)' : 'this Node: clear ESM-only error'})`, () => {
    writeFileSync(join(dir, 'use.cjs'), CJS);
    const r = node(['use.cjs']);
    if (REQUIRE_ESM) {
      // A top-level await anywhere in the module graph would fail here with ERR_REQUIRE_ASYNC_MODULE.
      assert.equal(check(r, 'use.cjs'), '5\ntrue function\n');
      assert.equal(r.stderr, '', 'no warning either');
    } else {
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /ERR_REQUIRE_ESM/);
    }
  });

  test('where require(esm) is off (Node < 20.19, simulated), the error says the package is an ES module', { skip: !REQUIRE_ESM && 'this Node has no --no-experimental-require-module' }, () => {
    writeFileSync(join(dir, 'use.cjs'), CJS);
    const r = node(['--no-experimental-require-module', 'use.cjs']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Error \[ERR_REQUIRE_ESM\]: require\(\) of ES Module .*node_modules\/tensorgraph\/dist\/v1\.js from .*use\.cjs not supported/);
    assert.match(r.stderr, /dynamic import\(\)/);
  });

  test('the entry points have no top-level await (the whole module graph loads synchronously)', () => {
    // require(esm) refuses a graph with top-level await; print where one would be, if any.
    const r = node(['--input-type=module', '-e', "import 'tensorgraph'; import 'tensorgraph/v1'; console.log('ok');"]);
    assert.equal(check(r, 'import'), 'ok\n');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.js')) files.push(join(d, e.name));
      }
    };
    walk(join(dir, 'node_modules', 'tensorgraph', 'dist'));
    // Unindented `await` (or `for await`) can only be top-level in tsc output.
    const tla = files.filter((f) => /^(?:const .*= )?(?:for )?await\b/m.test(readFileSync(f, 'utf8')));
    assert.deepEqual(tla, []);
  });
});

describe('the bundled dist/', () => {
  test("'tensorgraph' and 'tensorgraph/v1' share one module instance, and classes keep their names", () => {
    const script = [
      "import * as tf from 'tensorgraph'; import * as v1 from 'tensorgraph/v1'; import util from 'node:util';",
      'console.log(tf.compat.v1.Graph === v1.Graph, tf.errors.OpError === v1.errors.OpError);',
      // esbuild names a self-referring class `_X`; the build names it back (scripts/build-dist.mjs)
      'console.log([v1.NDArray, v1.TensorShape, v1.errors.OpError, v1.data.Dataset, v1.Graph].map((c) => c.name).join(" "));',
      "console.log(util.inspect(v1.data.Dataset.fromTensorSlices(new v1.NDArray('float32', [2], Float32Array.of(1, 2)))).split(' ')[0]);",
    ].join('\n');
    const r = node(['--input-type=module', '-e', script]);
    assert.equal(check(r, 'import'), 'true true\nNDArray TensorShape OpError Dataset Graph\nDataset\n');
  });

  test("dist/internals.js (the benches' counters) shares the sessions' module instance", () => {
    const script = [
      "import * as tf from 'tensorgraph/v1';",
      "const { cpuBackend, planCount } = await import(new URL('./internals.js', import.meta.resolve('tensorgraph/v1')).href);",
      'const g = new tf.Graph();',
      "const y = g.asDefault(() => tf.add(tf.placeholder('float32', [2], 'x'), tf.constant(1, 'float32')));",
      "const s = new tf.Session({ graph: g, backend: 'cpu' });",
      'const before = cpuBackend.stats.allocations;',
      "s.run(y, new Map([[g.getTensorByName('x:0'), new tf.NDArray('float32', [2], Float32Array.of(1, 2))]]));",
      'console.log(planCount(g), cpuBackend.stats.allocations > before);',
    ].join('\n');
    const r = node(['--input-type=module', '-e', script]);
    assert.equal(check(r, 'internals'), '1 true\n');
  });
});

describe('the installed package names the user line', () => {
  // dist/*.js.map point at ../src/*.ts, absent from the package: Node still maps library frames to
  // those .ts paths, outside dist/; they must not be taken for the user's frame.
  for (const flags of [[], ['--enable-source-maps']]) {
    test(`a build error and a run-time error from node_modules/tensorgraph (${flags.join(' ') || 'plain node'})`, () => {
      writeFileSync(
        join(dir, 'sites.mjs'),
        [
          "import * as tf from 'tensorgraph/v1';",
          "const x = tf.placeholder('float32', [2], 'x');",
          "try { tf.add(x, tf.placeholder('int32', [2])); } catch (e) { console.log(e.message.split('\\n').pop()); }",
          'try { new tf.Session().run(tf.identity(x)); } catch (e) { console.log(e.message.split(\'\\n\').pop()); }',
          '',
        ].join('\n'),
      );
      const out = check(node([...flags, 'sites.mjs']), 'sites.mjs').split('\n');
      const at = (line: number) => new RegExp(`(?:file://)?${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/sites\\.mjs:${line}:\\d+$`);
      assert.match(out[0] ?? '', /^Raised while building the graph at /);
      assert.match(out[0] ?? '', at(3));
      assert.match(out[1] ?? '', /^Op 'x' \(Placeholder\) was created at /);
      assert.match(out[1] ?? '', at(2));
    });
  }
});

/** The fenced block right after the `<!-- marker ... -->` comment in README.md. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const m = new RegExp(`<!-- ${marker}[^\\n]*-->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(readme);
  assert.ok(m?.[1], `README.md has no block after <!-- ${marker}`);
  return m[1];
}

describe("README's TypeScript setup", () => {
  test('its tsconfig.json compiles its `using` example against the packed package, and the output runs on this Node', () => {
    const tsconfig = JSON.parse(readmeBlock('tsconfig:'));
    assert.equal(tsconfig.compilerOptions.target, 'ES2022');
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const example = readmeBlock('example: src/main.ts');
    assert.match(example, /\busing sess\b/);
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'main.ts'), example);
    check(spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { encoding: 'utf8' }), 'tsc');
    assert.equal(check(node([join('dist', 'main.js')]), 'node dist/main.js'), '5\n');
  });
});
