// --preinstalled: the state right after a complete bootstrap, made the way an admin would make it — through
// the API, with the simulated operators reacting — so idempotence tests start from a prepared cluster.
import type { Obj, SimClient } from './client.js';
import { SimApiError } from './client.js';
import { catalog } from './catalog.js';
import { mceBehaviour } from './mce.js';

const NAMESPACES: Record<string, { ns: string; allNamespaces?: boolean; labels?: Record<string, string> }> = {
  'local-storage-operator': { ns: 'openshift-local-storage' },
  'odf-operator': { ns: 'openshift-storage', labels: { 'openshift.io/cluster-monitoring': 'true' } },
  'kubevirt-hyperconverged': { ns: 'openshift-cnv' },
  'metallb-operator': { ns: 'metallb-system', allNamespaces: true },
  'multicluster-engine': { ns: 'multicluster-engine' },
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates `obj`, retrying while its kind is not served yet or a webhook is not serving yet. */
async function createWhenPossible(c: SimClient, obj: Obj, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await c.ensure(obj);
      return;
    } catch (e) {
      const retry = e instanceof SimApiError && (e.code === 404 || e.code >= 500);
      if (!retry) throw e;
      c.forget(obj.apiVersion, obj.kind);
      await pause(50);
    }
  }
}

/** How long a --preinstalled start waits for one object before it says which one never came. */
const UNTIL_MS = 120_000;

async function until(c: SimClient, apiVersion: string, kind: string, name: string, namespace: string | undefined, pred: (o: Obj) => boolean, signal: AbortSignal): Promise<void> {
  const ac = new AbortController();
  const stop = () => ac.abort();
  signal.addEventListener('abort', stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        void c
          .watch(apiVersion, kind, { namespace, signal: ac.signal }, (_t, o) => {
            if (o.metadata.name === name && pred(o)) {
              ac.abort();
              resolve();
            }
          })
          .then(() => resolve());
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`--preinstalled: ${kind} ${namespace ? `${namespace}/` : ''}${name} was not ready within ${UNTIL_MS / 1000} s; the simulator's log says why`)), UNTIL_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    ac.abort();
    signal.removeEventListener('abort', stop);
  }
}

export async function preinstall(c: SimClient, versions: { ocp: string; mce: string }, signal: AbortSignal): Promise<void> {
  for (const p of catalog(versions.ocp, versions.mce)) {
    const n = NAMESPACES[p.name];
    if (!n) continue; // not part of the default (ODF) bootstrap, e.g. lvms-operator
    await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.ns, ...(n.labels ? { labels: n.labels } : {}) } });
    await c.ensure({ apiVersion: 'operators.coreos.com/v1', kind: 'OperatorGroup', metadata: { name: n.ns, namespace: n.ns }, spec: n.allNamespaces ? {} : { targetNamespaces: [n.ns] } });
    await c.ensure({
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: p.name, namespace: n.ns },
      spec: { name: p.name, channel: p.defaultChannel, source: 'redhat-operators', sourceNamespace: 'openshift-marketplace', installPlanApproval: 'Automatic' },
    });
  }
  await createWhenPossible(
    c,
    { apiVersion: 'local.storage.openshift.io/v1alpha1', kind: 'LocalVolumeSet', metadata: { name: 'lvset', namespace: 'openshift-local-storage' }, spec: { storageClassName: 'lvset', volumeMode: 'Block' } },
    signal,
  );
  await createWhenPossible(c, { apiVersion: 'ocs.openshift.io/v1', kind: 'StorageCluster', metadata: { name: 'ocs-storagecluster', namespace: 'openshift-storage' }, spec: {} }, signal);
  await createWhenPossible(c, { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: {} }, signal);
  await createWhenPossible(c, { apiVersion: 'metallb.io/v1beta1', kind: 'MetalLB', metadata: { name: 'metallb', namespace: 'metallb-system' } }, signal);
  await createWhenPossible(c, { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'hcp-kv', namespace: 'metallb-system' }, spec: { addresses: ['192.0.2.10-192.0.2.40'], autoAssign: true } }, signal);
  await createWhenPossible(c, { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { name: 'hcp-kv', namespace: 'metallb-system' }, spec: { ipAddressPools: ['hcp-kv'] } }, signal);
  const b = mceBehaviour(versions.mce);
  await createWhenPossible(
    c,
    { apiVersion: 'multicluster.openshift.io/v1', kind: 'MultiClusterEngine', metadata: { name: 'multiclusterengine' }, spec: b.enabledByDefault ? {} : { overrides: { components: [{ name: b.component, enabled: true }] } } },
    signal,
  );
  await c.patch('operator.openshift.io/v1', 'IngressController', 'default', 'openshift-ingress-operator', { spec: { routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } } });
  await until(c, 'storage.k8s.io/v1', 'StorageClass', 'ocs-storagecluster-ceph-rbd', undefined, () => true, signal);
  await c.patch('storage.k8s.io/v1', 'StorageClass', 'ocs-storagecluster-ceph-rbd', undefined, { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });
  if (!b.autoCreatesLocalCluster) {
    await createWhenPossible(
      c,
      { apiVersion: 'cluster.open-cluster-management.io/v1', kind: 'ManagedCluster', metadata: { name: 'local-cluster', labels: { 'local-cluster': 'true' } }, spec: { hubAcceptsClient: true, leaseDurationSeconds: 60 } },
      signal,
    );
    await c.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'local-cluster' } });
    await createWhenPossible(
      c,
      { apiVersion: 'addon.open-cluster-management.io/v1alpha1', kind: 'ManagedClusterAddOn', metadata: { name: 'hypershift-addon', namespace: 'local-cluster' }, spec: { installNamespace: 'open-cluster-management-agent-addon' } },
      signal,
    );
  }
  const available = (o: Obj) => (o.status?.conditions ?? []).some((x: Obj) => x.type === 'Available' && x.status === 'True');
  await until(c, 'apps/v1', 'Deployment', 'operator', 'hypershift', available, signal);
  await until(c, 'hco.kubevirt.io/v1beta1', 'HyperConverged', 'kubevirt-hyperconverged', 'openshift-cnv', available, signal);
  await until(c, 'ocs.openshift.io/v1', 'StorageCluster', 'ocs-storagecluster', 'openshift-storage', (o) => o.status?.phase === 'Ready', signal);
}
