// What every cluster-facing command shares: global flags, a lazily loaded Kubernetes client, output mode.
import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { ProgressMode } from '../run/progress.js';

export interface Globals {
  kubeconfig?: string;
  context?: string;
  verbose: number;
  progress: ProgressMode;
}

export function globals(cmd: Command): Globals {
  const o = cmd.optsWithGlobals() as Partial<Globals>;
  return { kubeconfig: o.kubeconfig, context: o.context, verbose: o.verbose ?? 0, progress: o.progress ?? 'auto' };
}

/** Loads @kubernetes/client-node only now: commands that never reach a cluster never pay for it. */
export async function connectKube(g: Globals): Promise<Kube & { close(): void }> {
  const { connect } = await import('../kube/client.js');
  return connect({ kubeconfig: g.kubeconfig, context: g.context, verbose: g.verbose });
}

export type OutputFormat = 'text' | 'json' | 'yaml' | 'table';

export function outputFormat(value: string | undefined, allowed: OutputFormat[]): OutputFormat {
  const v = (value ?? allowed[0]) as OutputFormat;
  if (!allowed.includes(v)) throw usageError(`-o must be one of ${allowed.join(', ')}, got "${value}"`);
  return v;
}

export function list(value: string | undefined): string[] | undefined {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/**
 * An option with a fixed set of values, listed in --help and offered by shell completion. The command still
 * checks the value itself (not commander), so its message names where a bad value came from (flag,
 * environment or config file) with a hint, exactly as for its other inputs.
 */
export function enumOption(flags: string, description: string, values: readonly string[], defaultValue?: string): Option {
  const option = new Option(flags, description);
  option.argChoices = [...values];
  return defaultValue === undefined ? option : option.default(defaultValue);
}
