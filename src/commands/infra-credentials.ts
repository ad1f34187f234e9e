import type { Command } from 'commander';
import type { InfraCredentialsFlags } from './infra-credentials-impl.js';
import { globals } from './common.js';

export function registerInfraCredentials(program: Command): void {
  program
    .command('infra-credentials')
    .description(
      'on an external infrastructure cluster (the current kubeconfig): create the least-privilege ServiceAccount, Role and bindings the KubeVirt external-infrastructure docs list, and write the kubeconfig for create-cluster --infra-kubeconfig-file',
    )
    .requiredOption('-n, --namespace <ns>', 'the namespace for the VMs on the infrastructure cluster (create-cluster --infra-namespace)')
    .requiredOption('--out <file>', 'where to write the kubeconfig (mode 0600)')
    .option('--force', 'overwrite an existing file')
    .option('--timeout <duration>', 'how long to wait for the token (e.g. 2m)', '2m')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .action(async (f: InfraCredentialsFlags, cmd: Command) => {
      const { run } = await import('./infra-credentials-impl.js');
      await run(f, globals(cmd));
    });
}
