// Issue 23's "Must show", on the embedded cluster: kv-00 with a marker object in its guest API; `backup create`;
// the HostedCluster and its namespaces lost (finalizers removed, not a destroy); `restore`; kv-00 Available with its
// nodes Ready, the same infraID, the same etcd encryption key, and the marker back. Before that, every refusal
// (OADP missing, location unavailable, bad input) exits 2 or 3 having written nothing (the embedded API server's
// count of client writes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClient } from '../../src/sim/controllers/client.js';
import { storedBackup } from '../../src/sim/controllers/velero.js';
import { call } from '../helpers/https.js';
import { installOadpForTest, uninstallOadpForTest } from '../helpers/oadp.js';
import { get, mergePatch, pathOf, waitUntil } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
let env: SimEnv;

beforeAll(async () => {
  env = await bootstrappedSimEnv();
  const r = await env.cli(['create-cluster', 'kv-00', '--replicas', '2', '--pull-secret', 'ps.json'], { timeout: 120_000 });
  if (r.code !== 0) throw new Error(`create-cluster failed (exit ${r.code}):\n${r.stderr}`);
}, 180_000);
afterAll(() => removeSimEnv(env));

async function guest(): Promise<SimClient> {
  const secret = await get(env.sim.api, 'v1', 'secrets', 'kv-00-admin-kubeconfig', 'clusters');
  return SimClient.fromKubeconfig(Buffer.from(secret.data.kubeconfig, 'base64').toString('utf8'));
}

async function gone(apiVersion: string, plural: string, name: string, namespace?: string): Promise<void> {
  while ((await call(env.sim.api, 'GET', pathOf(apiVersion, plural, namespace, name))).status !== 404) await new Promise((r) => setTimeout(r, 50));
}

/** Runs the CLI and checks it exited `code` without a single write from the client. */
async function refused(args: string[], code: number, message: RegExp): Promise<void> {
  env.sim.api.resetStats();
  const r = await env.cli(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
  expect(r.stderr).toMatch(message);
  expect(env.sim.api.stats().mutating, args.join(' ')).toBe(0);
}

describe('refusals before anything is written', () => {
  it('OADP not installed: backup create, schedule, list and restore exit 3', async () => {
    await uninstallOadpForTest(env);
    const msg = /OADP is not installed: run hcp-kv bootstrap --with-oadp/;
    await refused(['backup', 'create', 'kv-00'], 3, msg);
    await refused(['backup', 'schedule', 'kv-00', '--schedule', 'daily'], 3, msg);
    await refused(['backup', 'list'], 3, msg);
    await refused(['restore', 'kv-00', '--from', 'kv-00-x'], 3, msg);
  }, 60_000);

  it('storage location not Available (or missing): exit 3', async () => {
    await installOadpForTest(env, { phase: 'Unavailable' });
    await refused(['backup', 'create', 'kv-00'], 3, /BackupStorageLocation openshift-adp\/default is Unavailable, not Available/);
    await refused(['backup', 'create', 'kv-00', '--storage-location', 's3-elsewhere'], 3, /BackupStorageLocation openshift-adp\/s3-elsewhere not found \(there: default\)/);
    await installOadpForTest(env); // the credentials back: Velero finds the location Available again
  }, 300_000);

  it('bad input: exit 2', async () => {
    await refused(['backup', 'create', 'kv-99'], 2, /HostedCluster clusters\/kv-99 not found/);
    await refused(['backup', 'create', 'kv-00', '--ttl', '2 days'], 2, /--ttl "2 days" is not a duration/);
    await refused(['backup', 'create', 'kv-00', '--name', 'Bad_Name'], 2, /backup name 'Bad_Name' is invalid/);
    await refused(['backup', 'create', 'kv-00', '--snapshot-move-data=maybe'], 2, /--snapshot-move-data must be true or false/);
    await refused(['backup', 'schedule', 'kv-00', '--schedule', '61 * * * *'], 2, /invalid cron schedule '61 \* \* \* \*'. minute field '61'/);
    await refused(['backup', 'schedule', 'kv-00'], 2, /--schedule is required/);
    await refused(['restore', 'kv-00'], 2, /either --from BACKUP or --from-schedule SCHEDULE must be specified/);
    await refused(['restore', 'kv-00', '--from', 'a', '--from-schedule', 'b'], 2, /mutually exclusive/);
    await refused(['restore', 'kv-00', '--from', 'kv-00-none'], 2, /Backup openshift-adp\/kv-00-none not found/);
  }, 60_000);

  it('--render prints the upstream objects and writes nothing; secrets never appear', async () => {
    env.sim.api.resetStats();
    const r = await env.cli(['backup', 'create', 'kv-00', '--name', 'kv-00-render', '--render', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.items.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual([expect.stringMatching(/^ConfigMap\/kv-00-clusters-[0-9a-f]{6}$/), 'Backup/kv-00-render']);
    expect(list.items[1].spec).toMatchObject({ includedNamespaces: ['clusters', 'clusters-kv-00'], ttl: '2h0m0s', snapshotMoveData: true, resourcePolicy: { kind: 'configmap', name: list.items[0].metadata.name } });
    const restore = await env.cli(['restore', 'kv-00', '--from', 'kv-00-render', '--name', 'kv-00-r', '--render']);
    expect(restore.stdout).toMatch(/kind: Restore\n[\s\S]*backupName: kv-00-render/);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});

describe('disaster recovery of kv-00', () => {
  let infraID: string;
  let etcdKey: string;
  beforeAll(() => installOadpForTest(env), 300_000);

  it('a backup that fails after the pause still resumes the cluster and its node pools', async () => {
    env.sim.api.setFaults('fail=create:backups:1:403');
    try {
      const r = await env.cli(['backup', 'create', 'kv-00', '--name', 'kv-00-forbidden']);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(/✖ create-backup/);
      expect(r.stderr).toMatch(/Resumed HostedCluster clusters\/kv-00, NodePool clusters\/kv-00 \(2\) after the backup did not finish/);
    } finally {
      env.sim.api.setFaults('');
    }
    expect((await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters')).spec.pausedUntil).toBeUndefined();
    expect((await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).spec.pausedUntil).toBeUndefined();
    expect(await get(env.sim.api, 'velero.io/v1', 'backups', 'kv-00-forbidden', 'openshift-adp')).toBeUndefined();
  }, 60_000);

  it('backs kv-00 up (paused, then resumed) with its marker, leaving the RHCOS volumes out', async () => {
    const g = await guest();
    await g.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dr-marker', namespace: 'default' }, data: { written: 'before the loss' } });
    g.close();
    const hc = await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters');
    infraID = hc.spec.infraID;
    etcdKey = (await get(env.sim.api, 'v1', 'secrets', hc.spec.secretEncryption.aescbc.activeKey.name, 'clusters')).data.key;

    const r = await env.cli(['backup', 'create', 'kv-00', '--name', 'kv-00-before-loss', '-o', 'json'], { timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: any) => [s.id, s.status])).toEqual([
      ['check-backup', 'done'],
      ['pause-cluster', 'done'],
      ['create-backup', 'done'],
      ['wait-backup', 'done'],
      ['resume-cluster', 'done'],
    ]);
    expect((await get(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters')).spec.pausedUntil).toBeUndefined();
    expect((await get(env.sim.api, HS, 'nodepools', 'kv-00', 'clusters')).spec.pausedUntil).toBeUndefined();
    const b = await get(env.sim.api, 'velero.io/v1', 'backups', 'kv-00-before-loss', 'openshift-adp');
    expect(b.status).toMatchObject({ phase: 'Completed', backupItemOperationsAttempted: 1, backupItemOperationsCompleted: 1 });

    const stored = storedBackup(env.sim.api.url, 'openshift-adp', 'default', 'kv-00-before-loss')!;
    const kinds = new Set(stored.items.map((o) => o.kind));
    for (const k of ['HostedCluster', 'NodePool', 'Secret', 'PersistentVolumeClaim', 'Service']) expect(kinds).toContain(k);
    expect(kinds).not.toContain('VirtualMachine');
    expect(stored.items.find((o) => o.kind === 'HostedCluster')?.spec.pausedUntil).toBe('true');
    expect(stored.items.filter((o) => o.kind === 'DataVolume')).toEqual([]); // labelled RHCOS: left out
    expect(Object.keys(stored.volumes)).toEqual(['clusters-kv-00/data-etcd-0']);

    const list = await env.cli(['backup', 'list', 'kv-00', '-o', 'json']);
    expect(JSON.parse(list.stdout).backups).toEqual([expect.objectContaining({ name: 'kv-00-before-loss', cluster: 'clusters/kv-00', phase: 'Completed' })]);
  }, 150_000);

  it('loses the HostedCluster and its namespaces, restores them, and kv-00 comes back with its data', async () => {
    for (const plural of ['hostedclusters', 'nodepools']) await mergePatch(env.sim.api, HS, plural, 'kv-00', 'clusters', { metadata: { finalizers: null } });
    for (const plural of ['nodepools', 'hostedclusters']) await call(env.sim.api, 'DELETE', pathOf(HS, plural, 'clusters', 'kv-00'));
    for (const ns of ['clusters-kv-00', 'clusters']) await call(env.sim.api, 'DELETE', pathOf('v1', 'namespaces', undefined, ns));
    for (const ns of ['clusters-kv-00', 'clusters']) await gone('v1', 'namespaces', ns);

    const r = await env.cli(['restore', 'kv-00', '--from', 'kv-00-before-loss', '--name', 'kv-00-dr', '-o', 'json'], { timeout: 150_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).steps.map((s: any) => s.id)).toEqual(['check-restore', 'create-restore', 'wait-restore', 'resume-restored', 'wait-restored']);
    const restore = await get(env.sim.api, 'velero.io/v1', 'restores', 'kv-00-dr', 'openshift-adp');
    expect(restore.status.phase).toBe('Completed');

    const hc = await waitUntil(env.sim.api, HS, 'hostedclusters', 'kv-00', 'clusters', (o) => o.status?.conditions?.some((c: any) => c.type === 'Available' && c.status === 'True'));
    expect(hc.spec.infraID).toBe(infraID);
    expect(hc.spec.pausedUntil).toBeUndefined();
    expect(hc.metadata.annotations).toHaveProperty('hypershift.openshift.io/restored-from-backup');
    expect((await get(env.sim.api, 'v1', 'secrets', hc.spec.secretEncryption.aescbc.activeKey.name, 'clusters')).data.key).toBe(etcdKey);

    const g = await guest();
    try {
      expect((await g.get('v1', 'ConfigMap', 'dr-marker', 'default'))?.data).toEqual({ written: 'before the loss' });
      const vms = (await call(env.sim.api, 'GET', pathOf('kubevirt.io/v1', 'virtualmachines', 'clusters-kv-00'))).body.items.map((v: any) => v.metadata.name).sort();
      expect(vms).toHaveLength(2);
      const nodes = (await g.list('v1', 'Node')).items;
      expect(nodes.map((n) => n.metadata.name).sort()).toEqual(vms);
      expect(nodes.every((n) => n.status.conditions.some((c: any) => c.type === 'Ready' && c.status === 'True'))).toBe(true);
    } finally {
      g.close();
    }
  }, 200_000);

  it('refuses to restore over the existing cluster without --force (exit 2, nothing written)', async () => {
    await refused(['restore', 'kv-00', '--from', 'kv-00-before-loss'], 2, /HostedCluster clusters\/kv-00 exists: a restore is for a cluster that was lost[\s\S]*--force/);
  });
});
