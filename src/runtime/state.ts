import { RefCell, type SessionResources } from '../backends/backend.js';
import type { DType } from '../core/dtypes.js';
import { InvalidArgumentError } from '../core/errors.js';
import type { TensorShape } from '../core/shape.js';

/**
 * Everything a session owns: variable cells (by container and shared name) and per-op kernel
 * state. Two sessions of one graph have two of these and never see each other's values.
 */
export class SessionState implements SessionResources {
  private readonly cells = new Map<string, RefCell>();
  private readonly opStates = new Map<string, unknown>();

  variable(container: string, name: string, dtype: DType, shape: TensorShape): RefCell {
    const key = `${container}/${name}`;
    let c = this.cells.get(key);
    if (!c) {
      c = new RefCell(name, dtype, shape);
      this.cells.set(key, c);
    } else if (c.dtype !== dtype) {
      throw new InvalidArgumentError(null, null, `Trying to share variable ${name}, but specified dtype ${dtype} and found dtype ${c.dtype}.`);
    }
    return c;
  }

  opState<T>(opName: string, init: () => T): T {
    let s = this.opStates.get(opName) as T | undefined;
    if (s === undefined) {
      s = init();
      this.opStates.set(opName, s);
    }
    return s;
  }

  /** Drops every value (Session.close, Session.reset). */
  clear(): void {
    this.cells.clear();
    this.opStates.clear();
  }

  /** Bytes held by variable values (for the memory-per-session benchmark). */
  get variableCount(): number {
    return this.cells.size;
  }
}

