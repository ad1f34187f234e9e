// One error type for everything a user may see: what failed, on which object, what to do next.
// Only cli.ts turns it into an exit code.

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface HcpErrorOptions {
  hint?: string;
  cause?: unknown;
  exitCode?: ExitCode;
  /** Extra lines shown under the message with -v (conditions, causes). */
  details?: string[];
}

export class HcpError extends Error {
  readonly hint?: string;
  readonly exitCode: ExitCode;
  readonly details: string[];

  constructor(message: string, o: HcpErrorOptions = {}) {
    super(message, o.cause === undefined ? undefined : { cause: o.cause });
    this.name = 'HcpError';
    this.hint = o.hint;
    this.exitCode = o.exitCode ?? ExitCode.failed;
    this.details = o.details ?? [];
  }
}

/** Bad input or usage: nothing was changed (exit 2). */
export function usageError(message: string, hint?: string, cause?: unknown): HcpError {
  return new HcpError(message, { hint: hint ?? 'nothing was changed; run the command with --help for the accepted values', cause, exitCode: ExitCode.usage });
}

/** Cluster unreachable or unauthorized (exit 3). */
export function unreachableError(message: string, hint?: string, cause?: unknown): HcpError {
  return new HcpError(message, { hint, cause, exitCode: ExitCode.unreachable });
}

export class InterruptedError extends HcpError {
  constructor(message = 'interrupted', hint = 'run the same command again: it picks up where it stopped') {
    super(message, { exitCode: ExitCode.interrupted, hint });
    this.name = 'InterruptedError';
  }
}

/** A command's overall deadline (--timeout) passed. Waits that were cut short by it explain themselves. */
export class DeadlineError extends HcpError {
  constructor(
    readonly title: string,
    readonly ms: number,
    message: string,
  ) {
    super(message, { hint: 'raise --timeout, or run `hcp-kv doctor` to see what is stuck' });
    this.name = 'DeadlineError';
  }
}

export function isHcpError(e: unknown): e is HcpError {
  return e instanceof HcpError;
}
