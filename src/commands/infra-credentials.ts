import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, type FlagsOf, globals, type NoFlags } from './flags.js';

const infraCredentialsFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .requiredOption('-n, --namespace <ns>', 'the namespace for the VMs on the infrastructure cluster (create-cluster --infra-namespace)')
    .requiredOption('--out <file>', 'where to write the kubeconfig (mode 0600)')
    .option('--force', 'overwrite an existing file')
    .option('--timeout <duration>', 'how long to wait for the token (e.g. 2m)', '2m')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text');
export type InfraCredentialsFlags = FlagsOf<typeof infraCredentialsFlags<[], NoFlags, NoFlags>>;

export function registerInfraCredentials(program: CommandUnknownOpts): void {
  const infraCredentials = program
    .command('infra-credentials')
    .description(
      'on an external infrastructure cluster (the current kubeconfig): create the least-privilege ServiceAccount, Role and bindings the KubeVirt external-infrastructure docs list, and write the kubeconfig for create-cluster --infra-kubeconfig-file',
    );
  defer(infraCredentials, (cmd) =>
    infraCredentialsFlags(cmd).action(async (f, c) => {
      const { run } = await import('./infra-credentials-impl.js');
      await run(f, globals(c));
    }),
  );
}
