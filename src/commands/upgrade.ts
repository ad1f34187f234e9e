// hcp-kv upgrade NAME (--release X | --release-image IMG) [--node-pools all|none|NP,..] [--force]
import type { Command } from 'commander';
import type { UpgradeFlags } from './upgrade-impl.js';
import { enumOption, globals } from './common.js';
import { nameOf, nameOption } from './name-arg.js';

export function registerUpgrade(program: Command): void {
  nameOption(program.command('upgrade [name]').description('upgrade a hosted cluster: checks, then the control plane, then the node pools (VMs replaced one by one); resumable'))
    .option('-n, --namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--release <x.y[.z]>', 'target OpenShift release; x.y means its newest patch a ClusterImageSet offers')
    .option('--release-image <image>', 'target release image instead of --release')
    .option('--node-pools <which>', 'all, none, or comma-separated NodePool names', 'all')
    .option('--force', 'allow more than one minor version at once, and retarget an upgrade that is still rolling')
    .option('--timeout <duration>', 'how long to wait for each phase', '60m')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string | undefined, f: UpgradeFlags & { name?: string }, cmd: Command) => {
      const { run } = await import('./upgrade-impl.js');
      await run(nameOf(name, f.name), f, globals(cmd));
    });
}
