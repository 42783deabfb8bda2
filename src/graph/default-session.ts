import { ValueError } from '../core/errors.js';
import type { Graph } from './graph.js';
import { DefaultStack } from './stack.js';

/** What the graph layer needs of a session (the runtime's Session satisfies it). */
export interface SessionLike {
  readonly graph: Graph;
  run(fetches: unknown, feedDict?: unknown): unknown;
}

/** The default-session stack lives here, beside the default graph, as in TensorFlow's ops.py. */
export const defaultSessionStack = new DefaultStack<SessionLike>('Session');

export function getDefaultSession(): SessionLike | null {
  return defaultSessionStack.top ?? null;
}

/** TensorFlow's `_eval_using_default_session` / `_run_using_default_session`. */
export function evalUsingDefaultSession(
  target: { graph: Graph },
  feedDict: unknown,
  session: unknown,
  kind: 'tensor' | 'operation',
): unknown {
  const what = kind === 'tensor' ? 'evaluate tensor' : 'execute operation';
  const verb = kind === 'tensor' ? 'eval' : 'run';
  let sess = session as SessionLike | undefined | null;
  if (sess === undefined || sess === null) {
    sess = getDefaultSession();
    if (!sess) {
      throw new ValueError(
        kind === 'tensor'
          ? 'Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`'
          : 'Cannot execute operation using `run()`: No default session is registered. Use `with sess.as_default():` or pass an explicit session to `run(session=sess)`',
      );
    }
    if (sess.graph !== target.graph) {
      // TensorFlow quotes `eval(session=sess)` with backticks but not run(session=sess).
      const call = kind === 'tensor' ? `\`${verb}(session=sess)\`` : `${verb}(session=sess)`;
      throw new ValueError(
        `Cannot use the default session to ${what}: the ${kind}'s graph is different from the session's graph. Pass an explicit session to ${call}.`,
      );
    }
  } else if (sess.graph !== target.graph) {
    throw new ValueError(`Cannot use the given session to ${what}: the ${kind}'s graph is different from the session's graph.`);
  }
  return sess.run(target, feedDict);
}
