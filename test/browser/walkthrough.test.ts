// The built package in a browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
// loads dist/ from a local HTTP server through an import map and runs the README walkthrough
// (examples/walkthrough.ts, compiled); its printed lines must equal what Node prints. Then a
// build-time and a run-time error in the page must name the page's own script and line.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

/** What the walkthrough prints (Node prints the same: test/runtime/walkthrough.test.ts checks the values). */
const EXPECTED = [
  'Session 1: initialize, assign 13, read',
  '13',
  'Session 2: read without initializing',
  'FailedPreconditionError: Attempting to use uninitialized value foo',
  'Session 3: initialize, read',
  '42',
];

// The page: console.log collects its lines (an NDArray prints as its String(), as Node's
// console.log prints it), then the compiled walkthrough runs against dist/ through the import map.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>tensorgraph walkthrough</title>
<script type="importmap">{ "imports": { "tensorgraph": "/dist/index.js", "tensorgraph/v1": "/dist/v1.js" } }</script>
<script type="module">
  window.printed = [];
  console.log = (...args) => window.printed.push(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
  try {
    await import('/build/examples/walkthrough.js');
    window.outcome = { ok: true };
  } catch (e) {
    window.outcome = { ok: false, error: String(e && e.stack || e) };
  }
</script>
</head><body></body></html>
`;

// Errors in the page: each must name this script's line, as in Node.
const ERRORS_JS = `import * as tf from 'tensorgraph/v1';
export function buildError() {
  const a = tf.placeholder('float32', [2], 'a');
  try {
    tf.add(a, tf.placeholder('int32', [2], 'b')); // line 5
  } catch (e) {
    return e.name + ': ' + e.message;
  }
}
export function runError() {
  const g = new tf.Graph();
  const y = g.asDefault(() => tf.placeholder('float32', [2], 'x')); // line 12
  const sess = new tf.Session({ graph: g });
  try {
    sess.run(tf.identity(y));
  } catch (e) {
    return e.name + ': ' + e.message;
  } finally {
    sess.close();
  }
}
`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html' };

/** Serves the page, dist/ and build/examples/ (nothing else) on 127.0.0.1. */
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (path === '/') return send(200, TYPES['.html'] as string, PAGE);
    if (path === '/errors.js') return send(200, TYPES['.js'] as string, ERRORS_JS);
    const file = normalize(join(REPO, path));
    const allowed = [join(REPO, 'dist') + sep, join(REPO, 'build', 'examples') + sep].some((d) => file.startsWith(d));
    if (!allowed || !existsSync(file)) return send(404, 'text/plain', `not found: ${path}`);
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `The browser test needs Chromium at ${CHROMIUM}, which is missing. Install it: ` +
      '`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu; .ci/run does this in CI).',
  );
  server = await serve();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

test('headless Chromium runs the README walkthrough from dist/ and prints what Node prints', { timeout: 120_000 }, async () => {
  const page = await (browser as Browser).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (globalThis as { outcome?: unknown }).outcome !== undefined, null, { timeout: 60_000 });
  const { outcome, printed } = await page.evaluate(() => {
    const w = globalThis as unknown as { outcome: { ok: boolean; error?: string }; printed: string[] };
    return { outcome: w.outcome, printed: w.printed };
  });
  assert.deepEqual(outcome, { ok: true }, outcome.error);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(printed, EXPECTED);
  await page.close();
});

test("in the browser, build-time and run-time errors name the page script's line", { timeout: 60_000 }, async () => {
  const page = await (browser as Browser).newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (globalThis as { outcome?: unknown }).outcome !== undefined, null, { timeout: 60_000 });
  const [build, run] = await page.evaluate(async () => {
    const m = (await import('/errors.js' as string)) as { buildError(): string; runError(): string };
    return [m.buildError(), m.runError()];
  });
  assert.equal(
    build,
    `TypeError: Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.\nRaised while building the graph at ${origin}/errors.js:5:8`,
  );
  assert.match(run ?? '', new RegExp(`^InvalidArgumentError: You must feed a value for placeholder tensor 'x' with dtype float and shape \\[2\\]\\n\\t \\[\\[\\{\\{node x\\}\\}\\]\\]\\nOp 'x' \\(Placeholder\\) was created at ${origin.replace(/[.]/g, '\\.')}/errors\\.js:12:\\d+$`));
  await page.close();
});
