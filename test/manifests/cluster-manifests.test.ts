import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { defaultClusterSpec, resolveClusterInput } from '../../src/config/cluster.js';
import { clusterManifests, hostedCluster, ingressPassthrough, nodePool, withInfraLabel, type ClusterSpec } from '../../src/manifests/hypershift.js';
import { validateAgainstCrd } from '../helpers/crd-schema.js';
import { runCli } from '../helpers/cli.js';
import { generateSshKeyPair } from '../../src/config/ssh-keygen.js';

const spec: ClusterSpec = defaultClusterSpec('kv-00', 'clusters', 'kv-00-abcde', 'quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64', 2);
const fullInput = resolveClusterInput(
  'kv-00',
  {
    rootVolumeStorageClass: 'ocs-storagecluster-ceph-rbd',
    rootVolumeAccessModes: 'ReadWriteMany',
    rootVolumeVolumeMode: 'Block',
    etcdStorageClass: 'lvms',
    infraStorageClassMapping: ['ocs-storagecluster-ceph-rbd/ceph-rbd'],
    vmNodeSelector: ['node-role.kubernetes.io/worker='],
    controlPlaneAvailabilityPolicy: 'SingleReplica',
    baseDomain: 'example.com',
  },
  {},
);
const full: ClusterSpec = { ...spec, ...fullInput.request, infraID: spec.infraID, releaseImage: spec.releaseImage };
const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-render-'));
const MARKER = 'MARKER-b2c4-SECRET';
const ps = join(dir, 'ps.json');
writeFileSync(ps, JSON.stringify({ auths: { 'quay.io': { auth: 'eDp5', email: MARKER } } }));
const key = join(dir, 'id.pub');
writeFileSync(key, `${generateSshKeyPair().publicKey.trim()} ${MARKER}`);

describe('hosted cluster manifests', () => {
  it.each([
    ['defaults', spec],
    ['every option', full],
  ])('HostedCluster and NodePool with %s validate against the real CRDs', (_n, s) => {
    expect(validateAgainstCrd(hostedCluster(s, true))).toEqual([]);
    expect(validateAgainstCrd(nodePool(s))).toEqual([]);
    for (const o of ingressPassthrough(s, 'apps.example.com', { http: 31080, https: 31443 })) expect(validateAgainstCrd(o)).toEqual([]);
  });

  it('labels every applied object but the shared Namespace with the infraID and marks secrets safe to delete', () => {
    const rendered = clusterManifests(spec, { pullSecret: '{"auths":{}}', sshPublicKey: 'ssh-ed25519 AAAA x', etcdEncryptionKey: 'a2V5' });
    for (const o of rendered) expect(o.metadata.labels?.['hypershift.openshift.io/auto-created-for-infra']).toBeUndefined();
    const objs = withInfraLabel(rendered, spec.infraID);
    expect(objs[0]!.metadata.labels).toBeUndefined();
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/clusters', 'Secret/kv-00-pull-secret', 'Secret/kv-00-ssh-key', 'Secret/kv-00-etcd-encryption-key', 'HostedCluster/kv-00', 'NodePool/kv-00']);
    for (const o of objs.slice(1)) expect(o.metadata.labels?.['hypershift.openshift.io/auto-created-for-infra']).toBe('kv-00-abcde');
    for (const o of objs.filter((x) => x.kind === 'Secret')) expect(o.metadata.labels?.['hypershift.openshift.io/safe-to-delete-with-cluster']).toBe('true');
    const noKey = clusterManifests(spec, { pullSecret: '{}', etcdEncryptionKey: 'a2V5' });
    expect(noKey.some((o) => o.metadata.name === 'kv-00-ssh-key')).toBe(false);
    expect((hostedCluster(spec, false).spec as any).sshKey).toEqual({});
  });

  it('matches the snapshots', () => {
    expect(hostedCluster(full, true)).toMatchSnapshot();
    expect(nodePool(full)).toMatchSnapshot();
  });

  it('renders without the Secrets unless --render-sensitive (as upstream)', async () => {
    const r = await runCli(['render', 'cluster', 'kv-00', '--pull-secret', ps, '--ssh-key', key, '--release', '4.14.8']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(MARKER);
    expect(r.stdout).not.toContain(Buffer.from(`{"auths":{"quay.io":{"auth":"eDp5","email":"${MARKER}"}}}`).toString('base64').slice(0, 20));
    const docs = r.stdout
      .split(/^---$/m)
      .map((d) => load(d))
      .filter(Boolean) as any[];
    expect(docs.find((d) => d.kind === 'HostedCluster').spec.release.image).toBe('quay.io/openshift-release-dev/ocp-release:4.14.8-x86_64');
    expect(docs.filter((x) => x.kind === 'Secret')).toEqual([]);
    for (const d of docs.filter((x) => x.kind !== 'Namespace')) expect(validateAgainstCrd(d)).toEqual([]);
    const sensitive = await runCli(['create-cluster', 'kv-00', '--render', '--render-sensitive', '--pull-secret', ps]);
    expect(Buffer.from((load(sensitive.stdout.split(/^---$/m).find((d) => d.includes('kv-00-pull-secret'))!) as any).data['.dockerconfigjson'], 'base64').toString()).toContain(MARKER);
  });
});

describe('create-cluster input validation', () => {
  const bad: Array<[string, string | undefined, Record<string, string | string[]>, RegExp]> = [
    ['uppercase name', 'KV-00', {}, /not a valid DNS-1123 label/],
    ['dots in the name', 'kv.00', {}, /not a valid DNS-1123 label/],
    ['an empty name', undefined, {}, /a cluster name is required/],
    ['a too long name', 'a'.repeat(54), {}, /at most 53/],
    ['negative replicas below -1', 'kv', { replicas: '-2' }, /--replicas must be a whole number/],
    ['fractional replicas', 'kv', { replicas: '1.5' }, /--replicas must be a whole number/],
    ['a memory without digits', 'kv', { memory: 'lots' }, /--memory "lots" is not a Kubernetes quantity/],
    ['zero memory', 'kv', { memory: '0Gi' }, /--memory "0Gi" is too small/],
    ['zero cores', 'kv', { cores: '0' }, /--cores must be a whole number of at least 1/],
    ['a bad release', 'kv', { release: '4.14.x' }, /--release "4.14.x" is not an OpenShift version/],
    ['a bad release image', 'kv', { releaseImage: 'not an image' }, /--release-image .* is not an image reference/],
    ['both release flags', 'kv', { release: '4.14.1', releaseImage: 'quay.io/a/b:1' }, /exclusive/],
    ['a missing pull secret file', 'kv', { pullSecret: '/nonexistent/ps.json' }, /does not exist/],
    ['a too small root volume', 'kv', { rootVolumeSize: '8' }, /--root-volume-size must be a whole number of at least 16/],
    ['a bad storage mapping', 'kv', { infraStorageClassMapping: ['onlyone'] }, /is not INFRA\/GUEST/],
    ['a bad availability policy', 'kv', { controlPlaneAvailabilityPolicy: 'Many' }, /must be one of SingleReplica, HighlyAvailable/],
    ['a bad node selector', 'kv', { vmNodeSelector: 'novalue' }, /is not key=value/],
  ];
  it.each(bad)('refuses %s', (_n, name, flags, pattern) => {
    expect(() => resolveClusterInput(name, flags, {})).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(pattern) }));
  });

  it('refuses pull secrets that are not JSON or have no auths, and bad ssh keys', () => {
    const notJson = join(dir, 'nj');
    writeFileSync(notJson, 'hello');
    const noAuths = join(dir, 'na');
    writeFileSync(noAuths, '{"x":1}');
    const priv = join(dir, 'priv');
    writeFileSync(priv, '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n');
    const junk = join(dir, 'junk');
    writeFileSync(junk, 'not a key');
    expect(() => resolveClusterInput('kv', { pullSecret: notJson }, {})).toThrow(/is not valid JSON/);
    expect(() => resolveClusterInput('kv', { pullSecret: noAuths }, {})).toThrow(/has no "auths" section/);
    expect(() => resolveClusterInput('kv', { sshKey: priv }, {})).toThrow(/holds a private key/);
    expect(() => resolveClusterInput('kv', { sshKey: junk }, {})).toThrow(/not an OpenSSH public key/);
  });

  it('takes the name from KUBEVIRT_CLUSTER_NAME and the pull secret from PULL_SECRET', () => {
    const i = resolveClusterInput(undefined, {}, { KUBEVIRT_CLUSTER_NAME: 'from-env', PULL_SECRET: ps });
    expect(i).toMatchObject({ name: 'from-env', request: { replicas: 2, nodePool: { platform: { kubevirt: { compute: { memory: '8Gi', cores: 2 } } } } } });
    expect(i.secrets.pullSecret).toContain('auths');
  });
});
