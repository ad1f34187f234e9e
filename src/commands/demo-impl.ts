// The demo: embedded cluster → bootstrap → hosted cluster kv-00 with 2 workers → list, status.
import { join } from 'node:path';
import { resolveBootstrapOptions } from '../config/bootstrap.js';
import { resolveClusterInput } from '../config/cluster.js';
import { HcpError } from '../errors.js';
import { printSummary } from '../output/summary.js';
import { terminalWidth } from '../output/table.js';
import { interruptSignal } from '../run/interrupt.js';
import { runBootstrap } from './bootstrap-impl.js';
import { clusterStatus, listClusters, listTable, statusText } from './clusters-impl.js';
import type { Globals } from './common.js';
import { runCreateCluster } from './create-cluster-impl.js';
import { startEmbedded } from './embedded.js';

// TEST-NET-1 (RFC 5737): documentation addresses, never routed; the embedded MetalLB only hands them out.
const DEMO_POOL = '192.0.2.10-192.0.2.50';

/** `hcp-kv demo`. */
export async function run(f: { profile: string }, g: Globals): Promise<void> {
  const embedded = await startEmbedded({ profile: f.profile as 'instant' | 'fast' | 'realistic', verbose: g.verbose });
  const { kube, dir } = embedded;
  process.stderr.write(`Embedded management cluster (OpenShift 4.12, MCE 2.2, profile ${f.profile}) at ${embedded.sim.api.url}\n\n$ hcp-kv bootstrap --metallb-addresses ${DEMO_POOL}\n`);
  try {
    const opts = await resolveBootstrapOptions({ metallbAddresses: DEMO_POOL }, {});
    const boot = await runBootstrap(kube, opts, { progress: g.progress, signal: interruptSignal });
    printSummary(boot, { output: 'text', progress: g.progress, result: 'The management cluster is ready' });
    if (boot.error) throw boot.error;

    process.stderr.write('\n$ hcp-kv create-cluster kv-00 --replicas 2\n');
    const input = resolveClusterInput('kv-00', { replicas: '2' }, { PULL_SECRET: JSON.stringify({ auths: { 'quay.io': { auth: 'ZGVtbzpkZW1v' } } }) }, { requirePullSecret: true });
    const { summary } = await runCreateCluster(kube, { ...input, wait: true, skipVersionCheck: false, kubeconfigOut: join(dir, 'kv-00-kubeconfig'), force: true, engine: 'native', writeKubeconfig: true }, { progress: g.progress, signal: interruptSignal });
    printSummary(summary, { output: 'text', progress: g.progress, result: 'Hosted cluster kv-00 is ready' });
    if (summary.error) throw summary.error;

    process.stdout.write('\n$ hcp-kv list -A\n');
    process.stdout.write(listTable(await listClusters(kube), terminalWidth(process.stdout)));
    process.stdout.write('\n$ hcp-kv status kv-00\n');
    process.stdout.write(statusText(await clusterStatus(kube, { name: 'kv-00', namespace: 'clusters' }), terminalWidth(process.stdout)));
    const rows = await listClusters(kube);
    if (!rows.some((r) => r.name === 'kv-00' && r.available === 'True' && r.progress === 'Completed')) throw new HcpError('the demo cluster kv-00 did not end Available and Completed');
    process.stdout.write(`\nDone: bootstrap ${(boot.durationMs / 1000).toFixed(1)}s, hosted cluster kv-00 ${(summary.durationMs / 1000).toFixed(1)}s. Try it against your own cluster: hcp-kv bootstrap, then hcp-kv create-cluster.\n`);
  } finally {
    await embedded.stop();
  }
}
