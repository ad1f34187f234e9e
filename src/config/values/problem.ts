// What a value parser returns: the typed value, or a typed problem naming the flag and what a valid value looks
// like. Commands either stop at the first problem (`must`) or collect every problem of a command line and report
// them at once (`Problems`, as kind aggregates its validation errors: sigs.k8s.io/kind@v0.27.0
// pkg/errors/aggregate.go), one usage error, exit 2, nothing sent.
import { ExitCode, isHcpError, usageError, type HcpError } from '../../errors.js';

export interface Problem {
  readonly message: string;
  readonly hint?: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

/** The hint a usage error gets when it names none. */
const DEFAULT_HINT = usageError('').hint;

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = (message: string, hint?: string): Parsed<never> => ({ ok: false, problem: hint === undefined ? { message } : { message, hint } });

/** The value, or the problem thrown as a usage error (exit 2). */
export function must<T>(r: Parsed<T>): T {
  if (!r.ok) throw usageError(r.problem.message, r.problem.hint);
  return r.value;
}

/** One usage error for every problem: the first as it would read alone (its message and hint), every other one
 * on a line of its own below it, with its hint. */
export function problemsError(problems: readonly Problem[]): HcpError {
  const [first, ...rest] = problems;
  if (!first) return usageError('no problem');
  const more = rest.map((p) => `\n  also: ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('');
  return usageError(`${first.message}${more}`, first.hint);
}

/** Collects the problems of one command line; later checks still run on the values that did parse. */
export class Problems {
  readonly list: Problem[] = [];

  /** The parsed value, or `fallback` (so checks that depend on it can go on) after noting the problem. */
  take<T>(r: Parsed<T>, fallback: T): T {
    if (r.ok) return r.value;
    this.list.push(r.problem);
    return fallback;
  }

  add(message: string, hint?: string): void {
    this.list.push(hint === undefined ? { message } : { message, hint });
  }

  /** Runs a check written in the throwing style (usage errors) and notes its problem instead. */
  attempt<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch (e) {
      if (!isHcpError(e) || e.exitCode !== ExitCode.usage) throw e;
      this.list.push(e.hint === undefined || e.hint === DEFAULT_HINT ? { message: e.message } : { message: e.message, hint: e.hint });
      return fallback;
    }
  }

  throwIfAny(): void {
    if (this.list.length) throw problemsError(this.list);
  }
}
