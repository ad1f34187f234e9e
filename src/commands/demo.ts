import type { Command } from 'commander';
import { HcpError } from '../errors.js';
import { globals } from './common.js';

// TEST-NET-1 (RFC 5737): documentation addresses, never routed; the embedded MetalLB only hands them out.
const DEMO_POOL = '192.0.2.10-192.0.2.50';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the embedded management cluster, bootstrap it, create hosted cluster kv-00 with 2 workers, and show it')
    .option('--profile <name>', 'simulated operator timings: instant, fast or realistic', 'fast')
    .action(async (f: { profile: string }, cmd: Command) => {
      const g = globals(cmd);
      const { join } = await import('node:path');
      const { startEmbedded } = await import('./embedded.js');
      const { resolveBootstrapOptions } = await import('../config/bootstrap.js');
      const { runBootstrap } = await import('./bootstrap-impl.js');
      const { printSummary } = await import('../output/summary.js');
      const { interruptSignal } = await import('../run/interrupt.js');
      const { runCreateCluster } = await import('./create-cluster.js');
      const { resolveClusterInput } = await import('../config/cluster.js');
      const { listClusters, listTable, clusterStatus, statusText } = await import('./clusters-impl.js');

      const embedded = await startEmbedded({ profile: f.profile as 'instant' | 'fast' | 'realistic', verbose: g.verbose });
      const { kube, dir } = embedded;
      process.stderr.write(`Embedded management cluster (OpenShift 4.12, MCE 2.2, profile ${f.profile}) at ${embedded.sim.api.url}\n\n$ hcp-kv bootstrap --metallb-addresses ${DEMO_POOL}\n`);
      try {
        const opts = await resolveBootstrapOptions({ metallbAddresses: DEMO_POOL }, {});
        const boot = await runBootstrap(kube, opts, { progress: g.progress, signal: interruptSignal });
        printSummary(boot, { output: 'text' });
        if (boot.error) throw boot.error;

        process.stderr.write('\n$ hcp-kv create-cluster kv-00 --replicas 2\n');
        const input = resolveClusterInput('kv-00', { replicas: '2' }, { PULL_SECRET: JSON.stringify({ auths: { 'quay.io': { auth: 'ZGVtbzpkZW1v' } } }) }, { requirePullSecret: true });
        const { summary } = await runCreateCluster(kube, { ...input, wait: true, skipVersionCheck: false, kubeconfigOut: join(dir, 'kv-00-kubeconfig'), force: true, engine: 'native', writeKubeconfig: true }, { progress: g.progress, signal: interruptSignal });
        printSummary(summary, { output: 'text' });
        if (summary.error) throw summary.error;

        process.stdout.write('\n$ hcp-kv list -A\n');
        process.stdout.write(listTable(await listClusters(kube)));
        process.stdout.write('\n$ hcp-kv status kv-00\n');
        process.stdout.write(statusText(await clusterStatus(kube, { name: 'kv-00', namespace: 'clusters' })));
        const rows = await listClusters(kube);
        if (!rows.some((r) => r.name === 'kv-00' && r.available === 'True' && r.progress === 'Completed')) throw new HcpError('the demo cluster kv-00 did not end Available and Completed');
        process.stdout.write(`\nDone: bootstrap ${(boot.durationMs / 1000).toFixed(1)}s, hosted cluster kv-00 ${(summary.durationMs / 1000).toFixed(1)}s. Try it against your own cluster: hcp-kv bootstrap, then hcp-kv create-cluster.\n`);
      } finally {
        await embedded.stop();
      }
    });
}
