// The HyperShift operator with the KubeVirt platform: HostedCluster → checks → control-plane namespace with etcd
// and kube-apiserver → API server LoadBalancer (needs a MetalLB address) → Available → admin kubeconfig to the
// hosted cluster's own API → version Completed once nodes are Ready and its default ingress is admitted.
// NodePool → one VirtualMachine + VMI + virt-launcher pod per replica (needs a default StorageClass and
// HyperConverged Available) → a Ready guest Node each. Delete → tear down, then release the finalizer.
import { randomBytes } from 'node:crypto';
import { delayMs, type DelayKey } from '../profiles.js';
import { SimApiError, type Obj, type SimClient } from './client.js';
import { infraTarget, type InfraClientCache } from './infra-target.js';
import { informer } from './informer.js';
import { Guest } from './guest.js';
import { ingressBlocker } from './ingress.js';
import { injected, INJECT_CONFIGMAP, readInjections, type Injections } from './inject.js';
import { controlPlanePod } from './control-plane-pods.js';
import { pausedUntil, reconciliationActive } from './paused.js';
import { etcdVolumes } from './volumes.js';
import { startKubevirtCsi } from './kubevirt-csi.js';
import { finalizeNodePool, reconcileNodePool, type PoolDeps } from './nodepool.js';
import { lookupReleaseImage } from './releases.js';
import { kubevirtClusterConditions } from './kubevirt-conditions.js';
import { componentImage, pull, readPullConfig, type ImagePull, type PullConfig } from './mirror.js';
import { rollout } from './upgrade.js';
import { condition, mergeConditions, now, type Controller, type SimContext } from './runtime.js';

const HS = 'hypershift.openshift.io/v1beta1';
const FINALIZER = 'hypershift.openshift.io/finalizer';

interface State {
  marks: Map<string, number>;
  timer?: NodeJS.Timeout;
  timerDue?: number;
  guest?: Guest;
  guestStarting?: Promise<Guest>;
  vmSeen: Map<string, number>;
  /** Stops this cluster's simulated kubevirt-csi. */
  csi?: AbortController;
  /** The connection to an external infrastructure cluster. */
  infra: InfraClientCache;
  /** The uid of the etcd claim whose volume the guest API server serves (volumes.ts). */
  etcdClaim?: string;
  /** Objects this operator created for the cluster (perf: a pass does not re-create them, each a 409). */
  ensured: Set<string>;
  /** The HostedCluster those objects were made for: a new one of the same name (a restore) starts afresh. */
  ensuredFor?: string;
}

export function controlPlaneNamespace(ns: string, name: string): string {
  return `${ns}-${name}`.replace(/\./g, '-');
}

export function hypershift(): Controller {
  const states = new Map<string, State>();
  let ctx!: SimContext;
  const chains = new Map<string, Promise<void>>();
  /** The hosted cluster of each control-plane namespace (perf: an event finds its cluster without a scan). */
  const cpKeys = new Map<string, string>();

  const state = (key: string): State => {
    let s = states.get(key);
    if (!s) {
      s = { marks: new Map(), vmSeen: new Map(), infra: {}, ensured: new Set() };
      states.set(key, s);
      cpKeys.set(controlPlaneNamespace(...(key.split('/') as [string, string])), key);
    }
    return s;
  };

  /** Serialized per hosted cluster: events only say "look again". */
  const queued = new Set<string>();
  const enqueue = (key: string) => {
    if (queued.has(key)) return; // a pass that will see this change is already waiting
    queued.add(key);
    const prev = chains.get(key) ?? Promise.resolve();
    const next = prev
      .then(() => {
        queued.delete(key);
        return reconcile(key);
      })
      .catch((e: unknown) => {
        if (!ctx.signal.aborted) ctx.log('hypershift', `${key}: ${(e as Error).message}`);
      });
    chains.set(key, next);
  };

  /** True once `key` has elapsed since the mark `from`; otherwise schedules a look at the due time. */
  const after = (s: State, hcKey: string, key: DelayKey, from: string): boolean => {
    const start = s.marks.get(from);
    if (start === undefined) return false;
    if (s.marks.has(key)) return true;
    const due = start + delayMs(ctx.profile, key, ctx.timeScale);
    if (due <= Date.now()) {
      s.marks.set(key, Date.now());
      return true;
    }
    scheduleAt(s, hcKey, due);
    return false;
  };

  /** Creates `obj` unless this operator already did for the cluster (kept in its state, as an informer cache would tell). */
  const ensureOnce = async (s: State, obj: Obj): Promise<void> => {
    const key = `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    if (s.ensured.has(key)) return;
    await ctx.client.ensure(obj);
    s.ensured.add(key);
  };

  const mark = (s: State, key: string) => {
    if (!s.marks.has(key)) s.marks.set(key, Date.now());
  };

  async function setStatus(hc: Obj, patch: Obj, conditions: ReturnType<typeof condition>[]): Promise<void> {
    // As upstream, each condition records the generation it was computed for (metav1.Condition.ObservedGeneration).
    const merged = mergeConditions(
      hc.status?.conditions,
      conditions.map((x) => ({ ...x, observedGeneration: hc.metadata.generation })),
    );
    const status = { ...patch, conditions: merged };
    const comparable = (x: Obj | undefined) => JSON.stringify({ ...x, conditions: (x?.conditions ?? []).map((c: Obj) => [c.type, c.status, c.reason, c.message, c.observedGeneration]) });
    const next = { ...hc.status, ...status };
    if (comparable(next) === comparable(hc.status)) return;
    // A JSON patch keeps the nulls the schema asks for (history completionTime); a merge patch would drop them.
    await ctx.client.patch(HS, 'HostedCluster', hc.metadata.name, hc.metadata.namespace, [{ op: 'add', path: '/status', value: next }], 'json', 'status').catch((e: unknown) => {
      if (!(e instanceof SimApiError && e.code === 404)) throw e;
    });
  }

  async function validate(hc: Obj, inject: Injections, pulls?: PullConfig): Promise<{ ok: boolean; conditions: ReturnType<typeof condition>[]; version?: string }> {
    const c = ctx.client;
    const ns = hc.metadata.namespace;
    const conds: ReturnType<typeof condition>[] = [];
    const psName = hc.spec?.pullSecret?.name;
    const secret = psName ? await informer(c, 'v1', 'Secret').get(psName, ns, { fetch: true }) : undefined;
    let psOk = false;
    let psMessage = `pull secret ${psName ?? '(none)'} not found in namespace ${ns}`;
    if (secret) {
      try {
        const parsed = JSON.parse(Buffer.from(secret.data?.['.dockerconfigjson'] ?? '', 'base64').toString('utf8'));
        psOk = typeof parsed?.auths === 'object' && parsed.auths !== null;
        psMessage = psOk ? 'Configuration passes validation' : 'pull secret has no "auths" section';
      } catch {
        psMessage = 'pull secret .dockerconfigjson is not valid JSON';
      }
    }
    conds.push(condition('ValidConfiguration', psOk, psOk ? 'AsExpected' : 'InvalidConfiguration', psMessage));
    const image = hc.spec?.release?.image ?? '';
    const supported: string[] = JSON.parse((await informer(c, 'v1', 'ConfigMap').get('supported-versions', 'hypershift'))?.data?.['supported-versions'] ?? '{"versions":[]}').versions ?? [];
    // The version comes from the release metadata, as the operator reads it from the payload; a digest the
    // metadata does not know is an image the registry does not have (releases.ts lookupReleaseImage).
    const lookup = lookupReleaseImage(image);
    const version = 'version' in lookup ? lookup.version : undefined;
    let relOk = Boolean(version);
    let relMessage = 'version' in lookup ? 'Release image is valid' : lookup.error;
    if (version && supported.length && !supported.includes(version.split('.').slice(0, 2).join('.'))) {
      relOk = false;
      relMessage = `the HostedCluster release version ${version} is not supported by this HyperShift operator; supported versions: ${supported.join(', ')}`;
    }
    // Disconnected: the operator reads the payload through the management cluster's mirror rules (mirror.ts),
    // with upstream's error chain (support/releaseinfo/registryclient/client.go "failed to get repo setup").
    const fetched = relOk && pulls ? pull(image, pulls) : undefined;
    if (fetched && !fetched.ok) {
      relOk = false;
      relMessage = `failed to lookup release image: failed to extract release metadata: failed to get repo setup: failed to create repository client for https://${fetched.registry}: ${fetched.error.replace(/^pinging container registry [^:]+(:\d+)?: /, '')}`;
    }
    if (relOk && injected(inject, 'reject-pull-secret', hc.metadata.name)) {
      relOk = false;
      relMessage = `failed to look up release image metadata: failed to obtain release image metadata for ${image}: unauthorized: authentication required (pull secret ${ns}/${psName} was rejected)`;
    }
    conds.push(condition('ValidReleaseImage', relOk, relOk ? 'AsExpected' : 'InvalidImage', relMessage));
    conds.push(condition('SupportedHostedCluster', true, 'AsExpected', 'HostedCluster is supported by operator configuration'));
    return { ok: psOk && relOk, conditions: conds, version };
  }

  // The NodePools as the NodePool watch below delivers them: a reconcile reads them from memory instead of
  // listing every NodePool of the namespace (perf: that list made a density run quadratic in its clusters).
  // By `namespace/clusterName`, then `namespace/name` (perf: a pass does not scan every cluster's pools).
  const nodePools = new Map<string, Map<string, Obj>>();
  const clusterOfPool = new Map<string, string>();
  const setPool = (t: string, np: Obj) => {
    const key = `${np.metadata.namespace}/${np.metadata.name}`;
    const was = clusterOfPool.get(key);
    if (was !== undefined && nodePools.get(was)?.delete(key) && !nodePools.get(was)?.size) nodePools.delete(was);
    clusterOfPool.delete(key);
    if (t === 'DELETED') return;
    const cluster = `${np.metadata.namespace}/${np.spec?.clusterName}`;
    let pools = nodePools.get(cluster);
    if (!pools) nodePools.set(cluster, (pools = new Map()));
    pools.set(key, np);
    clusterOfPool.set(key, cluster);
  };
  async function nodePoolsOf(ns: string, name: string): Promise<Obj[]> {
    return [...(nodePools.get(`${ns}/${name}`)?.values() ?? [])];
  }

  async function prerequisites(infra: SimClient): Promise<string | undefined> {
    const classes = await informer(infra, 'storage.k8s.io/v1', 'StorageClass').list();
    if (!classes.some((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')) return 'no default StorageClass: the VM root volumes cannot be provisioned (PVC Pending)';
    const hco = await informer(infra, 'hco.kubevirt.io/v1beta1', 'HyperConverged').get('kubevirt-hyperconverged', 'openshift-cnv');
    if (!hco?.status?.conditions?.some((x: Obj) => x.type === 'Available' && x.status === 'True')) return 'OpenShift Virtualization is not available (HyperConverged kubevirt-hyperconverged is not Available)';
    return undefined;
  }

  function scheduleAt(s: State, hcKey: string, due: number): void {
    if (s.timer && (s.timerDue ?? 0) <= due) return;
    if (s.timer) clearTimeout(s.timer);
    s.timerDue = due;
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        s.timerDue = undefined;
        enqueue(hcKey);
      },
      Math.max(0, due - Date.now()),
    );
  }

  function poolDeps(hc: Obj, key: string, s: State, guest: Guest, inject: Injections, target: { client: SimClient; namespace: string }, blocked?: string, pulls?: PullConfig): PoolDeps {
    return { pulls, ctx, hc, cpNs: controlPlaneNamespace(hc.metadata.namespace, hc.metadata.name), infra: target.client, vmNs: target.namespace, guest, inject, vmSeen: s.vmSeen, wake: (due) => scheduleAt(s, key, due), blocked };
  }

  async function teardown(hc: Obj, key: string): Promise<void> {
    const c = ctx.client;
    const s = state(key);
    const ns = hc.metadata.namespace;
    const cpNs = controlPlaneNamespace(ns, hc.metadata.name);
    // NodePools first: each removes its VMs and Nodes, then its finalizer; the HostedCluster waits for them.
    const inject = await readInjections(c);
    const guest = s.guest ?? (await s.guestStarting?.catch(() => undefined));
    let pools = await nodePoolsOf(ns, hc.metadata.name);
    for (const np of pools) {
      if (!np.metadata.deletionTimestamp) await c.delete(HS, 'NodePool', np.metadata.name, ns);
      const fresh = await c.get(HS, 'NodePool', np.metadata.name, ns);
      if (fresh && guest) await finalizeNodePool(poolDeps(hc, key, s, guest, inject, await infraTarget(ctx, hc, controlPlaneNamespace(ns, hc.metadata.name), s.infra)), fresh);
      else if (fresh && !injected(inject, 'hang-finalizer', hc.metadata.name))
        await c.patch(HS, 'NodePool', np.metadata.name, ns, { metadata: { finalizers: (fresh.metadata.finalizers ?? []).filter((f: string) => f !== FINALIZER) } }).catch(() => undefined);
    }
    pools = await nodePoolsOf(ns, hc.metadata.name);
    if (pools.length) return; // their deletion (or their finalizer) comes back as an event
    await c.delete('v1', 'Namespace', cpNs);
    mark(s, 'deleting');
    if (!after(s, key, 'teardown', 'deleting')) return;
    await c.delete('v1', 'Secret', `${hc.metadata.name}-admin-kubeconfig`, ns);
    await c.delete('v1', 'Secret', `${hc.metadata.name}-kubeadmin-password`, ns);
    s.csi?.abort();
    await guest?.stop();
    if (s.timer) clearTimeout(s.timer);
    states.delete(key);
    const finalizers = (hc.metadata.finalizers ?? []).filter((f: string) => f !== FINALIZER);
    await c.patch(HS, 'HostedCluster', hc.metadata.name, ns, { metadata: { finalizers, resourceVersion: hc.metadata.resourceVersion } }).catch(() => enqueue(key));
    ctx.log('hypershift', `HostedCluster ${key} deleted`);
  }

  async function reconcile(key: string): Promise<void> {
    if (ctx.signal.aborted) return;
    const [ns, name] = key.split('/') as [string, string];
    const c = ctx.client;
    const hc = await informer(c, HS, 'HostedCluster').get(name, ns);
    if (!hc) {
      const s = states.get(key);
      s?.csi?.abort();
      await s?.guest?.stop();
      // Its namespaces went with it: the etcd claim and its volume (reclaim policy Delete) are gone too.
      if (s?.etcdClaim) etcdVolumes.drop(s.etcdClaim);
      states.delete(key);
      return;
    }
    if (hc.metadata.deletionTimestamp) return teardown(hc, key);
    const known = state(key);
    if (known.ensuredFor !== hc.metadata.uid) {
      known.ensured.clear();
      known.ensuredFor = hc.metadata.uid;
    }
    if (!(hc.metadata.finalizers ?? []).includes(FINALIZER)) {
      await c.patch(HS, 'HostedCluster', name, ns, { metadata: { finalizers: [...(hc.metadata.finalizers ?? []), FINALIZER] } });
      return; // the update comes back as an event
    }
    const s = state(key);
    // support/util/pausereconcile.go: spec.pausedUntil "true" or a future RFC3339 time stops reconciliation.
    const pause = pausedUntil(hc.spec?.pausedUntil);
    if (pause.paused) {
      await setStatus(hc, {}, [reconciliationActive(hc.spec?.pausedUntil)]);
      if (pause.until) scheduleAt(s, key, pause.until);
      return;
    }
    const inject = await readInjections(c);
    const pulls = ctx.disconnected ? await readPullConfig(c, true) : undefined;
    const v = await validate(hc, inject, pulls);
    if (!v.ok) {
      await setStatus(hc, {}, [
        ...v.conditions,
        condition('Available', false, 'InvalidConfiguration', 'the HostedCluster configuration is not valid'),
        condition('Progressing', false, 'Blocked', 'Reconciliation is blocked by an invalid configuration'),
        condition('Degraded', false, 'AsExpected', ''),
      ]);
      return;
    }
    const version = v.version!;
    mark(s, 'start');
    const cpNs = controlPlaneNamespace(ns, name);
    const target = await infraTarget(ctx, hc, cpNs, s.infra);
    await ensureOnce(s, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: cpNs, labels: { 'hypershift.openshift.io/hosted-control-plane': 'true' } } });
    await ensureOnce(s, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-apiserver', namespace: cpNs, labels: { app: 'kube-apiserver' } },
      spec: { type: 'LoadBalancer', selector: { app: 'kube-apiserver' }, ports: [{ name: 'client', port: 6443, targetPort: 6443, protocol: 'TCP' }] },
    });
    const pulled = (of: string): ImagePull | undefined => (pulls ? { image: of, pull: pull(of, pulls) } : undefined);
    const etcdPod = await controlPlanePod(c, hc, cpNs, 'etcd-0', 'etcd', after(s, key, 'etcdReady', 'start'), pulled(componentImage(version, 'etcd')));
    const etcd = etcdPod.running;
    const kasPod = etcd
      ? await controlPlanePod(c, hc, cpNs, 'kube-apiserver-6b9c5d7f8-sim01', 'kube-apiserver', after(s, key, 'kubeAPIServerReady', 'etcdReady'), pulled(componentImage(version, 'hyperkube')))
      : { running: false, pending: undefined };
    const kas = kasPod.running;
    const lb = await informer(c, 'v1', 'Service').get('kube-apiserver', cpNs, { fetch: true });
    const lbIp: string | undefined = lb?.status?.loadBalancer?.ingress?.[0]?.ip;
    if (kas && lbIp) mark(s, 'infra');
    let guest = s.guest;
    if (kas && !guest) {
      // The guest API server serves etcd's volume: a volume restored from a backup brings its data back.
      const claim = await informer(c, 'v1', 'PersistentVolumeClaim').get('data-etcd-0', cpNs, { fetch: true });
      s.guestStarting ??= Guest.start(`${ns}-${name}`, version, claim ? etcdVolumes.read(claim.metadata.uid) : undefined);
      const started = (guest = s.guest = await s.guestStarting);
      if (claim) {
        s.etcdClaim = claim.metadata.uid;
        etcdVolumes.attach(claim.metadata.uid, () => started.api.storeSnapshot());
      }
      ctx.onStop(() => started.stop());
    }
    if (guest && !s.csi) {
      const csi = (s.csi = new AbortController());
      ctx.signal.addEventListener('abort', () => csi.abort(), { once: true });
      await startKubevirtCsi({ infra: target.client, infraNamespace: target.namespace, hc, guest, signal: csi.signal, log: (m) => ctx.log('kubevirt-csi', `${key}: ${m}`) }, (f) => ctx.spawn('kubevirt-csi', f));
    }
    if (guest) {
      const kubeconfig = guest.api.kubeconfig();
      const data = { kubeconfig: Buffer.from(kubeconfig).toString('base64') };
      // The secret as the watch knows it: a pass whose secret is current sends nothing (perf).
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${name}-admin-kubeconfig`, namespace: ns, labels: { 'hypershift.openshift.io/safe-to-delete-with-cluster': 'true' }, ownerReferences: [{ apiVersion: HS, kind: 'HostedCluster', name, uid: hc.metadata.uid }] },
        type: 'Opaque',
        data,
      };
      const existing = (await informer(c, 'v1', 'Secret').get(secret.metadata.name, ns)) ?? ((await c.ensure(secret)) ? undefined : await c.get('v1', 'Secret', secret.metadata.name, ns));
      // The operator keeps the secret's content current (a restored secret names the API server before the loss).
      if (existing && existing.data?.kubeconfig !== data.kubeconfig) await c.patch('v1', 'Secret', `${name}-admin-kubeconfig`, ns, { data });
      await ensureOnce(s, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: `${name}-kubeadmin-password`, namespace: ns, ownerReferences: [{ apiVersion: HS, kind: 'HostedCluster', name, uid: hc.metadata.uid }] },
        type: 'Opaque',
        data: { password: randomBytes(12).toString('base64') },
      });
    }
    const available = s.marks.has('infra') && Boolean(guest) && after(s, key, 'hostedClusterAvailable', 'infra');

    // Node pools: VMs, then guest nodes.
    let allReady = true;
    const blocked = target.error ?? (await prerequisites(target.client));
    for (const np of await nodePoolsOf(ns, name)) {
      if (pausedUntil(np.spec?.pausedUntil).paused) continue;
      if (!guest) {
        allReady = false;
        continue;
      }
      const r = await reconcileNodePool(poolDeps(hc, key, s, guest, inject, target, blocked, target.client === c ? pulls : undefined), np);
      if (r.ready !== r.wanted) allReady = false;
    }
    const blocker = await ingressBlocker(ctx, version, cpNs, async () => guest?.routerHttpsNodePort());
    if (guest) await guest.setOperators(!blocker, blocker);
    if (available && allReady && !blocker) mark(s, 'nodesReady');
    const image = hc.spec?.release?.image;
    const r = rollout(ctx, hc, version, image, { installDone: available && allReady && !blocker && after(s, key, 'versionCompleted', 'nodesReady'), blocker, hold: injected(inject, 'hold-upgrade', name) });
    if (r.due && !r.completed) scheduleAt(s, key, r.due);
    const completed = r.completed;
    const history = r.history;
    // Its ClusterOperators report the release the control plane runs.
    if (guest && completed) guest.release = version;
    const cvMessage = completed
      ? `Done applying ${version}`
      : r.upgrading
        ? `Working towards ${version}: the control plane is rolling out${blocker ? `; ${blocker}` : ''}`
        : (blocker ?? (allReady ? 'Waiting for cluster operators' : 'Waiting for nodes to become ready'));
    const conds = [
      reconciliationActive(hc.spec?.pausedUntil),
      ...v.conditions,
      ...target.conditions,
      ...(await kubevirtClusterConditions(target.client, await nodePoolsOf(ns, name), Boolean(guest))),
      condition('EtcdAvailable', etcd, etcd ? 'QuorumAvailable' : 'EtcdWaitingForQuorum', etcd ? '' : `Waiting for etcd to reach quorum${etcdPod.pending ? `: pod etcd-0 is Pending: ${etcdPod.pending}` : ''}`),
      condition(
        'KubeAPIServerAvailable',
        kas,
        kas ? 'AsExpected' : 'WaitingForAvailable',
        kas ? 'Kube APIServer deployment is available' : `Waiting for Kube APIServer deployment to become available${kasPod.pending ? `: pod kube-apiserver is Pending: ${kasPod.pending}` : ''}`,
      ),
      condition('InfrastructureReady', Boolean(lbIp), lbIp ? 'AsExpected' : 'WaitingOnInfrastructureReady', lbIp ? 'All is well' : 'APIServer load balancer is not provisioned: no address from MetalLB yet'),
      condition('IgnitionEndpointAvailable', kas, kas ? 'AsExpected' : 'IgnitionServerDeploymentNotFound', kas ? 'Ignition server deployment is available' : 'Ignition server deployment not found'),
      condition('Available', available, available ? 'AsExpected' : 'WaitingForAvailable', available ? 'The hosted control plane is available' : 'Waiting for hosted control plane to be available'),
      condition('ClusterVersionAvailable', completed || r.upgrading, completed || r.upgrading ? 'FromClusterVersion' : 'ClusterVersionNotAvailable', cvMessage),
      condition('Progressing', !completed, completed ? 'AsExpected' : 'ClusterVersionProgressing', completed ? `Cluster version is ${version}` : `Working towards ${version}`),
      condition('Degraded', Boolean(blocker && available), blocker && available ? 'ClusterOperatorsDegraded' : 'AsExpected', blocker && available ? `ingress, console: ${blocker}` : 'The hosted cluster is not degraded'),
    ];
    await setStatus(
      hc,
      {
        version: { desired: { image, version }, history, observedGeneration: hc.metadata.generation, availableUpdates: null },
        ...(guest ? { kubeconfig: { name: `${name}-admin-kubeconfig` }, kubeadminPassword: { name: `${name}-kubeadmin-password` } } : {}),
        ...(lbIp ? { controlPlaneEndpoint: { host: lbIp, port: 6443 } } : {}),
        ...(kas ? { ignitionEndpoint: `ignition-server-${cpNs}.apps.mgmt.example.com` } : {}),
      },
      conds,
    );
  }

  return {
    name: 'hypershift',
    async start(c) {
      ctx = c;
      ctx.onStop(async () => {
        for (const s of states.values()) if (s.timer) clearTimeout(s.timer);
      });
      const hcKeyOfCp = (cpNs: string) => {
        const k = cpKeys.get(cpNs);
        return k && states.has(k) ? k : undefined;
      };
      // Informers (informer.ts): each cache takes an event in before the pass it starts reads from it.
      const on = (apiVersion: string, kind: string, h: (t: string, o: Obj) => void) => informer(ctx.client, apiVersion, kind).onEvent(h);
      on(HS, 'HostedCluster', (_t, hc) => enqueue(`${hc.metadata.namespace}/${hc.metadata.name}`));
      on(HS, 'NodePool', (t, np) => {
        setPool(t, np);
        if (np.spec?.clusterName) enqueue(`${np.metadata.namespace}/${np.spec.clusterName}`);
      });
      const inControlPlane = (_t: string, o: Obj) => {
        const k = hcKeyOfCp(o.metadata.namespace);
        if (k) enqueue(k);
      };
      on('v1', 'Service', inControlPlane);
      on('route.openshift.io/v1', 'Route', inControlPlane);
      // Cluster-wide prerequisites: a change may unblock every hosted cluster.
      const all = () => [...states.keys()].forEach(enqueue);
      on('operator.openshift.io/v1', 'IngressController', all);
      on('storage.k8s.io/v1', 'StorageClass', all);
      // Labels, taints and capacity decide where control-plane pods and VMs can be scheduled.
      on('v1', 'Node', all);
      on('hco.kubevirt.io/v1beta1', 'HyperConverged', all);
      // The hypershift namespace's configuration (supported versions), and injected faults switched on or off.
      on('v1', 'ConfigMap', (_t, cm) => {
        if (cm.metadata.namespace === 'hypershift' || (cm.metadata.namespace === INJECT_CONFIGMAP.namespace && cm.metadata.name === INJECT_CONFIGMAP.name)) all();
      });
      // Capacity freed by a VM leaving may unblock any cluster.
      on('kubevirt.io/v1', 'VirtualMachineInstance', (t) => {
        if (t === 'DELETED') all();
      });
    },
  };
}
