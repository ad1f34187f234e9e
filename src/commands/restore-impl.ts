// restore CLUSTER --from BACKUP: input checked before anything is sent, then the steps of src/steps/restore (check,
// create the Velero Restore, wait, resume the restored cluster, wait until it is Available with its nodes).
import { parseDuration } from '../config/load.js';
import { restoreInput } from '../backup/input.js';
import { junitFileOptions, printSummary, writeJUnit } from '../output/summary.js';
import { checkOutputFile } from '../output/write-file.js';
import { startDeadline } from '../run/deadline.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import { RESTORE_STEPS } from '../steps/restore/index.js';
import { boolFlag, clusterArg, nameSuffix, render } from './backup-args.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { usageError } from '../errors.js';
import type { RestoreCommandFlags } from './restore.js';

export async function run(arg: string | undefined, f: RestoreCommandFlags, g: Globals): Promise<void> {
  const c = clusterArg(arg, f);
  if (f.from && f.fromBackup && f.from !== f.fromBackup) throw usageError(`--from "${f.from}" and --from-backup "${f.fromBackup}" disagree`, 'give one of them');
  const restore = restoreInput(c.name, c.namespace, { ...f, from: f.from ?? f.fromBackup, restorePvs: boolFlag('restore-pvs', f.restorePvs), preserveNodePorts: boolFlag('preserve-node-ports', f.preserveNodePorts) }, nameSuffix());
  const timeoutMs = parseDuration(f.timeout ?? '30m');
  if (f.render) return render([restore], f.output);
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  if (f.junit) checkOutputFile(f.junit, junitFileOptions(g.kubeconfig));
  const title = `restore ${c.name}`;
  const deadline = startDeadline(title, timeoutMs + 60_000, io().signal);
  const kube = await connectKube(g, deadline.signal);
  try {
    const summary = await runSteps(
      RESTORE_STEPS,
      { opts: { ...c, oadpNamespace: restore.metadata.namespace, timeoutMs, force: Boolean(f.force), restore }, kube, dryRun: false, state: {} },
      { progress: g.progress, signal: deadline.signal, title },
    );
    printSummary(summary, {
      output,
      extra: { command: 'restore', cluster: c, restore: { name: restore.metadata.name, namespace: restore.metadata.namespace, ...restore.spec } },
      progress: g.progress,
      result: `Hosted cluster ${c.namespace}/${c.name} is back and Available`,
      next: `hcp-kv status ${c.name}`,
    });
    if (f.junit) await writeJUnit(f.junit, 'restore', summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    deadline.dispose();
    kube.close();
  }
}
