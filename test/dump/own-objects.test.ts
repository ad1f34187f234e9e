// `dump kv-00` takes only kv-00's objects from the HostedCluster's namespace, which other clusters share: the
// Secrets kv-00 refers to (pull secret, SSH key, the status kubeconfig) or owns, and the events about kv-00 and
// its NodePools. Another cluster's Secrets and events in the same namespace stay out of the archive.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencedSecrets } from '../../src/dump/collect.js';
import { minimalCrd } from '../../src/sim/controllers/runtime.js';
import { condTrue, create, get, mergePatch, waitUntil } from '../helpers/sim-api.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const hc = (name: string) => ({
  kind: 'HostedCluster',
  metadata: { name, namespace: 'clusters' },
  spec: {
    release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' },
    pullSecret: { name: `${name}-pull-secret` },
    sshKey: { name: `${name}-ssh-key` },
    platform: { type: 'KubeVirt' },
    networking: {},
    services: [],
    dns: { baseDomain: '' },
    etcd: { managementType: 'Managed' },
  },
});
const secret = (name: string, extra: Record<string, unknown> = {}) => ({ kind: 'Secret', metadata: { name, namespace: 'clusters', ...extra }, data: { value: Buffer.from(name).toString('base64') } });
const event = (name: string, kind: string, about: string) => ({ kind: 'Event', metadata: { name, namespace: 'clusters' }, involvedObject: { kind, name: about, namespace: 'clusters' }, reason: 'Test', message: name });

describe('dump: the cluster’s own objects only', () => {
  let env: SimEnv;
  beforeAll(async () => {
    // No operators run (nothing rewrites what the test writes): the two CRDs by hand, minimal, so the raw
    // HostedClusters below are taken as they are.
    env = await simEnv({ profile: 'instant', controllers: false });
    const api = env.sim.api;
    await create(api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'clusters' } });
    for (const crd of ['hostedclusters.hypershift.openshift.io', 'nodepools.hypershift.openshift.io']) {
      await create(api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', minimalCrd(crd));
      await waitUntil(api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', crd, undefined, condTrue('Established'));
    }
    for (const name of ['kv-00', 'kv-01']) {
      await create(api, 'v1', 'secrets', secret(`${name}-pull-secret`));
      await create(api, 'v1', 'secrets', secret(`${name}-ssh-key`));
      await create(api, HS, 'hostedclusters', hc(name));
      await create(api, HS, 'nodepools', {
        kind: 'NodePool',
        metadata: { name: `${name}-pool`, namespace: 'clusters' },
        spec: { clusterName: name, replicas: 0, release: { image: 'x' }, platform: { type: 'KubeVirt', kubevirt: {} }, management: { upgradeType: 'Replace' } },
      });
      await create(api, 'v1', 'events', event(`${name}.hc`, 'HostedCluster', name));
      await create(api, 'v1', 'events', event(`${name}.np`, 'NodePool', `${name}-pool`));
    }
    // A Secret only kv-00's status names, and one kv-00 owns without naming it.
    await create(api, 'v1', 'secrets', secret('kv-00-admin-kubeconfig'));
    await mergePatch(api, HS, 'hostedclusters', 'kv-00', 'clusters', { status: { kubeconfig: { name: 'kv-00-admin-kubeconfig' } } }).catch(() => undefined);
    const uid = (await get(api, HS, 'hostedclusters', 'kv-00', 'clusters')).metadata.uid;
    await create(api, 'v1', 'secrets', secret('kv-00-owned', { ownerReferences: [{ apiVersion: HS, kind: 'HostedCluster', name: 'kv-00', uid }] }));
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  it('finds Secret references anywhere in spec and status', () => {
    const names = referencedSecrets({
      apiVersion: HS,
      kind: 'HostedCluster',
      metadata: { name: 'x' },
      spec: {
        pullSecret: { name: 'ps' },
        sshKey: { name: 'ssh' },
        secretEncryption: { aescbc: { activeKey: { name: 'etcd-key' } } },
        platform: { kubevirt: { credentials: { infraKubeConfigSecret: { name: 'infra' } } } },
        release: { image: 'x' },
      },
      status: { kubeconfig: { name: 'admin' }, kubeadminPassword: { name: 'pw' } },
    } as never);
    expect([...names].sort()).toEqual(['admin', 'etcd-key', 'infra', 'ps', 'pw', 'ssh']);
  });

  it('leaves the other cluster’s Secrets and events out', async () => {
    const r = await env.cli(['dump', 'kv-00', '--archive', 'kv-00.tar.gz']);
    expect(r.code, r.stderr).toBe(0);
    const archive = join(env.dir, 'kv-00.tar.gz');
    const read = (file: string) => execFileSync('tar', ['xzf', archive, '-O', `kv-00-dump/${file}`], { encoding: 'utf8' });
    const names = (file: string) => {
      const docs = loadAll(read(file)) as Array<{ metadata: { name: string } } | { items?: Array<{ metadata: { name: string } }> }>;
      return docs
        .flatMap((d) => ('items' in d && d.items ? d.items : [d as { metadata: { name: string } }]))
        .filter((d) => d?.metadata)
        .map((d) => d.metadata.name)
        .sort();
    };
    const secrets = names('namespaces/clusters/secrets.yaml');
    expect(secrets).toEqual(expect.arrayContaining(['kv-00-pull-secret', 'kv-00-ssh-key', 'kv-00-owned']));
    expect(secrets.filter((n) => !n.startsWith('kv-00-'))).toEqual([]);
    expect(names('namespaces/clusters/events.yaml')).toEqual(['kv-00.hc', 'kv-00.np']);
    expect(load(read('hostedcluster.yaml'))).toBeTruthy();
  });
});
