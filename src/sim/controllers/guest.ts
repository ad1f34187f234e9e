// Each hosted cluster's own API, served by a separate embedded API server and reached through the admin
// kubeconfig: Nodes (one per VM, with their role label and kubelet version), the ClusterVersion `version` and
// the ClusterOperators (real openshift/api CRDs, so `oc get clusterversion` / `oc get co` print their columns),
// and the pods the seed inspects.
import { watchNodes } from './node-lifecycle.js';
import { randomUUID } from 'node:crypto';
import { type ApiServer, type SeedObject, startApiServer } from '../apiserver/index.js';
import type { Snapshot } from '../apiserver/persist.js';
import { SimClient, type Obj } from './client.js';
import { ensureRouterNodePort, routerHttpsNodePort } from './legacy-ingress.js';
import { crdFor, loadEmbeddedCrds, now } from './runtime.js';

const OPERATORS = [
  'console',
  'dns',
  'image-registry',
  'ingress',
  'insights',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'monitoring',
  'network',
  'node-tuning',
  'openshift-apiserver',
  'operator-lifecycle-manager',
  'service-ca',
  'storage',
];
const POD_NAMESPACES: Record<string, string[]> = {
  'openshift-ingress': ['router-default'],
  'openshift-monitoring': ['prometheus-k8s-0', 'alertmanager-main-0', 'thanos-querier'],
  'openshift-ovn-kubernetes': ['ovnkube-node'],
};

/** Why ingress and console are not available at install (what the default ingress waits for). */
const NOT_ADMITTED = 'the default ingress is not admitted yet';

/**
 * OpenShift 4.y runs Kubernetes 1.(y+13) (4.12: v1.25); the simulated kubelet takes the release's patch number as
 * its own, so that a z-stream upgrade is visible on the nodes (4.12.3 -> v1.25.3).
 */
export function kubeletVersion(release: string): string {
  const [, minor, patch] = release.split('.').map(Number);
  return `v1.${(minor ?? 12) + 13}.${patch ?? 0}`;
}

/** What setOperators reads of a ClusterOperator: its reference, conditions' type and status, operator version. */
function comparable(co: Obj): Obj {
  const { apiVersion, kind, metadata, status } = co;
  return {
    apiVersion,
    kind,
    metadata: { name: metadata.name },
    status: { conditions: status?.conditions?.map((c: Obj) => ({ type: c.type, status: c.status })), versions: status?.versions?.slice(0, 1).map((v: Obj) => ({ version: v.version })) },
  };
}

/** A ClusterOperator's status as this simulated CVO writes it: all available once ingress is admitted. */
function operatorStatus(name: string, ingressAdmitted: boolean, reason: string, release: string): Obj {
  const blocked = !ingressAdmitted && (name === 'ingress' || name === 'console');
  const conditions = [
    { type: 'Available', status: blocked ? 'False' : 'True', reason: blocked ? 'IngressUnavailable' : 'AsExpected', message: blocked ? reason : '', lastTransitionTime: now() },
    { type: 'Progressing', status: 'False', reason: 'AsExpected', message: '', lastTransitionTime: now() },
    { type: 'Degraded', status: blocked ? 'True' : 'False', reason: blocked ? 'IngressUnavailable' : 'AsExpected', message: blocked ? reason : '', lastTransitionTime: now() },
  ];
  return { conditions, versions: [{ name: 'operator', version: release }] };
}

/**
 * The ClusterVersion's status as the hosted cluster's CVO reports it for `cv` (undefined: unchanged): Completed
 * and Available once every operator is (the seed's blocker being the default ingress), Partial and Progressing
 * before; earlier versions stay in the history.
 */
function versionStatus(cv: Obj, v: string, done: boolean, reason: string): Obj | undefined {
  const image = `quay.io/openshift-release-dev/ocp-release:${v}-x86_64`;
  const old: Obj[] = cv.status?.history ?? [];
  if (old[0]?.version === v && old[0]?.state === (done ? 'Completed' : 'Partial')) return undefined;
  const entry = { state: done ? 'Completed' : 'Partial', version: v, image, verified: false, startedTime: old[0]?.version === v ? old[0].startedTime : now(), completionTime: done ? now() : null };
  const history = [entry, ...old.filter((h, i) => !(i === 0 && h.version === v))];
  const prev = (t: string) => (cv.status?.conditions ?? []).find((c: Obj) => c.type === t);
  const cond = (type: string, status: boolean, reasonCode: string, message: string) => ({
    type,
    status: status ? 'True' : 'False',
    reason: reasonCode,
    message,
    lastTransitionTime: prev(type)?.status === (status ? 'True' : 'False') ? prev(type).lastTransitionTime : now(),
  });
  const conditions = [
    cond('Available', done || history.some((h) => h.state === 'Completed'), done ? 'Done' : 'Unavailable', done ? `Done applying ${v}` : ''),
    cond('Failing', false, 'AsExpected', ''),
    cond('Progressing', !done, done ? 'Done' : 'ClusterOperatorsNotAvailable', done ? `Cluster version is ${v}` : `Unable to apply ${v}: ${reason}`),
  ];
  return { desired: { version: v, image }, history, observedGeneration: cv.metadata.generation ?? 1, versionHash: 'sim', availableUpdates: [], conditions };
}

const clusterVersion = (release: string): Obj => ({
  apiVersion: 'config.openshift.io/v1',
  kind: 'ClusterVersion',
  metadata: { name: 'version' },
  spec: { clusterID: randomUUID(), channel: `stable-${release.split('.').slice(0, 2).join('.')}` },
});
const pod = (name: string, namespace: string): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: name.split('-')[0], image: 'ocp' }] } });
const runningPod = (name: string): Obj => ({
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [{ name: name.split('-')[0], ready: true, started: true, restartCount: 0, image: 'ocp', imageID: 'ocp', state: { running: { startedAt: now() } } }],
});
const clusterOperator = (name: string): Obj => ({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterOperator', metadata: { name }, spec: {} });

/**
 * What the hosted cluster's control plane has installed when its API server first serves: the ClusterVersion, the
 * Running pods the seed inspects, and the ClusterOperators as they report at install (ingress not admitted), each
 * as the simulated operators' create and status write would have left it (perf: ~60 requests per hosted cluster,
 * both ends on the operators' thread).
 */
function installed(release: string): SeedObject[] {
  const cv = clusterVersion(release);
  const seed: SeedObject[] = [{ object: cv, status: versionStatus(cv, release, false, NOT_ADMITTED) }];
  for (const [ns, pods] of Object.entries(POD_NAMESPACES)) {
    seed.push({ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
    for (const p of pods) seed.push({ object: pod(p, ns), status: runningPod(p) });
  }
  for (const name of OPERATORS) seed.push({ object: clusterOperator(name), status: operatorStatus(name, false, NOT_ADMITTED, release) });
  return seed;
}

export class Guest {
  private constructor(
    readonly api: ApiServer,
    /** The hosted cluster's API (the simulated kubevirt-csi and kubelet act through it). */
    readonly client: SimClient,
    /** The version the control plane runs (and its ClusterOperators report). */
    public release: string,
  ) {}

  /** Ends the guest's node-lifecycle watch (its kube-controller-manager's job: the not-ready taint goes once Ready). */
  private readonly lifecycle = new AbortController();
  /** The guest's Nodes as its node watch delivers them (perf: a pass does not re-create a registered Node). */
  private readonly nodes = new Map<string, Obj>();
  /** What setOperators last wrote (perf: an unchanged state is not read back operator by operator). */
  private operatorsWritten?: string;
  /** The ClusterOperators as last written, what setOperators compares and patches only (perf: compared in memory,
   * not read back; whole objects were 40 KiB per hosted cluster). */
  private readonly operators = new Map<string, Obj>();

  /** `data`: the etcd volume's content when it holds a cluster already (restored from a backup: volumes.ts). */
  static async start(name: string, release: string, data?: Snapshot): Promise<Guest> {
    await loadEmbeddedCrds();
    // A hosted cluster's config.openshift.io kinds are CRDs (its CVO installs them), not built-ins.
    // Its watch history holds the last 100 changes, as kube-apiserver's default watch cache (--default-watch-cache-size):
    // a hosted cluster writes ~100 in all, and all of it kept was most of its memory (perf).
    // Its CVO's CRDs (config.openshift.io ClusterOperator and ClusterVersion) are in its store from the start, as in
    // the etcd of a control plane that the CVO installed (perf: 60 KiB of uploads and a schema per hosted cluster).
    const crds = data ? [] : ['clusteroperators', 'clusterversions'].map((crd) => crdFor(`${crd}.config.openshift.io`));
    // What its control plane installed is in its store from the start too (not over a restored one).
    const seed = data ? undefined : installed(release);
    const api = await startApiServer({ name: `${name}-guest`, establishDelayMs: 5, openshiftApis: false, snapshot: data, shared: true, historySize: 100, crds, objects: seed });
    const client = SimClient.fromKubeconfig(api.kubeconfig({ token: api.systemToken }));
    const g = new Guest(api, client, release);
    // The guest API server taints new Nodes not-ready (TaintNodesByCondition); its node lifecycle removes it.
    void watchNodes(
      client,
      g.lifecycle.signal,
      () => {},
      (t, n) => (t === 'DELETED' ? g.nodes.delete(n.metadata.name) : g.nodes.set(n.metadata.name, n)),
    ).catch(() => undefined);
    for (const kind of ['ClusterOperator', 'ClusterVersion']) {
      for (let i = 0; i < 200 && !(await client.hasResource('config.openshift.io/v1', kind)); i++) await new Promise((r) => setTimeout(r, 10));
    }
    if (seed) g.seeded(seed);
    else await g.install();
    await ensureRouterNodePort(client, name);
    await g.setOperators(false);
    return g;
  }

  /** Knows the ClusterOperators seeded at start as written (setOperators(false) then has nothing to write). */
  private seeded(seed: SeedObject[]): void {
    for (const { object, status } of seed) if (object.kind === 'ClusterOperator') this.operators.set(object.metadata.name, comparable({ ...object, status }));
    this.operatorsWritten = JSON.stringify([false, NOT_ADMITTED, this.release]);
  }

  /** Installs what is missing over HTTP (a restored store: what it holds already stays as it is). */
  private async install(): Promise<void> {
    await this.client.ensure(clusterVersion(this.release));
    for (const [ns, pods] of Object.entries(POD_NAMESPACES)) {
      await this.client.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      for (const p of pods) {
        const created = await this.client.ensure(pod(p, ns));
        if (created) await this.client.patchStatus(created, runningPod(p));
      }
    }
  }

  /** ClusterOperators: all available once ingress is admitted; ingress and console degraded before. */
  async setOperators(ingressAdmitted: boolean, reason = NOT_ADMITTED): Promise<void> {
    // This simulated CVO is the only writer of its ClusterOperators and ClusterVersion.
    const state = JSON.stringify([ingressAdmitted, ingressAdmitted ? '' : reason, this.release]);
    if (state === this.operatorsWritten) return;
    for (const name of OPERATORS) {
      const co = this.operators.get(name) ?? (await this.client.ensure(clusterOperator(name))) ?? (await this.client.get('config.openshift.io/v1', 'ClusterOperator', name));
      const status = operatorStatus(name, ingressAdmitted, reason, this.release);
      const conditions: Obj[] = status.conditions;
      if (JSON.stringify((co as Obj).status?.conditions?.map((c: Obj) => [c.type, c.status])) === JSON.stringify(conditions.map((c) => [c.type, c.status])) && (co as Obj).status?.versions?.[0]?.version === this.release) {
        this.operators.set(name, comparable(co as Obj));
        continue;
      }
      const written = await this.client.patchStatus(co as Obj, status);
      if (written) this.operators.set(name, comparable(written));
    }
    await this.setVersion(ingressAdmitted, reason);
    this.operatorsWritten = state;
  }

  /** The ClusterVersion `version`, as the hosted cluster's CVO reports it (versionStatus). */
  private async setVersion(done: boolean, reason: string): Promise<void> {
    const cv = await this.client.get('config.openshift.io/v1', 'ClusterVersion', 'version');
    const status = cv && versionStatus(cv, this.release, done, reason);
    if (status) await this.client.patchStatus(cv, status);
  }

  /** The HTTPS NodePort of openshift-ingress/router-nodeport-default. */
  async routerHttpsNodePort(): Promise<number | undefined> {
    return routerHttpsNodePort(this.client);
  }

  /** A Ready Node for the VM `name`, running the kubelet of `release`, labelled with its NodePool. */
  async addNode(name: string, release = this.release, nodePool?: string): Promise<void> {
    if (this.nodes.has(name)) return; // registered already (a create would only meet 409)
    const node = await this.client.ensure({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'node-role.kubernetes.io/worker': '', ...(nodePool ? { 'hypershift.openshift.io/nodePool': nodePool } : {}) } },
      spec: {},
    });
    if (node)
      this.nodes.set(
        name,
        (await this.client.patchStatus(node, {
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now(), lastTransitionTime: now() }],
          nodeInfo: {
            kubeletVersion: kubeletVersion(release),
            osImage: 'Red Hat Enterprise Linux CoreOS',
            architecture: 'amd64',
            operatingSystem: 'linux',
            containerRuntimeVersion: 'cri-o',
            kernelVersion: '5.14',
            kubeProxyVersion: kubeletVersion(release),
            machineID: name,
            systemUUID: name,
            bootID: name,
          },
        })) ?? node,
      );
  }

  /** The guest Nodes of a NodePool, as the node watch knows them. */
  async nodesOfPool(nodePool: string): Promise<string[]> {
    return [...this.nodes.values()].filter((n) => n.metadata.labels?.['hypershift.openshift.io/nodePool'] === nodePool).map((n) => n.metadata.name);
  }

  async removeNode(name: string): Promise<void> {
    await this.client.delete('v1', 'Node', name);
    this.nodes.delete(name);
  }

  async readyNodes(): Promise<string[]> {
    return (await this.client.list('v1', 'Node')).items.filter((n) => n.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')).map((n) => n.metadata.name);
  }

  async stop(): Promise<void> {
    this.lifecycle.abort();
    this.client.close();
    await this.api.close();
  }
}
