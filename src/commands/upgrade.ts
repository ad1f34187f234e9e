// hcp-kv upgrade NAME (--release X | --release-image IMG) [--node-pools all|none|NP,..] [--force]
import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { nameOf, nameOption } from './name-arg.js';

const upgradeFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  nameOption(cmd)
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--release <x.y[.z]>', 'target OpenShift release; x.y means its newest patch a ClusterImageSet offers')
    .option('--release-image <image>', 'target release image instead of --release')
    .option('--node-pools <which>', 'all, none, or comma-separated NodePool names', 'all')
    .option('--force', 'allow more than one minor version at once, and retarget an upgrade that is still rolling')
    .option('--timeout <duration>', 'how long to wait for each phase', '60m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
export type UpgradeFlags = FlagsOf<typeof upgradeFlags<[], NoFlags, NoFlags>>;

export function registerUpgrade(program: CommandUnknownOpts): void {
  defer(program.command('upgrade [name]').description('upgrade a hosted cluster: checks, then the control plane, then the node pools (VMs replaced one by one); resumable'), (cmd) =>
    upgradeFlags(cmd).action(async (name, f, c) => {
      const { run } = await import('./upgrade-impl.js');
      await run(nameOf(name, f.name), f, globals(c));
    }),
  );
}
