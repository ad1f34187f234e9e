// --with-oadp without a cluster: the flags' checks (every problem in one usage error), the DataProtectionApplication
// against the vendored CRD (openshift/oadp-operator bundle/manifests@b3e7f02d6fdc), and `render bootstrap`, which
// shows the DPA but never the credentials Secret.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOadp } from '../../src/config/oadp.js';
import { isHcpError } from '../../src/errors.js';
import { credentialsSecret, dataProtectionApplication, type OadpOptions } from '../../src/manifests/oadp.js';
import { runCli } from '../helpers/cli.js';
import { validateAgainstCrd } from '../helpers/crd-schema.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-oadp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const AWS = '[default]\naws_access_key_id=AKIAEXAMPLE\naws_secret_access_key=s3cr3t-never-printed\n';

function problems(f: Parameters<typeof resolveOadp>[0], cfg?: Parameters<typeof resolveOadp>[1]): string {
  try {
    resolveOadp(f, cfg);
  } catch (e) {
    if (!isHcpError(e)) throw e;
    expect(e.exitCode).toBe(2);
    return e.message;
  }
  throw new Error('accepted');
}

describe('--with-oadp flags', () => {
  it('off without --with-oadp or an oadp section; stray --oadp-* flags are refused', () => {
    expect(resolveOadp({}, undefined)).toBeUndefined();
    expect(problems({ oadpBucket: 'b1', oadpRegion: 'r' })).toBe('--oadp-bucket, --oadp-region need --with-oadp');
  });

  it('every problem at once, the credentials never quoted', () => {
    const bad = file('bad-creds', 'token=s3cr3t-never-printed\n');
    const msg = problems({ withOadp: true, oadpProvider: 'gcp', oadpBucket: 'x', oadpRegion: 'r', oadpS3Url: 'ftp://h', oadpPrefix: '/p', oadpConfig: 'novalue', oadpCredentials: bad });
    for (const text of [
      'not a bucket name',
      'must be a path inside the bucket',
      '--oadp-region is for --oadp-provider aws, not gcp',
      '--oadp-s3-url is for --oadp-provider aws',
      'is not an http(s) URL',
      '"novalue" is not key=value',
      'is not a GCP service account key',
    ])
      expect(msg).toContain(text);
    expect(msg).toMatch(/^--with-oadp: 7 problems: /);
    expect(msg).not.toContain('s3cr3t');
    expect(problems({ withOadp: true })).toContain('--oadp-bucket is required');
    expect(problems({ withOadp: true, oadpBucket: 'hcp-backups', oadpS3Url: 'https://s3.example.com' })).toContain('--oadp-region is required with --oadp-s3-url');
    expect(problems({ withOadp: true, oadpBucket: 'hcp-backups', oadpProvider: 'azure', oadpConfig: 'resourceGroup=rg' })).toContain('needs storageAccount');
    expect(problems({ withOadp: true, oadpBucket: 'hcp-backups', oadpCredentials: file('no-profile', 'aws_access_key_id=a\naws_secret_access_key=b\n') })).toContain('with a [default] profile');
  });

  it('flags override the config file section; defaults: aws, prefix hcp-kv', () => {
    const creds = file('aws', AWS);
    const o = resolveOadp({ oadpBucket: 'from-flag' }, { bucket: 'from-file', s3Url: 'https://minio.example.com:9000', region: 'minio', credentials: creds });
    expect(o).toEqual({ provider: 'aws', bucket: 'from-flag', prefix: 'hcp-kv', region: 'minio', s3Url: 'https://minio.example.com:9000', credentials: AWS, credentialsFile: creds });
  });
});

describe('the DataProtectionApplication', () => {
  const base: OadpOptions = { provider: 'aws', bucket: 'hcp-backups', prefix: 'hcp-kv', region: 'us-east-1', s3Url: 'https://s3.example.com' };

  it.each([
    ['aws, S3-compatible', base],
    ['gcp', { provider: 'gcp', bucket: 'hcp-backups', prefix: 'hcp-kv' } satisfies OadpOptions],
    ['azure', { provider: 'azure', bucket: 'hcp-backups', prefix: 'hcp-kv', config: { resourceGroup: 'rg', storageAccount: 'acct' } } satisfies OadpOptions],
  ])('%s: valid against the vendored CRD, with the hosted-cluster plugins', (_name, o) => {
    const dpa = dataProtectionApplication(o);
    expect(validateAgainstCrd(dpa)).toEqual([]);
    const spec = dpa.spec as any;
    expect(spec.configuration.velero.defaultPlugins).toEqual(expect.arrayContaining(['openshift', 'kubevirt', 'csi', 'hypershift', o.provider]));
    expect(spec.configuration).toMatchObject({ nodeAgent: { enable: true, uploaderType: 'kopia' }, velero: { defaultSnapshotMoveData: true } });
    expect(spec.backupLocations).toEqual([expect.objectContaining({ name: 'default', velero: expect.objectContaining({ default: true, objectStorage: { bucket: 'hcp-backups', prefix: 'hcp-kv' } }) })]);
  });

  it('the Secret holds the file under key cloud, labelled for the DPA', () => {
    const s = credentialsSecret({ ...base, credentials: AWS });
    expect(s.metadata).toMatchObject({ name: 'cloud-credentials', namespace: 'openshift-adp', labels: { 'dataprotectionapplication.name': 'hcp-kv' } });
    expect(Buffer.from((s.data as { cloud: string }).cloud, 'base64').toString()).toBe(AWS);
  });
});

describe('render bootstrap --with-oadp', () => {
  it('includes the OADP Subscription and the DPA, never the credentials', async () => {
    const creds = file('render-creds', AWS);
    const r = await runCli(['render', 'bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.40', '--with-oadp', '--oadp-bucket', 'hcp-backups', '--oadp-credentials', creds]);
    expect(r.code, r.stderr).toBe(0);
    const docs = loadAll(r.stdout) as Array<{ kind: string; metadata: { name: string; namespace?: string }; spec?: any }>;
    expect(docs.find((d) => d.kind === 'Subscription' && d.metadata.name === 'redhat-oadp-operator')?.spec).toMatchObject({ name: 'redhat-oadp-operator', source: 'redhat-operators' });
    expect(docs.find((d) => d.kind === 'OperatorGroup' && d.metadata.namespace === 'openshift-adp')?.spec).toEqual({ targetNamespaces: ['openshift-adp'] });
    const dpa = docs.find((d) => d.kind === 'DataProtectionApplication')!;
    expect(dpa.metadata).toEqual({ name: 'hcp-kv', namespace: 'openshift-adp' });
    expect(docs.some((d) => d.kind === 'Secret')).toBe(false);
    expect(r.stdout).not.toContain('s3cr3t');
    expect(r.stdout).not.toContain(Buffer.from(AWS).toString('base64'));
    const plain = await runCli(['render', 'bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.40']);
    expect((loadAll(plain.stdout) as Array<{ kind: string }>).some((d) => d.kind === 'DataProtectionApplication')).toBe(false);
  });

  it('a config file oadp section turns it on', async () => {
    const cfg = file('bootstrap.yaml', `metallb:\n  addresses: [192.0.2.10-192.0.2.40]\noadp:\n  bucket: from-file\n  provider: gcp\n`);
    const r = await runCli(['render', 'bootstrap', '--config', cfg]);
    expect(r.code, r.stderr).toBe(0);
    const dpa = (loadAll(r.stdout) as Array<{ kind: string; spec?: any }>).find((d) => d.kind === 'DataProtectionApplication')!;
    expect(dpa.spec.backupLocations[0].velero).toMatchObject({ provider: 'gcp', objectStorage: { bucket: 'from-file' }, credential: { name: 'cloud-credentials-gcp', key: 'cloud' } });
  });
});
