// Hosted control-plane pods of the simulated HyperShift operator, placed like HyperShift places them
// (support/controlplane-component/defaults.go setControlPlaneIsolation): they tolerate the
// hypershift.openshift.io/control-plane and hypershift.openshift.io/cluster taints, prefer nodes labelled with
// them, and take the HostedCluster's nodeSelector and extra tolerations. A pod no node admits stays Pending with
// the scheduler's reason; once one does, it is bound through the pods/binding subresource (as kube-scheduler) and
// runs when its component's start-up delay has passed.
import { informer } from './informer.js';
import type { Obj, SimClient } from './client.js';
import { now } from './runtime.js';
import { bind, schedule, type Request } from './scheduler.js';
import { imagePullBackOff, type ImagePull } from './mirror.js';

const CP = 'hypershift.openshift.io/control-plane';
const CLUSTER = 'hypershift.openshift.io/cluster';

/** Upstream's resource requests for the two components the simulation runs. */
export const CONTROL_PLANE_REQUESTS: Record<string, Request> = { etcd: { cpu: 300, memory: 600 * 2 ** 20 }, 'kube-apiserver': { cpu: 350, memory: 2000 * 2 ** 20 } };

export function controlPlaneTolerations(hc: Obj, cpNs: string): Obj[] {
  return [{ key: CP, operator: 'Equal', value: 'true', effect: 'NoSchedule' }, { key: CLUSTER, operator: 'Equal', value: cpNs, effect: 'NoSchedule' }, ...(hc.spec?.tolerations ?? [])];
}

const running = (name: string) => ({
  phase: 'Running',
  startTime: now(),
  conditions: [
    { type: 'PodScheduled', status: 'True', lastTransitionTime: now() },
    { type: 'Ready', status: 'True', lastTransitionTime: now() },
  ],
  containerStatuses: [{ name, ready: true, restartCount: 0, image: 'ocp', imageID: 'ocp', started: true, state: { running: { startedAt: now() } } }],
});

const ETCD_CLAIM = 'data-etcd-0';

/**
 * etcd's PersistentVolumeClaim on the HostedCluster's etcd StorageClass (else the default class), bound when
 * the class exists. Returns the scheduler's message while it cannot be bound.
 */
async function etcdVolume(c: SimClient, hc: Obj, cpNs: string): Promise<string | undefined> {
  const pv = hc.spec?.etcd?.managed?.storage?.persistentVolume ?? {};
  const classes = await informer(c, 'storage.k8s.io/v1', 'StorageClass').list();
  const className: string | undefined = pv.storageClassName ?? classes.find((x) => x.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')?.metadata.name;
  const pvc: Obj =
    (await informer(c, 'v1', 'PersistentVolumeClaim').get(ETCD_CLAIM, cpNs, { fetch: true })) ??
    (await c.create<Obj>({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: ETCD_CLAIM, namespace: cpNs, labels: { app: 'etcd' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: pv.size ?? '8Gi' } }, ...(className ? { storageClassName: className } : {}), volumeMode: 'Filesystem' },
    }));
  // No class at all (no default either) binds too: the simulation keeps such clusters' control planes up so
  // that the missing default shows where it matters, at the VMs' root volumes.
  if (!className || classes.some((x) => x.metadata.name === className)) {
    if (pvc.status?.phase !== 'Bound') await c.patchStatus(pvc, { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: pv.size ?? '8Gi' } });
    return undefined;
  }
  if (pvc.status?.phase !== 'Pending') await c.patchStatus(pvc, { phase: 'Pending' });
  const nodes = (await c.list('v1', 'Node')).items.length;
  return `0/${nodes} nodes are available: ${nodes} pod has unbound immediate PersistentVolumeClaims. preemption: 0/${nodes} nodes are available (storageclass.storage.k8s.io "${className ?? ''}" not found)`;
}

/**
 * Creates, schedules and (when `ready`) runs one control-plane pod. Returns whether it runs, or why it is
 * Pending (the FailedScheduling message).
 */
export async function controlPlanePod(c: SimClient, hc: Obj, cpNs: string, name: string, component: string, ready: boolean, pulled?: ImagePull): Promise<{ running: boolean; pending?: string }> {
  const request = CONTROL_PLANE_REQUESTS[component]!;
  const tolerations = controlPlaneTolerations(hc, cpNs);
  const nodeSelector: Record<string, string> | undefined = hc.spec?.nodeSelector;
  let pod: Obj | undefined = await informer(c, 'v1', 'Pod').get(name, cpNs, { fetch: true });
  pod ??= await c.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: cpNs, labels: { app: component, 'hypershift.openshift.io/control-plane-component': component, ...(hc.spec?.labels ?? {}) } },
    spec: {
      ...(component === 'etcd' ? { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: ETCD_CLAIM } }] } : {}),
      containers: [{ name: component, image: pulled ? (pulled.pull.ok ? pulled.pull.pullSpec : pulled.image) : 'ocp', resources: { requests: { cpu: `${request.cpu}m`, memory: `${Math.round(request.memory / 2 ** 20)}Mi` } } }],
      ...(nodeSelector ? { nodeSelector } : {}),
      tolerations,
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: CP, operator: 'In', values: ['true'] }] } },
            { weight: 100, preference: { matchExpressions: [{ key: CLUSTER, operator: 'In', values: [cpNs] }] } },
          ],
        },
      },
    },
  });
  if (!pod!.spec?.nodeName) {
    const unbound = component === 'etcd' ? await etcdVolume(c, hc, cpNs) : undefined;
    const r = unbound ? { message: unbound } : await schedule(c, { self: { namespace: cpNs, name }, nodeSelector, tolerations, request, prefer: { [CP]: 'true' } });
    if (!r.node) {
      const scheduled = pod!.status?.conditions?.find((x: Obj) => x.type === 'PodScheduled');
      if (scheduled?.message !== r.message) await c.patchStatus(pod!, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: r.message, lastTransitionTime: now() }] });
      return { running: false, pending: r.message };
    }
    pod = await bind(c, cpNs, name, r.node);
    pod = await c.patchStatus(pod!, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now() }] });
  }
  // On a disconnected site the kubelet pulls the image (as the CPO's registry overrides rewrote it) or backs off.
  if (pulled && !pulled.pull.ok) {
    const waiting = imagePullBackOff(component, pod!.spec.containers[0].image, pulled.pull);
    if (pod!.status?.containerStatuses?.[0]?.state?.waiting?.message !== waiting.state.waiting.message)
      await c.patchStatus(pod!, {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'True', lastTransitionTime: now() },
          { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${component}]`, lastTransitionTime: now() },
        ],
        containerStatuses: [waiting],
      });
    return { running: false, pending: `container ${component} ImagePullBackOff: ${waiting.state.waiting.message}` };
  }
  if (!ready) return { running: false };
  if (pod!.status?.phase !== 'Running') await c.patchStatus(pod!, running(component));
  return { running: true };
}
