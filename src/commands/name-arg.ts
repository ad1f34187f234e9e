// `--name` beside every NAME argument: upstream's hcp takes the name only as --name (e.g. `hcp create kubeconfig
// --name X`, `hcp destroy cluster kubevirt --name X`), hcp-kv's own commands as an argument; both are accepted.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { usageError } from '../errors.js';

export function nameOption<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>, what = 'the hosted cluster') {
  return cmd.option('--name <name>', `${what} (same as the NAME argument)`);
}

/** The name from the argument or --name (exit 2 when neither is given or they disagree). */
export function nameOf(arg: string | undefined, flag: string | undefined, what = 'NAME'): string {
  if (arg !== undefined && flag !== undefined && arg !== flag) throw usageError(`${what} "${arg}" and --name "${flag}" disagree`, 'give one of them');
  const name = arg ?? flag;
  if (!name) throw usageError(`${what} is required`, 'give it as the argument or with --name');
  return name;
}
