// Value grammars of the core cluster flags (upstream cmd/cluster/core/create.go parseTolerationString,
// cmd/cluster/kubevirt/create_test.go TestParseTenantClassString @3ee9615567) and the defaults hcp-kv keeps.
import { describe, expect, it } from 'vitest';
import { resolveClusterInput } from '../../src/config/cluster.js';
import { classMapping, toleration } from '../../src/config/cluster-parse.js';
import { generateSshKeyPair } from '../../src/config/ssh-keygen.js';

describe('cluster flag grammar', () => {
  it.each([
    ['key=key1,value=value1,effect=noSchedule', { key: 'key1', value: 'value1', effect: 'NoSchedule' }],
    ['key=node-role.kubernetes.io/master,operator=Exists,effect=NoSchedule', { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
    ['Key=k, Operator=equal ,value=v,tolerationSeconds=30,effect=NOEXECUTE', { key: 'k', operator: 'Equal', value: 'v', tolerationSeconds: 30, effect: 'NoExecute' }],
    ['operator=Exists', { operator: 'Exists' }],
  ])('toleration %s', (text, want) => expect(toleration(text)).toEqual(want));

  // TestParseTenantClassString's cases, plus the infra side.
  it.each([
    ['infra/tenant1', { infra: 'infra', guest: 'tenant1' }],
    ['infra/tenant1,group=group1', { infra: 'infra', guest: 'tenant1', group: 'group1' }],
    ['infra/tenant1,invalid=invalid', { infra: 'infra', guest: 'tenant1' }],
    ['infra/tenant1, group=group1,invalid=invalid', { infra: 'infra', guest: 'tenant1', group: 'group1' }],
    ['infra/tenant1,GROUP=g', { infra: 'infra', guest: 'tenant1', group: 'g' }],
  ])('class mapping %s', (text, want) => expect(classMapping('infra-storage-class-mapping', text)).toEqual(want));

  it('keeps upstream defaults except the deliberate ones', () => {
    const i = resolveClusterInput('kv', {}, {}).request;
    expect(i).toMatchObject({
      namespace: 'clusters',
      replicas: 2,
      arch: 'amd64',
      controllerAvailabilityPolicy: 'HighlyAvailable',
      etcdStorageSize: '8Gi',
      networkType: 'OVNKubernetes',
      clusterCIDR: ['10.132.0.0/14'],
      serviceCIDR: ['172.31.0.0/16'],
      machineCIDR: [],
      olmCatalogPlacement: 'management',
      fips: false,
      tolerations: [],
    });
    expect(i.infrastructureAvailabilityPolicy).toBeUndefined();
    expect(i.nodePool.platform.kubevirt.compute).toEqual({ cores: 2, memory: '8Gi' });
    expect(resolveClusterInput('kv', { defaultDual: true }, {}).request).toMatchObject({ clusterCIDR: ['10.132.0.0/14', 'fd01::/48'], serviceCIDR: ['172.31.0.0/16', 'fd02::/112'] });
    expect(resolveClusterInput('kv', { nodePoolReplicas: '-1' }, {}).request.replicas).toBe(-1);
    expect(resolveClusterInput(undefined, { name: 'by-flag', olmCatalogPlacement: 'Guest', arch: 'S390X' }, {}).request).toMatchObject({ name: 'by-flag', olmCatalogPlacement: 'guest', arch: 's390x' });
  });

  it('--generate-ssh makes an OpenSSH RSA public key and a PKCS#1 private key', () => {
    const k = generateSshKeyPair();
    expect(k.publicKey).toMatch(/^ssh-rsa AAAAB3NzaC1yc2EAAAADAQAB[A-Za-z0-9+/]+=*\n$/);
    expect(k.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
  });
});

describe('create-cluster validation reports every problem at once', () => {
  it('lists each bad flag in one usage error (exit 2); one problem reads as it always did', () => {
    expect(() => resolveClusterInput('kv', { cores: '0' }, {})).toThrow(expect.objectContaining({ exitCode: 2, message: '--cores must be a whole number of at least 1, got "0"' }));
    let err: unknown;
    try {
      resolveClusterInput('Bad_Name', { cores: '0', networkType: 'Flannel', fips: 'maybe', timeout: 'soon', labels: ['x'], infraNamespace: 'vms' }, {}, { requirePullSecret: true });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 2 });
    const lines = (err as Error).message.split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.map((l) => l.replace(/^ {2}also: /, '').replace(/ \(.*$/, ''))).toEqual([
      'cluster name "Bad_Name" is not a valid DNS-1123 label',
      '--cores must be a whole number of at least 1, got "0"',
      '--network-type must be one of OVNKubernetes, OpenShiftSDN, Calico, Other, got "Flannel"',
      '--fips takes true or false, got "maybe"',
      '--infra-namespace needs --infra-kubeconfig-file',
      '--labels "x" is not key=value',
      '--timeout "soon" is not a duration',
      'a pull secret is required',
    ]);
  });
});
