// hcp-kv infra-credentials: the steps of steps/infra-credentials against the current (infrastructure) cluster.
import { parseDuration } from '../config/load.js';
import { DNS1123_LABEL } from '../config/kube-values.js';
import { usageError } from '../errors.js';
import { loadKubeconfig } from '../kube/config.js';
import { printSummary } from '../output/summary.js';
import { runSteps } from '../run/runner.js';
import { io } from '../run/io.js';
import type { InfraCredentialsOptions } from '../steps/infra-credentials/context.js';
import { INFRA_CREDENTIALS_STEPS } from '../steps/infra-credentials/index.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import type { InfraCredentialsFlags } from './infra-credentials.js';

export async function run(f: InfraCredentialsFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  if (!DNS1123_LABEL.test(f.namespace)) throw usageError(`--namespace "${f.namespace}" is not a valid namespace`, 'lowercase letters, digits and "-", e.g. clusters-example');
  const timeoutMs = parseDuration(f.timeout);
  const cfg = loadKubeconfig({ kubeconfig: g.kubeconfig, context: g.context });
  const cluster = cfg.kc.getCurrentCluster();
  const opts: InfraCredentialsOptions = { namespace: f.namespace, out: f.out, force: Boolean(f.force), kubeconfig: g.kubeconfig, server: cfg.server, caData: cluster?.caData, insecure: cluster?.skipTLSVerify, timeoutMs };
  const kube = await connectKube(g);
  try {
    const summary = await runSteps(INFRA_CREDENTIALS_STEPS, { opts, kube, dryRun: false }, { progress: g.progress, timeoutMs: timeoutMs + 30_000, signal: io().signal, title: `infra-credentials ${f.namespace}` });
    printSummary(summary, { output, extra: { command: 'infra-credentials', server: kube.server } });
    if (summary.error) throw summary.error;
  } finally {
    kube.close();
  }
}
