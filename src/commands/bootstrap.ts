import type { Command } from 'commander';
import type { BootstrapFlags } from '../config/bootstrap.js';
import { usageError } from '../errors.js';
import { connectKube, globals, list, outputFormat } from './common.js';

interface Flags extends BootstrapFlags {
  replaceMetallbAddresses?: boolean;
  only?: string;
  skip?: string;
  dryRun?: string | boolean;
  output?: string;
  junit?: string;
}

export function registerBootstrap(program: Command): void {
  program
    .command('bootstrap')
    .description('prepare the management cluster: ODF storage, OpenShift Virtualization, MetalLB, multicluster engine with HyperShift, local-cluster, addon, wildcard routes')
    .option('--config <file>', 'YAML config file (flags override environment override file)')
    .option('--metallb-addresses <ranges>', 'MetalLB pool: ranges or CIDRs, comma-separated (env HCP_KV_METALLB_ADDRESSES)')
    .option('--storage <mode>', 'odf-local (install ODF on local disks) or existing (use a StorageClass you have)')
    .option('--storage-class <name>', 'StorageClass to make the default (default ocs-storagecluster-ceph-rbd)')
    .option('--mce-channel <channel>', 'multicluster engine channel (default: the catalog default)')
    .option('--replace-metallb-addresses', 'replace the MetalLB pool even when LoadBalancer Services hold addresses the new one leaves out')
    .option('--only <ids>', 'run only these step ids (comma-separated; preflight always runs)')
    .option('--skip <ids>', 'skip these step ids (comma-separated)')
    .option('--dry-run [mode]', 'client: print what would be applied, send nothing; server: let the server validate every object')
    .option('--timeout <duration>', 'give up after this long (e.g. 45m)')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (f: Flags, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
      const dryRun = f.dryRun === undefined || f.dryRun === false ? false : f.dryRun === true || f.dryRun === 'client' ? 'client' : f.dryRun === 'server' ? 'server' : undefined;
      if (dryRun === undefined) throw usageError(`--dry-run must be client or server, got "${String(f.dryRun)}"`);
      if (f.junit) (await import('../config/cluster.js')).validateOutputFile('--junit', f.junit);
      const { resolveBootstrapOptions } = await import('../config/bootstrap.js');
      const opts = await resolveBootstrapOptions(f);
      const { BOOTSTRAP_STEPS } = await import('../steps/bootstrap.js');
      const { planSteps } = await import('../run/runner.js');
      const only = list(f.only);
      const skip = list(f.skip);
      planSteps(BOOTSTRAP_STEPS, { only, skip });
      opts.replaceMetallbAddresses = Boolean(f.replaceMetallbAddresses);
      opts.metallbSelected = (!only || only.includes('metallb')) && !skip?.includes('metallb');
      if (dryRun === 'client') {
        const { bootstrapManifests } = await import('../manifests/bootstrap.js');
        const { toYamlDocuments } = await import('../output/yaml.js');
        const groups = bootstrapManifests(opts).filter((gr) => (!only || only.includes(gr.step)) && !skip?.includes(gr.step));
        for (const gr of groups) process.stderr.write(`[dry run] ${gr.step}: ${gr.objects.map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`).join(', ')}\n`);
        process.stdout.write(toYamlDocuments(groups.flatMap((gr) => gr.objects)));
        return;
      }
      const { interruptSignal } = await import('../run/interrupt.js');
      const { startDeadline } = await import('../run/deadline.js');
      // The deadline covers the first connection and preflight too, not only the steps after it.
      const deadline = startDeadline('bootstrap', opts.timeoutMs, interruptSignal);
      const kube = await connectKube(g, deadline.signal);
      try {
        const { runSteps } = await import('../run/runner.js');
        const { printSummary, writeJUnit } = await import('../output/summary.js');
        const summary = await runSteps(BOOTSTRAP_STEPS, { opts, kube, dryRun }, { progress: g.progress, only: only ? ['preflight', ...only.filter((x) => x !== 'preflight')] : undefined, skip, signal: deadline.signal, title: 'bootstrap' });
        printSummary(summary, { output, extra: { command: 'bootstrap', server: kube.server, dryRun } });
        if (f.junit) await writeJUnit(f.junit, 'bootstrap', summary);
        if (summary.error) throw summary.error;
        if (output === 'text') process.stderr.write(`\nThe management cluster is ready. Next: hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json\n`);
      } finally {
        deadline.dispose();
        kube.close();
      }
    });
}
