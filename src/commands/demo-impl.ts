// The demo: embedded cluster → bootstrap → hosted cluster kv-00 with 2 workers → list, status.
import { join } from 'node:path';
import { resolveBootstrapOptions } from '../config/bootstrap.js';
import { resolveClusterInput } from '../config/cluster.js';
import { HcpError, usageError } from '../errors.js';
import { mirrorOptions } from '../config/mirror-flags.js';
import { DEMO_MIRROR, prepareDisconnected, verifyMirrored } from './demo-disconnected.js';
import { printSummary } from '../output/summary.js';
import { terminalWidth } from '../output/table.js';
import { io } from '../run/io.js';
import { runBootstrap } from './bootstrap-impl.js';
import { clusterStatus, listClusters, listTable } from './clusters-impl.js';
import { statusText } from '../output/status-text.js';
import type { Globals } from './common.js';
import { runCreateCluster } from './create-cluster-impl.js';
import { startEmbedded, type Embedded } from './embedded.js';
import { managementBootstrapFlags, parseTopology, prepareInfrastructure, verifyTopology } from './demo-topology.js';
import type { DemoFlags } from './demo.js';

// TEST-NET-1 (RFC 5737): documentation addresses, never routed; the embedded MetalLB only hands them out.
const DEMO_POOL = '192.0.2.10-192.0.2.50';

export async function run(f: DemoFlags, g: Globals): Promise<void> {
  const topology = parseTopology(f.topology);
  if (f.disconnected && topology === 'external') throw usageError('--disconnected and --topology external cannot be combined', 'run one of them');
  const embedded = await startEmbedded({ profile: f.profile as 'instant' | 'fast' | 'realistic', verbose: g.verbose, disconnected: Boolean(f.disconnected) });
  const { kube, dir } = embedded;
  const extra = managementBootstrapFlags(topology);
  let infra: Embedded | undefined;
  try {
    const mirror = f.disconnected ? await prepareDisconnected(dir) : undefined;
    io().stderr.write(
      `Embedded management cluster (OpenShift 4.12, MCE 2.2, profile ${f.profile}${mirror ? ', disconnected: public registries unreachable, mirror registry ' + DEMO_MIRROR : ''}) at ${embedded.sim.api.url}\n\n$ hcp-kv bootstrap --metallb-addresses ${DEMO_POOL}${extra.controlPlaneNodes ? ` --control-plane-nodes ${extra.controlPlaneNodes}` : ''}${mirror?.bootstrapArgs ?? ''}\n`,
    );
    const opts = await resolveBootstrapOptions({ metallbAddresses: DEMO_POOL, ...extra, ...mirror?.bootstrap }, {});
    const boot = await runBootstrap(kube, opts, { progress: g.progress, signal: io().signal });
    printSummary(boot, { output: 'text', progress: g.progress, result: 'The management cluster is ready' });
    if (boot.error) throw boot.error;

    const prepared = await prepareInfrastructure(topology, { profile: f.profile, pool: DEMO_POOL, g });
    infra = prepared.infra;
    io().stderr.write(
      `\n$ hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json${prepared.flags.infraNamespace ? ` --infra-kubeconfig-file infra.kubeconfig --infra-namespace ${prepared.flags.infraNamespace}` : ''}${mirror?.clusterArgs ?? ''}\n`,
    );
    const input = resolveClusterInput('kv-00', { replicas: '2', ...prepared.flags, ...mirror?.cluster }, { PULL_SECRET: JSON.stringify({ auths: { 'quay.io': { auth: 'ZGVtbzpkZW1v' } } }) }, { requirePullSecret: true });
    const { summary } = await runCreateCluster(
      kube,
      { ...input, wait: true, skipVersionCheck: false, kubeconfigOut: join(dir, 'kv-00-kubeconfig'), force: true, engine: 'native', writeKubeconfig: true, ...mirrorOptions(mirror?.cluster ?? {}) },
      { progress: g.progress, signal: io().signal },
    );
    printSummary(summary, { output: 'text', progress: g.progress, result: 'Hosted cluster kv-00 is ready' });
    if (summary.error) throw summary.error;

    io().stdout.write('\n$ hcp-kv list -A\n');
    io().stdout.write(listTable(await listClusters(kube), terminalWidth(io().stdout)));
    io().stdout.write('\n$ hcp-kv status kv-00\n');
    io().stdout.write(statusText(await clusterStatus(kube, { name: 'kv-00', namespace: 'clusters' }), terminalWidth(io().stdout)));
    const rows = await listClusters(kube);
    if (!rows.some((r) => r.name === 'kv-00' && r.available === 'True' && r.progress === 'Completed')) throw new HcpError('the demo cluster kv-00 did not end Available and Completed');
    const verdict = await verifyTopology(topology, kube, infra);
    if (verdict) io().stdout.write(`\nTopology ${topology}: ${verdict}\n`);
    if (mirror) io().stdout.write(`\nDisconnected: ${await verifyMirrored(kube)}\n`);
    io().stdout.write(
      `\nDone: bootstrap ${(boot.durationMs / 1000).toFixed(1)}s, hosted cluster kv-00 ${(summary.durationMs / 1000).toFixed(1)}s. The embedded cluster stops with the demo; to try the commands by hand, keep one running with "hcp-kv sim" (README: Try it by hand).\n`,
    );
  } finally {
    await infra?.stop();
    await embedded.stop();
  }
}
