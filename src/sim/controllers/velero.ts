// Simulated Velero (as OADP deploys it in openshift-adp): Backups, Restores and Schedules, once the Velero CRDs are
// served (OADP installed). Each object is handled by one serialized pass at a time, re-read from the server.
// Backups: velero-backup.ts; restores: velero-restore.ts; schedules: velero-cron.ts semantics, woken at their next
// run time (or by any change to the Schedule). Object storage (each BackupStorageLocation's bucket) lives in the
// simulator's memory, outside the cluster: it survives the loss of any namespace. `now` is injectable so that
// tests can move schedules on without waiting.
import { SimClient, type Obj } from './client.js';
import { runBackup, setVeleroStatus, iso, VELERO, type StoredBackup, type VeleroDeps } from './velero-backup.js';
import { runRestore } from './velero-restore.js';
import { parseCron, scheduleDue, timestampedName } from './velero-cron.js';
import type { Controller, SimContext } from './runtime.js';

export interface VeleroOptions {
  /** Velero runs as its own Deployment: its own connection (its watches must not take the operators' sockets). */
  kubeconfig?: string;
  now?: () => Date;
}

/** Buckets by API server, namespace and location: one process may run several simulated clusters. */
const buckets = new Map<string, Map<string, StoredBackup>>();

/** What a location's object storage holds for a backup (tests inspect what a backup selected). */
export function storedBackup(server: string, namespace: string, location: string, name: string): StoredBackup | undefined {
  return buckets.get(`${server} ${namespace}/${location}`)?.get(name);
}

/** A schedule pass: validate the cron, then submit a Backup when due (pkg/controller/schedule_controller.go). */
async function reconcileSchedule(d: VeleroDeps, s: Obj, wake: (at: Date) => void): Promise<void> {
  if (s.status?.phase && s.status.phase !== 'New' && s.status.phase !== 'Enabled') return;
  if (s.spec?.paused) return;
  let cron;
  try {
    cron = parseCron(s.spec?.schedule ?? '');
  } catch (e) {
    return setVeleroStatus(d, s, { phase: 'FailedValidation', validationErrors: [(e as Error).message] });
  }
  const status: Obj = { phase: 'Enabled' };
  if (s.spec?.skipImmediately) {
    await d.c.patch(VELERO, 'Schedule', s.metadata.name, s.metadata.namespace, { spec: { skipImmediately: false } });
    status.lastSkipped = iso(d.now());
  }
  if (s.status?.phase !== 'Enabled' || status.lastSkipped) await setVeleroStatus(d, s, status);
  const times = { creationTimestamp: s.metadata.creationTimestamp, lastBackup: s.status?.lastBackup, lastSkipped: status.lastSkipped ?? s.status?.lastSkipped };
  const now = d.now();
  const { due, next } = scheduleDue(cron, times, now);
  if (!due) return wake(next);
  const running = (await d.c.list(VELERO, 'Backup', { namespace: s.metadata.namespace, labelSelector: `velero.io/schedule-name=${s.metadata.name}` })).items.some(
    (b) => !b.status?.phase || b.status.phase === 'New' || b.status.phase === 'InProgress',
  );
  if (running) return;
  const labels = { ...(s.spec?.template?.metadata?.labels ?? s.metadata.labels ?? {}), 'velero.io/schedule-name': s.metadata.name };
  const { metadata: _m, ...template } = s.spec?.template ?? {};
  await d.c.create({
    apiVersion: VELERO,
    kind: 'Backup',
    metadata: { name: timestampedName(s.metadata.name, now), namespace: s.metadata.namespace, labels, ...(s.metadata.annotations ? { annotations: s.metadata.annotations } : {}) },
    spec: template,
  });
  await setVeleroStatus(d, s, { lastBackup: iso(now) });
}

export function velero(o: VeleroOptions = {}): Controller {
  return {
    name: 'velero',
    async start(ctx: SimContext) {
      const c = o.kubeconfig ? SimClient.fromKubeconfig(o.kubeconfig) : ctx.client;
      if (c !== ctx.client) ctx.onStop(async () => c.close());
      const d: VeleroDeps = {
        c,
        now: o.now ?? (() => new Date()),
        log: (m) => ctx.log('velero', m),
        bucket(ns, location) {
          const key = `${c.server} ${ns}/${location}`;
          let b = buckets.get(key);
          if (!b) buckets.set(key, (b = new Map()));
          return b;
        },
      };
      const chains = new Map<string, Promise<void>>();
      const timers = new Map<string, NodeJS.Timeout>();
      ctx.onStop(async () => timers.forEach((t) => clearTimeout(t)));
      const enqueue = (kind: string, ns: string, name: string) => {
        const key = `${kind}/${ns}/${name}`;
        const next = (chains.get(key) ?? Promise.resolve())
          .then(async () => {
            const obj = await c.get(VELERO, kind, name, ns);
            if (!obj || ctx.signal.aborted) return;
            if (kind === 'Backup') await runBackup(d, obj);
            else if (kind === 'Restore') await runRestore(d, obj);
            else
              await reconcileSchedule(d, obj, (at) => {
                clearTimeout(timers.get(key));
                // Velero re-reads every Schedule each minute (scheduleSyncPeriod): never sleep longer than that.
                timers.set(
                  key,
                  setTimeout(() => enqueue(kind, ns, name), Math.min(60_000, Math.max(0, at.getTime() - d.now().getTime() + 1000))),
                );
              });
          })
          .catch((e: unknown) => {
            if (!ctx.signal.aborted) ctx.log('velero', `${key}: ${(e as Error).message}`);
          });
        chains.set(key, next);
      };
      // Until OADP installs the Velero CRDs there is nothing to do: one watch on the Backup CRD (no polling),
      // then the watches of the three kinds (which wait again should the CRDs go and come back).
      let watching = false;
      const startWatches = () => {
        if (watching) return;
        watching = true;
        for (const kind of ['Backup', 'Restore', 'Schedule']) {
          ctx.spawn('velero', () =>
            c.watch(VELERO, kind, { signal: ctx.signal }, (t, obj) => {
              if (t !== 'DELETED') enqueue(kind, obj.metadata.namespace, obj.metadata.name);
            }),
          );
        }
      };
      ctx.spawn('velero', () =>
        c.watch('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { fieldSelector: 'metadata.name=backups.velero.io', signal: ctx.signal }, (t) => {
          if (t !== 'DELETED') startWatches();
        }),
      );
    },
  };
}
