// The simulated Velero against a bare embedded API server with the real Velero CRDs: what a Backup selects
// (namespaces, kinds, label selector, the resource policy's skipped volumes), FailedValidation, a Restore that
// recreates what is missing and leaves what exists with a warning, and Velero's schedule semantics moved on with an
// injected clock (no backup at creation, one per cron time, skipImmediately, paused) — no real time waited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from '../../src/sim/apiserver/index.js';
import { SimClient } from '../../src/sim/controllers/client.js';
import { nextRun, parseCron, scheduleDue, timestampedName } from '../../src/sim/controllers/velero-cron.js';
import { storedBackup, velero } from '../../src/sim/controllers/velero.js';
import type { SimContext } from '../../src/sim/controllers/runtime.js';
import { CRDS_DIR } from '../helpers/fixtures.js';
import { call } from '../helpers/https.js';
import { create, get, mergePatch, pathOf, waitUntil } from '../helpers/sim-api.js';

const V = 'velero.io/v1';
let api: ApiServer;
let client: SimClient;
let clock = new Date();
const abort = new AbortController();
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  api = await startApiServer({ crdsDir: CRDS_DIR });
  client = SimClient.fromKubeconfig(api.kubeconfig());
  const ctx: SimContext = {
    client,
    profile: 'instant',
    timeScale: 1,
    rng: Math.random,
    signal: abort.signal,
    delay: async () => {},
    log: () => {},
    versions: { ocp: '4.12.0', mce: '2.2.4' },
    preinstalled: false,
    workers: 0,
    registerCrds: async () => {},
    spawn: (_n, work) => void work().catch(() => undefined),
    onStop: (fn) => void stops.push(fn),
  };
  await velero({ now: () => clock }).start(ctx);
  for (const ns of ['openshift-adp', 'clusters']) await create(api, 'v1', 'namespaces', { metadata: { name: ns } });
  await create(api, V, 'backupstoragelocations', { kind: 'BackupStorageLocation', metadata: { name: 'default', namespace: 'openshift-adp' }, spec: { provider: 'aws', objectStorage: { bucket: 'b' } } });
  await mergePatch(api, V, 'backupstoragelocations', 'default', 'openshift-adp', { status: { phase: 'Available' } });
  await create(api, 'v1', 'configmaps', { metadata: { name: 'keep', namespace: 'clusters' }, data: { a: '1' } });
  await create(api, 'v1', 'secrets', { metadata: { name: 's', namespace: 'clusters' }, data: { k: 'dg==' } });
  for (const [name, labels] of [
    ['data-etcd-0', {}],
    ['root', { 'hypershift.openshift.io/is-kubevirt-rhcos': 'true' }],
  ] as const) {
    await create(api, 'v1', 'persistentvolumeclaims', { metadata: { name, namespace: 'clusters', labels }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  }
  await create(api, 'v1', 'configmaps', {
    metadata: { name: 'policy', namespace: 'openshift-adp' },
    data: { 'policies.yaml': 'version: v1\nvolumePolicies:\n  - conditions:\n      pvcLabels:\n        hypershift.openshift.io/is-kubevirt-rhcos: "true"\n    action:\n      type: skip\n' },
  });
}, 60_000);
afterAll(async () => {
  abort.abort();
  for (const s of stops) await s();
  client.close();
  await api.close();
});

const backup = (name: string, spec: object) => create(api, V, 'backups', { kind: 'Backup', metadata: { name, namespace: 'openshift-adp' }, spec: { storageLocation: 'default', ttl: '2h0m0s', ...spec } });
const finished = (plural: string, name: string) => waitUntil(api, V, plural, name, 'openshift-adp', (o) => ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'].includes(o?.status?.phase));
const names = (name: string) =>
  storedBackup(api.url, 'openshift-adp', 'default', name)!
    .items.map((o) => `${o.kind}/${o.metadata.name}`)
    .sort();

describe('a Backup selects as Velero does', () => {
  it('included kinds and namespaces, the label selector; Completed with progress, start, completion and expiration', async () => {
    await backup('by-label', {
      includedNamespaces: ['clusters'],
      includedResources: ['configmaps', 'persistentvolumeclaims'],
      labelSelector: { matchExpressions: [{ key: 'hypershift.openshift.io/is-kubevirt-rhcos', operator: 'DoesNotExist' }] },
    });
    const b = await finished('backups', 'by-label');
    expect(b.status).toMatchObject({ phase: 'Completed', progress: { totalItems: 2, itemsBackedUp: 2 }, formatVersion: '1.1.0' });
    expect(Date.parse(b.status.expiration) - Date.parse(b.status.startTimestamp)).toBe(2 * 3_600_000);
    expect(names('by-label')).toEqual(['ConfigMap/keep', 'PersistentVolumeClaim/data-etcd-0']);
  });

  it('the resource policy skips the RHCOS volume but keeps the claim object', async () => {
    await backup('by-policy', { includedNamespaces: ['clusters'], includedResources: ['persistentvolumeclaims'], resourcePolicy: { kind: 'configmap', name: 'policy' }, snapshotMoveData: true });
    expect((await finished('backups', 'by-policy')).status.phase).toBe('Completed');
    expect(names('by-policy')).toEqual(['PersistentVolumeClaim/data-etcd-0', 'PersistentVolumeClaim/root']);
    expect(Object.keys(storedBackup(api.url, 'openshift-adp', 'default', 'by-policy')!.volumes)).toEqual(['clusters/data-etcd-0']);
  });

  it('FailedValidation: a missing or Unavailable location, a missing policy ConfigMap', async () => {
    await backup('nowhere', { storageLocation: 'elsewhere', includedNamespaces: ['clusters'] });
    expect((await finished('backups', 'nowhere')).status.validationErrors[0]).toMatch(/the default elsewhere was not found/);
    await backup('no-policy', { includedNamespaces: ['clusters'], resourcePolicy: { kind: 'configmap', name: 'absent' } });
    expect((await finished('backups', 'no-policy')).status).toMatchObject({ phase: 'FailedValidation', validationErrors: [expect.stringMatching(/configmaps "absent" not found/)] });
  });
});

describe('a Restore', () => {
  it('recreates what is missing (metadata reset, Velero labels), leaves what exists with a warning, skips Pods', async () => {
    await call(api, 'DELETE', pathOf('v1', 'configmaps', 'clusters', 'keep'));
    await create(api, V, 'restores', { kind: 'Restore', metadata: { name: 'r1', namespace: 'openshift-adp' }, spec: { backupName: 'by-label', includedNamespaces: ['clusters'], existingResourcePolicy: 'none' } });
    const r = await finished('restores', 'r1');
    expect(r.status).toMatchObject({ phase: 'Completed', warnings: 1 });
    const cm = await get(api, 'v1', 'configmaps', 'keep', 'clusters');
    expect(cm.data).toEqual({ a: '1' });
    expect(cm.metadata.labels).toEqual({ 'velero.io/backup-name': 'by-label', 'velero.io/restore-name': 'r1' });
  });

  it('FailedValidation for a backup that does not exist, or both a backup and a schedule', async () => {
    await create(api, V, 'restores', { kind: 'Restore', metadata: { name: 'r2', namespace: 'openshift-adp' }, spec: { backupName: 'nope' } });
    expect((await finished('restores', 'r2')).status.validationErrors).toEqual(['Error retrieving backup: backups.velero.io "nope" not found']);
    await create(api, V, 'restores', { kind: 'Restore', metadata: { name: 'r3', namespace: 'openshift-adp' }, spec: { backupName: 'a', scheduleName: 'b' } });
    expect((await finished('restores', 'r3')).status.validationErrors).toEqual(['Either a backup or schedule must be specified as a source for the restore, but not both']);
  });
});

describe('Schedules, on an injected clock', () => {
  const touch = (name: string, n: number) => mergePatch(api, V, 'schedules', name, 'openshift-adp', { metadata: { annotations: { touched: String(n) } } });
  const backupsOf = async (name: string) => (await call(api, 'GET', `${pathOf(V, 'backups', 'openshift-adp')}?labelSelector=velero.io/schedule-name=${name}`)).body.items;

  it('no backup at creation; one when the cron time has passed, named <schedule>-<timestamp>, from the template', async () => {
    clock = new Date();
    await create(api, V, 'schedules', {
      kind: 'Schedule',
      metadata: { name: 'nightly', namespace: 'openshift-adp', labels: { team: 'a' } },
      spec: { schedule: '0 2 * * *', template: { includedNamespaces: ['clusters'], includedResources: ['secrets'], storageLocation: 'default', ttl: '24h0m0s' } },
    });
    const s = await waitUntil(api, V, 'schedules', 'nightly', 'openshift-adp', (o) => o?.status?.phase === 'Enabled');
    expect(await backupsOf('nightly')).toEqual([]);
    const due = nextRun(parseCron('0 2 * * *'), new Date(s.metadata.creationTimestamp));
    clock = new Date(due.getTime() + 5_000);
    await touch('nightly', 1);
    const name = timestampedName('nightly', clock);
    const b = await finished('backups', name);
    expect(b.metadata.labels).toEqual({ team: 'a', 'velero.io/schedule-name': 'nightly' });
    expect(b.spec).toMatchObject({ includedNamespaces: ['clusters'], includedResources: ['secrets'], ttl: '24h0m0s' });
    expect(names(name)).toEqual(['Secret/s']);
    await waitUntil(api, V, 'schedules', 'nightly', 'openshift-adp', (o) => o?.status?.lastBackup === clock.toISOString().replace(/\.\d+Z$/, 'Z'));
    await touch('nightly', 2); // not due again before the next 02:00
    await waitUntil(api, V, 'schedules', 'nightly', 'openshift-adp', (o) => o?.metadata?.annotations?.touched === '2');
    expect(await backupsOf('nightly')).toHaveLength(1);
  });

  it('skipImmediately records lastSkipped and clears itself; an invalid cron is FailedValidation', async () => {
    await create(api, V, 'schedules', { kind: 'Schedule', metadata: { name: 'skipper', namespace: 'openshift-adp' }, spec: { schedule: '@hourly', skipImmediately: true, template: { includedNamespaces: ['clusters'] } } });
    const s = await waitUntil(api, V, 'schedules', 'skipper', 'openshift-adp', (o) => Boolean(o?.status?.lastSkipped));
    expect(s.spec.skipImmediately).toBe(false);
    await create(api, V, 'schedules', { kind: 'Schedule', metadata: { name: 'broken', namespace: 'openshift-adp' }, spec: { schedule: '61 * * * *', template: {} } });
    expect((await waitUntil(api, V, 'schedules', 'broken', 'openshift-adp', (o) => o?.status?.phase === 'FailedValidation')).status.validationErrors[0]).toMatch(/^invalid schedule/);
  });

  it('getNextRunTime: from the last backup, else the creation time, moved on by lastSkipped', () => {
    const c = parseCron('30 1 * * 1-5');
    expect(scheduleDue(c, { creationTimestamp: '2026-12-04T23:00:00Z' }, new Date('2026-12-05T12:00:00Z'))).toEqual({ due: false, next: new Date('2026-12-07T01:30:00Z') });
    expect(scheduleDue(c, { creationTimestamp: '2026-12-01T00:00:00Z', lastBackup: '2026-12-01T01:30:00Z' }, new Date('2026-12-02T01:31:00Z')).due).toBe(true);
    expect(scheduleDue(c, { creationTimestamp: '2026-12-01T00:00:00Z', lastSkipped: '2026-12-02T02:00:00Z' }, new Date('2026-12-02T03:00:00Z')).due).toBe(false);
    expect(timestampedName('s', new Date('2026-12-07T02:00:05Z'))).toBe('s-20261207020005');
  });
});
