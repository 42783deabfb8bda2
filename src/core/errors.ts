/**
 * TensorFlow's error classes. Build-time misuse raises `ValueError` / `TypeError`; misuse of a
 * session raises `RuntimeError`; kernel and executor failures raise an `OpError` subclass that
 * carries the failing op (when it is a graph op), the error code and the op's creation site.
 */

/** What an error needs to know about the op that failed (the graph's Operation satisfies it). */
export interface ErrorOp {
  readonly name: string;
  readonly type: string;
  /** Where the op was created, as `file:line:col`, outside tensorgraph's own code. */
  readonly creationSite: string | undefined;
}

/** The node an OpError is about: at least its name and op type (a NodeDef has more). */
export interface NodeDefLike {
  readonly name: string;
  readonly op: string;
  readonly [key: string]: unknown;
}

/** Defines read-only, non-enumerable own properties (kept out of `util.inspect` and uncaught-error output). */
function hideProperties(target: object, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(target, key, { value, enumerable: false, writable: false, configurable: true });
  }
}

/** Python's ValueError. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** Python's RuntimeError: the session or graph is in the wrong state for the call. */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/**
 * Python's LookupError: tf.gradients through an op with no registered gradient, or through
 * PreventGradient. Python's KeyError is a LookupError.
 */
export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}

/** Python's KeyError: a name that does not exist in the graph. */
export class KeyError extends LookupError {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/** Python's AssertionError, for violated nesting of default stacks. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** `tf.errors.InaccessibleTensorError` (a ValueError). */
export class InaccessibleTensorError extends ValueError {
  constructor(message: string) {
    super(message);
    this.name = 'InaccessibleTensorError';
  }
}

/** `tf.errors.OperatorNotAllowedInGraphError` (a TypeError). */
export class OperatorNotAllowedInGraphError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorNotAllowedInGraphError';
  }
}

export const OK = 0;
export const CANCELLED = 1;
export const UNKNOWN = 2;
export const INVALID_ARGUMENT = 3;
export const DEADLINE_EXCEEDED = 4;
export const NOT_FOUND = 5;
export const ALREADY_EXISTS = 6;
export const PERMISSION_DENIED = 7;
export const RESOURCE_EXHAUSTED = 8;
export const FAILED_PRECONDITION = 9;
export const ABORTED = 10;
export const OUT_OF_RANGE = 11;
export const UNIMPLEMENTED = 12;
export const INTERNAL = 13;
export const UNAVAILABLE = 14;
export const DATA_LOSS = 15;
export const UNAUTHENTICATED = 16;

/**
 * `tf.errors.OpError`. `message` starts with TensorFlow's text; when the failing op is known, a
 * `[[{{node name}}]]` line and its creation site follow, as TensorFlow's session prints them.
 */
export class OpError extends Error {
  // Non-enumerable (defined in the constructor): Node prints an uncaught error with its own
  // enumerable properties, and `op` reaches the whole graph. So it prints like any other error:
  // name, message (with the node and its creation site) and stack.
  /** The graph op that failed, or null for synthetic nodes (fetch/feed) and session-level errors. */
  declare readonly op: ErrorOp | null;
  declare readonly errorCode: number;
  /** The message without the node annotation, exactly as the kernel raised it. */
  declare readonly baseMessage: string;
  private declare readonly givenNodeDef: unknown;

  constructor(nodeDef: unknown, op: ErrorOp | null, message: string, errorCode: number = UNKNOWN) {
    super(OpError.annotate(message, op));
    this.name = 'OpError';
    hideProperties(this, { op, errorCode, baseMessage: message, givenNodeDef: nodeDef ?? null });
  }

  /** Same as errorCode (TF calls it `error_code`). */
  get code(): number {
    return this.errorCode;
  }

  /** The op's name and type, as TensorFlow's `e.node_def` identifies it. */
  get nodeDef(): NodeDefLike | null {
    if (this.givenNodeDef !== null) return this.givenNodeDef as NodeDefLike;
    return this.op ? { name: this.op.name, op: this.op.type } : null;
  }

  static annotate(message: string, op: ErrorOp | null): string {
    if (!op) return message;
    const site = op.creationSite ? `\nOp '${op.name}' (${op.type}) was created at ${op.creationSite}` : '';
    return `${message}\n\t [[{{node ${op.name}}}]]${site}`;
  }
}

export class CancelledError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, CANCELLED);
    this.name = 'CancelledError';
  }
}

export class UnknownError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, UNKNOWN);
    this.name = 'UnknownError';
  }
}

export class InvalidArgumentError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, INVALID_ARGUMENT);
    this.name = 'InvalidArgumentError';
  }
}

export class DeadlineExceededError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, DEADLINE_EXCEEDED);
    this.name = 'DeadlineExceededError';
  }
}

export class NotFoundError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, NOT_FOUND);
    this.name = 'NotFoundError';
  }
}

export class AlreadyExistsError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, ALREADY_EXISTS);
    this.name = 'AlreadyExistsError';
  }
}

export class PermissionDeniedError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, PERMISSION_DENIED);
    this.name = 'PermissionDeniedError';
  }
}

export class ResourceExhaustedError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, RESOURCE_EXHAUSTED);
    this.name = 'ResourceExhaustedError';
  }
}

export class FailedPreconditionError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, FAILED_PRECONDITION);
    this.name = 'FailedPreconditionError';
  }
}

export class AbortedError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, ABORTED);
    this.name = 'AbortedError';
  }
}

export class OutOfRangeError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, OUT_OF_RANGE);
    this.name = 'OutOfRangeError';
  }
}

export class UnimplementedError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, UNIMPLEMENTED);
    this.name = 'UnimplementedError';
  }
}

export class InternalError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, INTERNAL);
    this.name = 'InternalError';
  }
}

export class UnavailableError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, UNAVAILABLE);
    this.name = 'UnavailableError';
  }
}

export class DataLossError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, DATA_LOSS);
    this.name = 'DataLossError';
  }
}

export class UnauthenticatedError extends OpError {
  constructor(nodeDef: unknown, op: ErrorOp | null, message: string) {
    super(nodeDef, op, message, UNAUTHENTICATED);
    this.name = 'UnauthenticatedError';
  }
}

export type OpErrorClass = new (nodeDef: unknown, op: ErrorOp | null, message: string) => OpError;

/** Re-raise an OpError with the failing op attached (keeps the class and code). */
export function withOp(e: OpError, op: ErrorOp | null): OpError {
  if (e.constructor === OpError) return new OpError(null, op, e.baseMessage, e.errorCode);
  const cls = e.constructor as OpErrorClass;
  return new cls(null, op, e.baseMessage);
}

/** The OpError subclass for a code (TensorFlow's `exception_type_from_error_code`). */
export function exceptionTypeFromErrorCode(code: number): OpErrorClass {
  const classes: OpErrorClass[] = [
    UnknownError, CancelledError, UnknownError, InvalidArgumentError, DeadlineExceededError, NotFoundError,
    AlreadyExistsError, PermissionDeniedError, ResourceExhaustedError, FailedPreconditionError, AbortedError,
    OutOfRangeError, UnimplementedError, InternalError, UnavailableError, DataLossError, UnauthenticatedError,
  ];
  const cls = classes[code];
  if (!cls || code === OK) throw new KeyError(`${code}`);
  return cls;
}
