import { AssertionError } from '../core/errors.js';

/**
 * A default stack (TensorFlow's `_DefaultStack`): `push` returns the pop for that entry, and
 * popping out of order raises TensorFlow's nesting AssertionError.
 */
export class DefaultStack<T> {
  private readonly items: T[] = [];

  constructor(private readonly kind: string) {}

  get top(): T | undefined {
    return this.items[this.items.length - 1];
  }

  get depth(): number {
    return this.items.length;
  }

  push(item: T): () => void {
    this.items.push(item);
    let popped = false;
    return () => {
      if (popped) return;
      // The entry must be on top; entries removed below it (InteractiveSession.close) do not matter.
      if (this.items[this.items.length - 1] !== item) {
        throw new AssertionError(`Nesting violated for default stack of ${this.kind} objects`);
      }
      this.items.pop();
      popped = true;
    };
  }

  /** Removes an entry wherever it is (InteractiveSession, which does not enforce nesting). */
  remove(item: T): void {
    const i = this.items.lastIndexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }
}

/** What the callback-or-`using` APIs return in their `using` form. */
export interface Scope<V = void> extends Disposable {
  /** The scope's value (the name scope string for `nameScope`). */
  readonly value: V;
  /** Leaves the scope; same as disposing it. */
  exit(): void;
}

/**
 * Runs `fn` inside a scope entered by `enter` (callback form), or returns the scope as a
 * Disposable for `using` (no callback). `enter` returns the scope value and its exit.
 */
export function scoped<V, R>(enter: () => [V, () => void], fn?: (value: V) => R): R | Scope<V> {
  if (fn !== undefined && typeof fn !== 'function') {
    throw new TypeError(`Expected a callback (or nothing, for the \`using\` form), got ${typeof fn}`);
  }
  const [value, leave] = enter();
  // Leaving twice (exit() then dispose, say) must not restore a stale outer state.
  let left = false;
  const exit = () => {
    if (left) return;
    leave();
    left = true;
  };
  if (!fn) return { value, exit, [Symbol.dispose]: exit };
  try {
    return fn(value);
  } finally {
    exit();
  }
}
