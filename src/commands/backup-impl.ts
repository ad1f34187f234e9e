// backup create | schedule | list: input checked before anything is sent, then the steps of src/steps/backup
// (check, pause, back up, wait, resume). Whatever happens after the pause — a failure, the deadline, Ctrl-C — the
// command puts the cluster's pausedUntil back before it exits, on a connection of its own.
import { parseDuration } from '../config/load.js';
import { VELERO } from '../backup/objects.js';
import { backupInput, scheduleInput, type BackupFlags } from '../backup/input.js';
import { holdsCluster, requireOadp, type Velero } from '../backup/oadp.js';
import { resumePaused } from '../backup/pause.js';
import { escapeControl } from '../output/escape.js';
import { writeJson } from '../output/json.js';
import { junitFileOptions, printSummary, writeJUnit } from '../output/summary.js';
import { renderTable, terminalWidth } from '../output/table.js';
import { checkOutputFile } from '../output/write-file.js';
import { toYamlDocuments } from '../output/yaml.js';
import { startDeadline } from '../run/deadline.js';
import { io } from '../run/io.js';
import { runSteps } from '../run/runner.js';
import { BACKUP_STEPS, SCHEDULE_STEPS } from '../steps/backup/index.js';
import type { BackupOptions, BackupState } from '../steps/backup/context.js';
import type { BackupStep } from '../steps/backup/context.js';
import { boolFlag, clusterArg, nameSuffix, render } from './backup-args.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import type { BackupCreateFlags, BackupListFlags, BackupScheduleFlags } from './backup.js';

/** What backup create and backup schedule share (backup.ts declares both). */
type CommonFlags = BackupCreateFlags | BackupScheduleFlags;

function flags(f: CommonFlags): BackupFlags {
  return { ...f, snapshotMoveData: boolFlag('snapshot-move-data', f.snapshotMoveData), defaultVolumesToFsBackup: boolFlag('default-volumes-to-fs-backup', f.defaultVolumesToFsBackup) };
}

async function runBackupSteps(steps: BackupStep[], opts: BackupOptions, f: CommonFlags, g: Globals, title: string, result: string): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
  if (f.junit) checkOutputFile(f.junit, junitFileOptions(g.kubeconfig));
  const deadline = startDeadline(title, opts.timeoutMs + 60_000, io().signal);
  const kube = await connectKube(g, deadline.signal);
  const state: BackupState = { paused: [] };
  try {
    const summary = await runSteps(steps, { opts, kube, dryRun: false, state }, { progress: g.progress, signal: deadline.signal, title });
    if (state.paused.length && !state.resumed) await resumeAfterFailure(state, g);
    const object = opts.backup ?? opts.schedule!;
    printSummary(summary, {
      output,
      extra: { command: title.split(' ').slice(0, 2).join(' '), cluster: { name: opts.name, namespace: opts.namespace }, [object.kind.toLowerCase()]: { name: object.metadata.name, namespace: object.metadata.namespace } },
      progress: g.progress,
      result,
      next: `hcp-kv backup list ${opts.name}`,
    });
    if (f.junit) await writeJUnit(f.junit, title.split(' ').slice(0, 2).join('-'), summary, g.kubeconfig);
    if (summary.error) throw summary.error;
  } finally {
    deadline.dispose();
    kube.close();
  }
}

/** After a failure or an interrupt the run's connection is closed: a fresh one, with its own minute. */
async function resumeAfterFailure(state: BackupState, g: Globals): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 60_000);
  const kube = await connectKube(g, controller.signal);
  try {
    const n = await resumePaused(kube, state.paused, controller.signal);
    io().stderr.write(`Resumed ${state.paused.map((p) => `${p.ref.kind} ${p.ref.namespace}/${p.ref.name}`).join(', ')} (${n}) after the backup did not finish\n`);
  } catch (e) {
    io().stderr.write(
      `Could not resume ${state.paused.map((p) => `${p.ref.kind} ${p.ref.namespace}/${p.ref.name}`).join(', ')}: ${(e as Error).message}; remove spec.pausedUntil by hand (oc patch ... --type merge -p '{"spec":{"pausedUntil":null}}')\n`,
    );
  } finally {
    clearTimeout(timer);
    kube.close();
  }
}

export async function runCreate(arg: string | undefined, f: BackupCreateFlags, g: Globals): Promise<void> {
  const c = clusterArg(arg, f);
  const { policy, object } = backupInput(c.name, c.namespace, flags(f), nameSuffix());
  const timeoutMs = parseDuration(f.timeout ?? '30m');
  if (f.render) return render([policy, object], f.output);
  const opts: BackupOptions = { ...c, oadpNamespace: object.metadata.namespace, storageLocation: object.spec.storageLocation, timeoutMs, policy, backup: object };
  await runBackupSteps(BACKUP_STEPS, opts, f, g, `backup create ${c.name}`, `Backup ${object.metadata.namespace}/${object.metadata.name} of ${c.namespace}/${c.name} is Completed`);
}

export async function runSchedule(arg: string | undefined, f: BackupScheduleFlags, g: Globals): Promise<void> {
  const c = clusterArg(arg, f);
  const { policy, object } = scheduleInput(c.name, c.namespace, flags(f), nameSuffix());
  if (f.render) return render([policy, object], f.output);
  const opts: BackupOptions = { ...c, oadpNamespace: object.metadata.namespace, storageLocation: object.spec.template.storageLocation, timeoutMs: 60_000, policy, schedule: object };
  await runBackupSteps(SCHEDULE_STEPS, opts, f, g, `backup schedule ${c.name}`, `Schedule ${object.metadata.namespace}/${object.metadata.name} backs ${c.namespace}/${c.name} up at "${object.spec.schedule}"`);
}

const CLUSTER_LABEL = 'hypershift.openshift.io/hosted-cluster';

/** Backups, newest first: of one hosted cluster when named (their namespaces hold it). Never prints secrets. */
export async function runList(arg: string | undefined, f: BackupListFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json', 'yaml']);
  const kube = await connectKube(g);
  try {
    await requireOadp(kube);
    const backups = (await kube.list<Velero>(VELERO, 'Backup', { namespace: f.oadpNamespace })).filter((b) => !arg || holdsCluster(b, arg, f.namespace));
    backups.sort((a, b) => String(b.status?.startTimestamp ?? b.metadata.creationTimestamp).localeCompare(String(a.status?.startTimestamp ?? a.metadata.creationTimestamp)));
    const rows = backups.map((b) => ({
      name: b.metadata.name,
      cluster: clusterOf(b),
      phase: b.status?.phase ?? 'New',
      items: String(b.status?.progress?.itemsBackedUp ?? ''),
      errors: String(b.status?.errors ?? 0),
      warnings: String(b.status?.warnings ?? 0),
      started: b.status?.startTimestamp ?? '',
      completed: b.status?.completionTimestamp ?? '',
      expires: b.status?.expiration ?? '',
      storageLocation: b.spec?.storageLocation ?? '',
      schedule: b.metadata.labels?.['velero.io/schedule-name'] ?? '',
    }));
    if (output === 'json') writeJson({ namespace: f.oadpNamespace, backups: rows });
    else if (output === 'yaml') io().stdout.write(toYamlDocuments([{ namespace: f.oadpNamespace, backups: rows }]));
    else if (!rows.length) io().stderr.write(`No backups${arg ? ` of ${f.namespace}/${arg}` : ''} in ${f.oadpNamespace}\n`);
    else
      io().stdout.write(
        renderTable(
          rows.map((r) => [r.name, r.cluster, r.phase, r.items, r.errors, r.started, r.expires, r.storageLocation, r.schedule].map((x) => escapeControl(x))),
          { headers: ['NAME', 'CLUSTER', 'PHASE', 'ITEMS', 'ERRORS', 'STARTED', 'EXPIRES', 'LOCATION', 'SCHEDULE'], width: terminalWidth() },
        ),
      );
  } finally {
    kube.close();
  }
}

/** The hosted cluster a backup holds: the schedule's labels, else the namespace pair NS, NS-NAME upstream includes. */
function clusterOf(b: Velero): string {
  const l = b.metadata.labels ?? {};
  if (l[CLUSTER_LABEL]) return `${l[`${CLUSTER_LABEL}-namespace`] ?? ''}/${l[CLUSTER_LABEL]}`;
  const [ns, cp] = b.spec?.includedNamespaces ?? [];
  return ns && cp?.startsWith(`${ns}-`) ? `${ns}/${cp.slice(ns.length + 1)}` : '';
}
