import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

const destroyFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>, o: { confirm: boolean }) =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the deletion', '10m')
    .option('--grace-period <duration>', 'how long the deletion may take before it is forced (--force) or fails naming what holds it (default: --timeout)')
    .option('--cluster-grace-period <duration>', 'same as --grace-period (hcp CLI name)')
    .option('--force', 'after the grace period, remove the finalizers the deletion is stuck on (HostedCluster, NodePools, control-plane namespace objects) and report them')
    .option('--destroy-cloud-resources [bool]', 'annotate hypershift.openshift.io/cleanup-cloud-resources=true before deleting (default true; =false: do not, as hcp)')
    .option('--no-destroy-cloud-resources', 'do not annotate hypershift.openshift.io/cleanup-cloud-resources=true before deleting')
    .option('--kubeconfig-file <file>', 'the kubeconfig file create-cluster wrote for it (default NAME-kubeconfig): removed when it is still its admin kubeconfig, else left')
    .option('--yes', o.confirm ? 'do not ask for confirmation' : 'accepted (this spelling never asks, as hcp)')
    .option('--ignore-not-found', 'succeed when the cluster does not exist (else exit 1, listing what exists)')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
export type DestroyClusterFlags = FlagsOf<typeof destroyFlags<[], NoFlags, NoFlags>>;

export function registerDestroyCluster(program: CommandUnknownOpts): void {
  destroyClusterCommand(program.command('destroy-cluster [name]').description('delete a hosted cluster, wait until it is gone, and remove the secrets created for it (resumable)'), { confirm: true });
}

/** destroy-cluster's flags and action. `hcp destroy cluster kubevirt` (upstream.ts) never asks, as upstream. */
export function destroyClusterCommand<G extends OptionValues>(cmd: Command<[string | undefined], NoFlags, G>, o: { confirm: boolean }): void {
  defer(cmd, (c) =>
    destroyFlags(c, o).action(async (name, f, self) => {
      const { run } = await import('./destroy-cluster-impl.js');
      await run(nameOf(name, f.name), { ...f, ...(o.confirm ? {} : { yes: true }) }, globals(self));
    }),
  );
}
