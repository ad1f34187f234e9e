// hcp-kv upgrade: validate the flags, then run the upgrade steps (checks → control plane → node pools).
import { validateName } from '../config/cluster.js';
import { parseDuration } from '../config/load.js';
import { parseRelease } from '../config/release.js';
import { usageError } from '../errors.js';
import { printSummary, writeJUnit } from '../output/summary.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import type { UpgradeOptions, UpgradeState } from '../steps/upgrade/context.js';
import { UPGRADE_STEPS } from '../steps/upgrade/index.js';
import { connectKube, list, outputFormat, type Globals } from './common.js';
import type { UpgradeFlags } from './upgrade.js';

/** `hcp-kv upgrade NAME`. */
export async function run(name: string, f: UpgradeFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  validateName(name, f.namespace);
  if (!f.release && !f.releaseImage) throw usageError('a target is required', 'pass --release x.y.z or x.y (hcp-kv doctor lists the supported versions) or --release-image IMG');
  const request = parseRelease({ release: f.release, releaseImage: f.releaseImage });
  const pools = f.nodePools === 'all' || f.nodePools === 'none' ? f.nodePools : list(f.nodePools);
  if (!pools || (Array.isArray(pools) && !pools.length)) throw usageError('--node-pools must be all, none or NodePool names');
  const opts: UpgradeOptions = { name, namespace: f.namespace, request, nodePools: pools, force: Boolean(f.force), timeoutMs: parseDuration(f.timeout) };
  const kube = await connectKube(g);
  try {
    const state: UpgradeState = {};
    const summary = await runSteps(UPGRADE_STEPS, { opts, kube, dryRun: false, state }, { progress: g.progress, signal: io().signal, title: `upgrade ${name}` });
    printSummary(summary, {
      output,
      extra: { command: 'upgrade', cluster: { name, namespace: f.namespace }, from: state.current, to: state.target?.version ?? state.target?.image, nodePools: state.pools },
      progress: g.progress,
      result: `Hosted cluster ${name} runs ${state.target?.version ?? 'the new release'} (${state.pools?.length ? `control plane and ${state.pools.length} node pool${state.pools.length > 1 ? 's' : ''}` : 'control plane only'})`,
      next: `hcp-kv status ${name}${f.namespace === 'clusters' ? '' : ` --namespace ${f.namespace}`}`,
    });
    if (f.junit) await writeJUnit(f.junit, 'upgrade', summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    kube.close();
  }
}
