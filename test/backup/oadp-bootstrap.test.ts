// bootstrap --with-oadp on the embedded cluster (issue 23 item 1): OLM installs redhat-oadp-operator, the
// simulated operator reconciles the DataProtectionApplication into the BackupStorageLocation `default`, and
// Velero's simulated BSL controller validates it. Facts: openshift/oadp-operator internal/controller/bsl.go and
// dataprotectionapplication_controller.go @b3e7f02d6fdc; vmware-tanzu/velero
// pkg/controller/backup_storage_location_controller.go.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/https.js';
import { get, waitUntil } from '../helpers/sim-api.js';
import { bootstrappedSimEnv, POOL, removeSimEnv, type SimEnv } from '../helpers/sim-env.js';
import { readBackupReadiness } from '../../src/backup/readiness.js';
import { connectKube } from '../../src/commands/common.js';

const CREDS = '[default]\naws_access_key_id=AKIAEXAMPLE\naws_secret_access_key=s3cr3t-never-printed\n';
const OADP = ['--with-oadp', '--oadp-bucket', 'hcp-backups', '--oadp-s3-url', 'https://s3.example.com', '--oadp-region', 'us-east-1'];

async function objectCount(env: SimEnv): Promise<number> {
  const ns = await call(env.sim.api, 'GET', '/api/v1/namespaces/openshift-adp');
  const subs = await call(env.sim.api, 'GET', '/apis/operators.coreos.com/v1alpha1/subscriptions');
  return (ns.status === 200 ? 1 : 0) + subs.body.items.length;
}

describe('bootstrap --with-oadp (embedded cluster)', () => {
  let env: SimEnv;
  let creds: string;
  beforeAll(async () => {
    env = await bootstrappedSimEnv();
    creds = join(env.dir, 'credentials');
    writeFileSync(creds, CREDS);
  }, 240_000);
  afterAll(() => removeSimEnv(env));

  it('refuses bad flags with every problem named, exit 2, nothing written', async () => {
    const before = await objectCount(env);
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--with-oadp', '--oadp-provider', 'azure', '--oadp-region', 'x', '--oadp-bucket', 'Bad_Bucket', '--oadp-credentials', join(env.dir, 'missing')]);
    expect(r.code, r.stderr).toBe(2);
    for (const text of ['--oadp-region is for --oadp-provider aws', 'is not a bucket name', 'needs resourceGroup', 'needs storageAccount', 'cannot read --oadp-credentials']) expect(r.stderr).toContain(text);
    const stray = await env.cli(['bootstrap', '--metallb-addresses', POOL, '--oadp-bucket', 'b1']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--oadp-bucket needs --with-oadp');
    // No credentials anywhere: refused in preflight, before anything is written.
    const nocreds = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP]);
    expect(nocreds.code, nocreds.stderr).toBe(2);
    expect(nocreds.stderr).toContain('no storage credentials: Secret openshift-adp/cloud-credentials does not exist');
    expect(await objectCount(env)).toBe(before);
  });

  it('installs OADP: DPA Reconciled, BackupStorageLocation Available; a re-run is already done', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP, '--oadp-credentials', creds, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cr3t');
    const steps = JSON.parse(r.stdout).steps as Array<{ id: string; status: string; message?: string }>;
    expect(steps.find((s) => s.id === 'install-oadp')).toMatchObject({ status: 'done', message: 'installed oadp-operator.v1.5.2 (channel stable)' });
    expect(steps.find((s) => s.id === 'data-protection')).toMatchObject({ status: 'done', message: expect.stringContaining('BackupStorageLocation default Available') });
    const dpa = await get(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'hcp-kv', 'openshift-adp');
    expect(dpa.status.conditions.find((c: any) => c.type === 'Reconciled')).toMatchObject({ status: 'True', reason: 'Complete', message: 'Reconcile complete' });
    expect(dpa.spec.configuration.velero.defaultPlugins).toEqual(['openshift', 'aws', 'kubevirt', 'csi', 'hypershift']);
    const bsl = await get(env.sim.api, 'velero.io/v1', 'backupstoragelocations', 'default', 'openshift-adp');
    expect(bsl.metadata.ownerReferences[0]).toMatchObject({ kind: 'DataProtectionApplication', name: 'hcp-kv', controller: true });
    expect(bsl.spec).toMatchObject({ provider: 'aws', default: true, objectStorage: { bucket: 'hcp-backups', prefix: 'hcp-kv' }, config: { region: 'us-east-1', s3Url: 'https://s3.example.com', s3ForcePathStyle: 'true' } });
    expect(bsl.status).toMatchObject({ phase: 'Available', lastValidationTime: expect.any(String) });
    const again = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP, '--oadp-credentials', creds, '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout).steps as Array<{ id: string; status: string; message?: string }>;
    expect(second.find((s) => s.id === 'install-oadp')).toMatchObject({ status: 'already-done' });
    expect(second.find((s) => s.id === 'data-protection')).toMatchObject({ status: 'already-done', message: expect.stringContaining('BackupStorageLocation default Available') });
    const doctor = await env.cli(['doctor', '-o', 'json']);
    const rows = JSON.parse(doctor.stdout).checks as Array<{ check: string; status: string }>;
    for (const id of ['oadp-operator', 'oadp-dpa', 'oadp-location', 'oadp-plugins'])
      expect(
        rows.find((c) => c.check === id),
        id,
      ).toMatchObject({ status: 'ok' });
  });

  it('other credentials than the Secret holds are refused, exit 2, the Secret unchanged', async () => {
    const other = join(env.dir, 'other');
    writeFileSync(other, CREDS.replace('AKIAEXAMPLE', 'AKIAOTHER'));
    const before = await get(env.sim.api, 'v1', 'secrets', 'cloud-credentials', 'openshift-adp');
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP, '--oadp-credentials', other]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('already holds other credentials');
    expect((await get(env.sim.api, 'v1', 'secrets', 'cloud-credentials', 'openshift-adp')).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('credentials gone: Velero marks the location Unavailable, the DPA is not reconciled, doctor says so (exit 0)', async () => {
    await call(env.sim.api, 'DELETE', '/api/v1/namespaces/openshift-adp/secrets/cloud-credentials');
    const bsl = await waitUntil(env.sim.api, 'velero.io/v1', 'backupstoragelocations', 'default', 'openshift-adp', (o) => o?.status?.phase === 'Unavailable');
    expect(bsl.status.message).toBe('BackupStorageLocation "default" is unavailable: unable to get credentials: unable to get key for secret: secrets "cloud-credentials" not found');
    await waitUntil(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'hcp-kv', 'openshift-adp', (o) => o?.status?.conditions?.some((c: any) => c.type === 'Reconciled' && c.status === 'False'));
    const kube = await connectKube({ kubeconfig: env.kubeconfig, verbose: 0, progress: 'plain' });
    try {
      const r = await readBackupReadiness(kube);
      expect(r.ready).toBe(false);
      expect(r.location).toMatchObject({ name: 'default', phase: 'Unavailable' });
      expect(r.problems.join('\n')).toContain('secrets "cloud-credentials" not found');
    } finally {
      kube.close();
    }
    const doctor = await env.cli(['doctor', '-o', 'json']);
    expect(doctor.code, doctor.stderr).toBe(0);
    const rows = JSON.parse(doctor.stdout).checks as Array<{ check: string; status: string; detail: string; hint?: string }>;
    expect(rows.find((c) => c.check === 'oadp-location')).toMatchObject({ status: 'warn', detail: expect.stringContaining('Unavailable') });
    const text = await env.cli(['doctor']);
    expect(text.stdout).toContain('BACKUPS');
    expect(text.stdout.split('\n')[0]).toMatch(/^ready: hosted clusters can be created .*; backups are not possible: /);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('Unavailable');
  });

  it('a re-run with the credentials recovers: the failures from before it are waited out, not reported', async () => {
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP, '--oadp-credentials', creds, '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('still: DataProtectionApplication openshift-adp/hcp-kv is not reconciled (Error): secrets "cloud-credentials" not found');
    expect((JSON.parse(r.stdout).steps as Array<{ id: string; status: string }>).find((s) => s.id === 'data-protection')).toMatchObject({ status: 'done' });
    expect((await get(env.sim.api, 'velero.io/v1', 'backupstoragelocations', 'default', 'openshift-adp')).status.phase).toBe('Available');
  });

  it('a second DPA: OADP reconciles neither; bootstrap refuses to touch it (exit 2) until it is gone', async () => {
    const other = {
      apiVersion: 'oadp.openshift.io/v1alpha1',
      kind: 'DataProtectionApplication',
      metadata: { name: 'someone-else', namespace: 'openshift-adp' },
      spec: { configuration: { velero: { defaultPlugins: ['openshift', 'aws'] } }, backupLocations: [] },
    };
    expect((await call(env.sim.api, 'POST', '/apis/oadp.openshift.io/v1alpha1/namespaces/openshift-adp/dataprotectionapplications', other)).status).toBe(201);
    const only = (o: any) => o?.status?.conditions?.some((c: any) => c.type === 'Reconciled' && c.status === 'False' && c.message === 'only one DPA CR can exist per OADP installation namespace');
    await waitUntil(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'someone-else', 'openshift-adp', only);
    await waitUntil(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'hcp-kv', 'openshift-adp', only);
    const r = await env.cli(['bootstrap', '--metallb-addresses', POOL, ...OADP]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('DataProtectionApplication openshift-adp/someone-else already exists and OADP reconciles only one per namespace');
    expect(await get(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'someone-else', 'openshift-adp')).toMatchObject({ spec: other.spec });
    await call(env.sim.api, 'DELETE', '/apis/oadp.openshift.io/v1alpha1/namespaces/openshift-adp/dataprotectionapplications/someone-else');
    await waitUntil(env.sim.api, 'oadp.openshift.io/v1alpha1', 'dataprotectionapplications', 'hcp-kv', 'openshift-adp', (o) => o?.status?.conditions?.some((c: any) => c.type === 'Reconciled' && c.status === 'True'));
  });
});
