// The portable core (DESIGN §2): no Node-only API outside src/core/platform.ts, and the platform
// module's browser fallbacks.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isRuntimeInternal, pathOfLocation, writeOutput } from '../../src/core/platform.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(REPO, 'src');
const PLATFORM = join('core', 'platform.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.[cm]?ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// `process` anywhere (code or comment), a `node:` module specifier, and the other Node globals.
const NODE_ONLY: readonly [string, RegExp][] = [
  ['process', /\bprocess\b/],
  ['a node: module', /['"`]node:/],
  ['Buffer', /\bBuffer\b/],
  ['__dirname / __filename', /\b__(?:dirname|filename)\b/],
  ['require()', /\brequire\s*\(/],
];

describe('portable core: Node-only API only in src/core/platform.ts', () => {
  test('no file of src/ but the platform module names process, node:*, Buffer, __dirname or require()', () => {
    const files = sourceFiles(SRC);
    assert.ok(files.length > 20, `expected the library sources under ${SRC}`);
    assert.ok(files.some((f) => relative(SRC, f) === PLATFORM), 'src/core/platform.ts exists');
    const found: string[] = [];
    for (const file of files) {
      if (relative(SRC, file) === PLATFORM) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [what, re] of NODE_ONLY) if (re.test(line)) found.push(`src/${relative(SRC, file)}:${i + 1}: ${what}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, [], 'move environment-specific code into src/core/platform.ts');
  });

  test('the check itself finds what it looks for', () => {
    const hits = (line: string) => NODE_ONLY.filter(([, re]) => re.test(line)).map(([what]) => what);
    assert.deepEqual(hits("import { fileURLToPath } from 'node:url';"), ['a node: module']);
    assert.deepEqual(hits('process.stdout.write(text);'), ['process']);
    assert.deepEqual(hits('const b = Buffer.from(x);'), ['Buffer']);
    // A property named `node` or `ArrayBuffer` is not Node-only.
    assert.deepEqual(hits('{ node: Operation[], buf: new ArrayBuffer(8) }'), []);
  });
});

/** Runs `fn` with `globalThis.process` hidden, as in a browser. */
function withoutProcess(fn: () => void): void {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'process');
  assert.ok(saved, 'globalThis.process is an own property in Node');
  Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true, writable: true });
  try {
    fn();
  } finally {
    Object.defineProperty(globalThis, 'process', saved);
  }
}

describe('platform module', () => {
  test('writeOutput writes to process.stdout / process.stderr unchanged when there is a process', () => {
    const got: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => {
      got.push(s);
      return true;
    }) as typeof process.stdout.write;
    try {
      writeOutput('stdout', 'a\nb\n');
    } finally {
      process.stdout.write = write;
    }
    assert.deepEqual(got, ['a\nb\n']);
  });

  test('without a process (a browser), writeOutput uses console.log / console.error, one trailing newline dropped', () => {
    const got: string[] = [];
    const { log, error } = console;
    console.log = (s: string) => got.push(`log ${s}`);
    console.error = (s: string) => got.push(`error ${s}`);
    try {
      withoutProcess(() => {
        writeOutput('stdout', 'x = 3\n');
        writeOutput('stderr', 'y\n\n');
        writeOutput('stderr', 'no newline');
      });
    } finally {
      console.log = log;
      console.error = error;
    }
    assert.deepEqual(got, ['log x = 3', 'error y\n', 'error no newline']);
  });

  test('pathOfLocation: file: URLs become paths (as fileURLToPath), other locations stay', () => {
    for (const url of ['file:///tmp/a.js', 'file:///tmp/with%20space/%C3%A9.js', new URL('.', import.meta.url).href]) {
      assert.equal(pathOfLocation(url), fileURLToPath(url));
    }
    assert.equal(pathOfLocation('/work/src/graph/graph.ts'), '/work/src/graph/graph.ts');
    assert.equal(pathOfLocation('http://127.0.0.1:8080/dist/v1.js'), 'http://127.0.0.1:8080/dist/v1.js');
    withoutProcess(() => assert.equal(pathOfLocation('file:///tmp/a.js'), '/tmp/a.js'));
  });

  test("isRuntimeInternal: Node's own modules", () => {
    assert.equal(isRuntimeInternal('node:internal/modules/esm/module_job'), true);
    assert.equal(isRuntimeInternal('/tmp/node/a.js'), false);
  });
});
