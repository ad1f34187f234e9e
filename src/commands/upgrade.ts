// hcp-kv upgrade NAME (--release X | --release-image IMG) [--node-pools all|none|NP,..] [--force]
import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { UpgradeOptions } from '../steps/upgrade/context.js';
import { connectKube, globals, list, outputFormat } from './common.js';

interface Flags {
  namespace: string;
  release?: string;
  releaseImage?: string;
  nodePools: string;
  force?: boolean;
  timeout: string;
  output?: string;
  junit?: string;
}

export function registerUpgrade(program: Command): void {
  program
    .command('upgrade <name>')
    .description('upgrade a hosted cluster: checks, then the control plane, then the node pools (VMs replaced one by one); resumable')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--release <x.y.z>', 'target OpenShift release')
    .option('--release-image <image>', 'target release image instead of --release')
    .option('--node-pools <which>', 'all, none, or comma-separated NodePool names', 'all')
    .option('--force', 'allow more than one minor version at once, and retarget an upgrade that is still rolling')
    .option('--timeout <duration>', 'how long to wait for each phase', '60m')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string, f: Flags, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
      const { validateName } = await import('../config/cluster.js');
      const { parseDuration } = await import('../config/load.js');
      validateName(name, f.namespace);
      if (f.release && f.releaseImage) throw usageError('--release and --release-image are exclusive', 'give one of them');
      if (!f.release && !f.releaseImage) throw usageError('a target is required', 'pass --release x.y.z (hcp-kv doctor lists the supported versions) or --release-image IMG');
      if (f.release && !/^\d+\.\d+\.\d+$/.test(f.release)) throw usageError(`--release "${f.release}" is not an OpenShift version`, 'write it like 4.14.8');
      if (f.releaseImage && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?\/[a-z0-9._/-]+(:[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/.test(f.releaseImage)) throw usageError(`--release-image "${f.releaseImage}" is not an image reference`, 'e.g. quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64');
      const pools = f.nodePools === 'all' || f.nodePools === 'none' ? f.nodePools : list(f.nodePools);
      if (!pools || (Array.isArray(pools) && !pools.length)) throw usageError('--node-pools must be all, none or NodePool names');
      const opts: UpgradeOptions = { name, namespace: f.namespace, release: f.release, releaseImage: f.releaseImage, nodePools: pools, force: Boolean(f.force), timeoutMs: parseDuration(f.timeout) };
      const kube = await connectKube(g);
      try {
        const { UPGRADE_STEPS } = await import('../steps/upgrade/index.js');
        const { runSteps } = await import('../run/runner.js');
        const { interruptSignal } = await import('../run/interrupt.js');
        const { printSummary, writeJUnit } = await import('../output/summary.js');
        const summary = await runSteps(UPGRADE_STEPS, { opts, kube, dryRun: false }, { progress: g.progress, signal: interruptSignal, title: `upgrade ${name}` });
        printSummary(summary, { output, extra: { command: 'upgrade', cluster: { name, namespace: f.namespace }, from: opts.current, to: opts.target?.version ?? opts.target?.image, nodePools: opts.pools } });
        if (f.junit) await writeJUnit(f.junit, 'upgrade', summary);
        if (summary.error) throw summary.error;
      } finally {
        kube.close();
      }
    });
}
