// Issue 17.3: density never touches what it did not create. A second run into the same namespace leaves the
// first run's clusters exactly as they were (same uid, resourceVersion and data), and a run whose names already
// exist is refused by the server (create-only) instead of replacing the objects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedFor } from '../../src/commands/density-impl.js';
import type { Embedded } from '../../src/commands/embedded.js';
import { DENSITY_RUN_LABEL, runDensity } from '../../src/density/run.js';
import { connect } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/kube/types.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-density-notouch-'));
let embedded: Embedded;
beforeAll(async () => {
  embedded = await embeddedFor('instant', 6, 1);
}, 180_000);
afterAll(async () => {
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** uid, resourceVersion and content of everything in the namespace, by kind/name. */
async function snapshot(ns: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [apiVersion, kind] of [
    ['v1', 'Secret'],
    ['hypershift.openshift.io/v1beta1', 'HostedCluster'],
    ['hypershift.openshift.io/v1beta1', 'NodePool'],
  ] as const) {
    for (const o of await embedded.kube.list<KubeObject & { data?: unknown; spec?: unknown }>(apiVersion, kind, { namespace: ns })) {
      out.set(`${kind}/${o.metadata.name}`, JSON.stringify([o.metadata.uid, o.metadata.resourceVersion, o.data, o.spec]));
    }
  }
  return out;
}

describe('density into a namespace that already holds clusters', () => {
  it("a second run leaves the first run's secrets and HostedClusters unchanged", async () => {
    const ps = join(dir, 'ps.json');
    writeFileSync(ps, '{"auths":{"registry.example":{"auth":"dTpw"}}}');
    const args = ['--kubeconfig', embedded.kubeconfig, '--progress', 'none', 'density', '--count', '2', '--namespace', 'shared', '--pull-secret', ps, '--report'];
    const first = await runCli([...args, join(dir, 'r1')], { timeout: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot('shared');
    expect([...before.keys()].filter((k) => k.startsWith('HostedCluster/'))).toHaveLength(2);
    expect([...before.keys()].filter((k) => k.startsWith('Secret/') && k.endsWith('-etcd-encryption-key'))).toHaveLength(2);
    const second = await runCli([...args, join(dir, 'r2')], { timeout: 120_000 });
    expect(second.code, second.stderr).toBe(0);
    const after = await snapshot('shared');
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
    expect(after.size).toBe(before.size * 2); // the second run's own clusters, beside the first run's
  }, 300_000);

  it('adopts its own object when a retried create meets 409 (the first POST went through, its answer was lost)', async () => {
    const kube = await connect({ kubeconfig: embedded.kubeconfig });
    // Every create is sent twice, the caller sees the second answer: 409 with the object the first one made.
    const twice = { ...kube, create: async <T extends KubeObject>(obj: T, o?: { signal?: AbortSignal }) => (await kube.create(obj, o), kube.create(obj, o)) };
    try {
      const r = await runDensity(twice, {
        count: 1,
        batchSize: 1,
        delayBetweenBatchMs: 0,
        concurrency: 1,
        cleanup: false,
        namespace: 'retried',
        releaseImage: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64',
        replicas: 1,
        pullSecret: '{"auths":{"a.example":{"auth":"dTpw"}}}',
        timeoutMs: 60_000,
        runId: 'retry',
      });
      expect(r.clusters[0]!.error).toBeUndefined();
      expect(r.succeeded).toBe(1);
      expect(r.clusters[0]!.created.map((c) => c.kind)).toEqual(['Secret', 'Secret', 'HostedCluster', 'NodePool']);
    } finally {
      kube.close();
    }
  }, 180_000);

  it('refuses names that exist (create-only), changing nothing', async () => {
    const kube = await connect({ kubeconfig: embedded.kubeconfig });
    const o = {
      count: 1,
      batchSize: 1,
      delayBetweenBatchMs: 0,
      concurrency: 1,
      cleanup: false,
      namespace: 'again',
      releaseImage: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64',
      replicas: 1,
      pullSecret: '{"auths":{"a.example":{"auth":"dTpw"}}}',
      timeoutMs: 60_000,
      runId: 'fixed',
    };
    try {
      const r1 = await runDensity(kube, o);
      expect(r1.succeeded).toBe(1);
      const before = await snapshot('again');
      const r2 = await runDensity(kube, o); // the same run id: every name exists
      expect(r2.succeeded).toBe(0);
      expect(r2.clusters[0]!.error).toMatch(/Secret again\/density-fixed-0000-pull-secret already exists; density creates only new objects and left it unchanged/);
      expect(r2.clusters[0]!.created).toEqual([]);
      expect(await snapshot('again')).toEqual(before);
      expect((await kube.list('v1', 'Secret', { namespace: 'again', labelSelector: `${DENSITY_RUN_LABEL}=fixed` })).length).toBe(2);
    } finally {
      kube.close();
    }
  }, 180_000);
});
