// What a new user trips on: an uncaught error prints like a normal error (message with the node
// and the user's line, then the stack; not the graph), and build-time errors name the user's line
// too, with and without `node --enable-source-maps`. The user's script is test/fixtures/user-errors.ts,
// run in a child process as Node runs a script.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import * as tf from '../../src/v1.js';
import { catchError, tfMessage } from '../runtime/helpers.js';

const FIXTURE_JS = new URL('../fixtures/user-errors.js', import.meta.url);
const FIXTURE_TS = fileURLToPath(new URL('../../../test/fixtures/user-errors.ts', import.meta.url));

/** The 1-based line of `marker` in a file. */
function lineOf(file: string, marker: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, `${marker} not found in ${file}`);
  return i + 1;
}

interface Mode {
  readonly name: string;
  readonly flags: readonly string[];
  /** How stack frames name the fixture, and the file to find a marker's line in. */
  readonly file: string;
  readonly source: string;
}

const MODES: readonly Mode[] = [
  { name: 'plain node', flags: [], file: FIXTURE_JS.href, source: fileURLToPath(FIXTURE_JS) },
  { name: 'node --enable-source-maps', flags: ['--enable-source-maps'], file: FIXTURE_TS, source: FIXTURE_TS },
];

/** Runs one export of the fixture as a script's top level would, uncaught errors and all. */
function runFixture(fn: string, mode: Mode): { status: number | null; stderr: string } {
  const code = `import { ${fn} } from ${JSON.stringify(FIXTURE_JS.href)};\n${fn}();\n`;
  const r = spawnSync(process.execPath, [...mode.flags, '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stderr: r.stderr };
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('an uncaught run-time error prints its message and the user line, not the graph', () => {
  for (const mode of MODES) {
    test(`${mode.name}: stderr is a short error naming the fixture's line`, () => {
      const { status, stderr } = runFixture('runTimeError', mode);
      assert.equal(status, 1, stderr);
      const line = lineOf(mode.source, 'RUN-TIME-SITE');
      assert.match(stderr, /InvalidArgumentError: You must feed a value for placeholder tensor 'x' with dtype float and shape \[2\]\n\t \[\[\{\{node x\}\}\]\]\n/);
      assert.match(stderr, new RegExp(`\\nOp 'x' \\(Placeholder\\) was created at ${reEscape(mode.file)}:${line}:\\d+\\n`));
      // Before, Node printed e.op: the Operation, its Graph and every op's stack (hundreds of lines).
      for (const leak of ['Graph {', 'Operation {', '_controlInputs', 'byName:', '  op:', 'errorCode:', 'givenNodeDef:', 'baseMessage:']) {
        assert.ok(!stderr.includes(leak), `stderr shows ${leak}:\n${stderr}`);
      }
      const lines = stderr.trimEnd().split('\n').length;
      assert.ok(lines <= 25, `stderr has ${lines} lines:\n${stderr}`);
    });
  }

  test('util.inspect(e) is the stack alone; op, nodeDef, errorCode and baseMessage stay readable', () => {
    const g = new tf.Graph();
    const y = g.asDefault(() => tf.add(tf.placeholder('float32', [2], 'x'), 1));
    using sess = new tf.Session({ graph: g });
    const e = catchError(() => sess.run(y)) as tf.errors.InvalidArgumentError;
    assert.ok(e instanceof tf.errors.InvalidArgumentError);
    assert.equal(inspect(e), e.stack);
    assert.equal(e.op?.name, 'x');
    assert.equal(e.op?.type, 'Placeholder');
    assert.deepEqual(e.nodeDef, { name: 'x', op: 'Placeholder' });
    assert.equal(e.errorCode, tf.errors.INVALID_ARGUMENT);
    assert.equal(e.code, tf.errors.INVALID_ARGUMENT);
    assert.equal(e.baseMessage, "You must feed a value for placeholder tensor 'x' with dtype float and shape [2]");
    assert.deepEqual(
      Object.keys(e).filter((k) => k !== 'name'),
      [],
    );
    // Read-only, as before.
    assert.throws(() => {
      (e as { op: unknown }).op = null;
    }, TypeError);
  });

  test('an OpError without an op prints the same way', () => {
    const e = new tf.errors.NotFoundError(null, null, 'no such thing');
    assert.equal(inspect(e), e.stack);
    assert.equal(e.op, null);
    assert.equal(e.nodeDef, null);
  });
});

describe("build-time errors name the user's line", () => {
  const cases = [
    ['buildTimeTypeError', 'TypeError', "Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.", 'TYPE-ERROR-SITE'],
    ['buildTimeValueError', 'ValueError', 'Dimensions must be equal, but are 3 and 4', 'VALUE-ERROR-SITE'],
    ['nestedBuildError', 'ValueError', 'Invalid reduction dimension 5 for input with 2 dimensions.', 'NESTED-ERROR-SITE'],
  ] as const;
  for (const mode of MODES) {
    for (const [fn, cls, text, marker] of cases) {
      test(`${mode.name}: ${fn} (${cls}) ends with the fixture's line, once`, () => {
        const { status, stderr } = runFixture(fn, mode);
        assert.equal(status, 1, stderr);
        assert.ok(stderr.includes(`${cls}: ${text}`), stderr);
        const line = lineOf(mode.source, marker);
        const sites = [...stderr.matchAll(/Raised while building the graph at (.+):(\d+):\d+\n/g)];
        assert.equal(sites.length, 1, stderr);
        assert.equal(sites[0]?.[1], mode.file);
        assert.equal(Number(sites[0]?.[2]), line);
      });
    }
  }

  test('in process: the message ends with this file and the builder call line; the stack header carries it too', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.placeholder('float32', [2, 3]);
      const e = catchError(() => tf.matmul(a, a)) as Error;
      assert.ok(e instanceof tf.ValueError);
      assert.match(tfMessage(e), /^Dimensions must be equal, but are 3 and 2 for '\{\{node MatMul\}\}/);
      assert.match(e.message, new RegExp(`\\nRaised while building the graph at ${reEscape(import.meta.url)}:\\d+:\\d+$`));
      assert.ok(e.stack?.startsWith(`ValueError: ${e.message}\n`), e.stack);
    });
  });

  test('the Variable constructor and tf.convertToTensor name the line too', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      for (const fn of [() => new tf.Variable([1.5], { dtype: 'int32' }), () => tf.convertToTensor('abc', 'float32')]) {
        const e = catchError(fn) as Error;
        assert.ok(e instanceof TypeError, String(e));
        assert.match(tfMessage(e), /^Expected (int32|float32), but got /);
        assert.match(e.message, new RegExp(`\\nRaised while building the graph at ${reEscape(import.meta.url)}:\\d+:\\d+$`));
      }
    });
  });

  test('checks a builder makes before building (options, dtype names, values) name the line too', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.placeholder('float32', [2, 2]);
      for (const fn of [
        () => tf.constant(1.5, 'int32'),
        () => tf.zeros([2], 'complex64' as never),
        () => tf.matmul(a, a, { transposeC: true } as never),
        () => tf.reduceSum(a, 0, true, 'name', 1),
      ]) {
        const e = catchError(fn) as Error;
        assert.ok(e instanceof TypeError || e instanceof tf.ValueError, String(e));
        assert.match(e.message, new RegExp(`\\nRaised while building the graph at ${reEscape(import.meta.url)}:\\d+:\\d+$`));
        assert.equal(e.message.split('Raised while building the graph at').length, 2, e.message);
      }
    });
  });

  test('an error rethrown through outer builders and scopes keeps one site line', () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.placeholder('float32', [2]);
      const e = catchError(() =>
        tf.nameScope('outer', () => tf.cast(tf.add(a, tf.placeholder('int32', [2])), 'int32')),
      ) as Error;
      assert.ok(e instanceof TypeError);
      assert.equal(e.message.split('Raised while building the graph at').length, 2, e.message);
      tfMessage(e);
    });
  });

  test('errors other than ValueError/TypeError are left as they are', () => {
    const g = new tf.Graph();
    g.asDefault(() => tf.constant(1, { name: 'c' }));
    g.finalize();
    const e = catchError(() => g.asDefault(() => tf.add(g.getTensorByName('c:0'), 1))) as Error;
    assert.ok(e instanceof tf.RuntimeError);
    assert.equal(e.message, 'Graph is finalized and cannot be modified.');
  });
});
