import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// What an implementation module provides: for each case id, a setup that returns the function
// to time (and how to free what it made), or throws NotAvailable with the reason it cannot run.

export interface Prepared {
  readonly fn: () => unknown;
  readonly dispose?: () => void | Promise<void>;
  /** The backend's allocation counter, where the implementation has one (allocations after the first run). */
  readonly allocations?: () => number;
  /** What the figure is, where a reader needs to know (printed as a numbered note under the table). */
  readonly note?: string;
}

export type Setup = () => Prepared | Promise<Prepared>;

/** A case this implementation cannot run, with the reason printed in the table's footnote. */
export class NotAvailable extends Error {}

/** Throws unless `got` is within `tol` (relative) of `want`: every case checks its result once. */
export function checkClose(got: number, want: number, what: string, tol = 1e-3): void {
  if (!(Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)))) throw new Error(`${what}: computed ${got}, expected ${want}`);
}

const require = createRequire(import.meta.url);

/** A package's installed version, read from node_modules (not every package exports its package.json). */
export function packageVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(path.join(dir, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // Not in this node_modules folder.
    }
  }
  return '?';
}
