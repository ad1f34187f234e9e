// diagnose: pure rules over a Snapshot, most fundamental cause first. Each finding names the problem, the
// evidence (objects and their messages) and the next step. A healthy cluster yields none.
import { parsePool, poolSize } from '../config/ip.js';
import { parseQuantity } from '../config/kube-values.js';
import { findCondition } from '../kube/conditions.js';
import { describeRef, refOf } from '../kube/types.js';
import { controlPlaneNamespace } from '../manifests/hypershift.js';
import { wrap } from '../output/table.js';
import type { Finding } from './finding.js';
import type { Snapshot } from './snapshot.js';
import { kubevirtRules } from './kubevirt-rules.js';
import { escapeControl } from '../output/escape.js';

export type { Finding } from './finding.js';

const gi = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes % 2 ** 30 ? 1 : 0)}Gi`;
const bytesOf = (q: unknown) => Number((parseQuantity(String(q ?? '0'))?.nanos ?? 0n) / 1_000_000_000n);

/** A release the user can pass as is: the newest supported minor (create-cluster takes its newest patch a ClusterImageSet offers). */
const newestMinor = (minors: string[]) =>
  [...minors].sort((a, b) => {
    const [x = 0, y = 0] = a.split('.').map(Number);
    const [u = 0, v = 0] = b.split('.').map(Number);
    return u - x || v - y;
  })[0];
const releaseAdvice = (s: Snapshot) =>
  s.supportedVersions?.length
    ? `--release ${newestMinor(s.supportedVersions)} (its newest patch; \`oc get clusterimagesets\` lists them; supported: ${s.supportedVersions.join(', ')})`
    : '--release x.y.z (`hcp-kv doctor` lists the supported versions)';

function releaseRules(s: Snapshot): Finding[] {
  const out: Finding[] = [];
  const rel = findCondition(s.hc, 'ValidReleaseImage');
  const cfg = findCondition(s.hc, 'ValidConfiguration');
  const psName = s.hc?.spec?.pullSecret?.name ?? `${s.name}-pull-secret`;
  if (rel?.status === 'False' && /not supported/i.test(rel.message ?? '')) {
    out.push({
      id: 'release-unsupported',
      problem: 'the release is not supported by the HyperShift operator',
      evidence: [`HostedCluster ${s.namespace}/${s.name} ValidReleaseImage=False: ${rel.message}`, `supported-versions: ${s.supportedVersions?.join(', ') ?? 'unknown'}`],
      next: `it never ran, and create-cluster does not change an existing cluster's release: destroy it and create it again with the same flags but a supported release: hcp-kv destroy-cluster ${s.name} --yes, then create-cluster ${s.name} … ${releaseAdvice(s)}`,
    });
  } else if (rel?.status === 'False' && /unauthorized|authentication|denied|pull secret/i.test(rel.message ?? '')) {
    out.push({
      id: 'pull-secret-rejected',
      problem: 'the registry rejected the pull secret',
      evidence: [`HostedCluster ${s.namespace}/${s.name} ValidReleaseImage=False: ${rel.message}`],
      next: `replace the pull secret with one from console.redhat.com/openshift/install/pull-secret: oc -n ${s.namespace} set data secret/${psName} --from-file=.dockerconfigjson=pull-secret.json`,
    });
  } else if (rel?.status === 'False') {
    // Re-running create-cluster with another release converges the existing cluster onto it (spec.release is
    // not immutable); the operator validates the new image and the finding goes away (test/seed/seed-diagnose.test.ts).
    const image = s.hc?.spec?.release?.image ?? '?';
    out.push({
      id: 'release-invalid',
      problem: `the HyperShift operator cannot read release image ${image}`,
      evidence: [`HostedCluster ${s.namespace}/${s.name} ValidReleaseImage=False: ${rel.message}`],
      next: `it never ran, and create-cluster does not change an existing cluster's release: destroy it and create it again with the same flags but a release the registry has: hcp-kv destroy-cluster ${s.name} --yes, then create-cluster ${s.name} … ${releaseAdvice(s)}, or --release-image with an existing tag or digest`,
    });
  }
  if (cfg?.status === 'False')
    out.push({
      id: 'pull-secret-invalid',
      problem: 'the pull secret is missing or malformed',
      evidence: [`ValidConfiguration=False: ${cfg.message}`],
      next: `recreate secret ${s.namespace}/${psName} from the pull secret file (it needs an "auths" section)`,
    });
  return out;
}

function loadBalancerRule(s: Snapshot): Finding[] {
  const svc = s.services.find((x) => x.metadata.name === 'kube-apiserver' && x.spec?.type === 'LoadBalancer');
  if (!svc || svc.status?.loadBalancer?.ingress?.length) return [];
  const events = s.events.filter((e) => e.involvedObject?.name === svc.metadata.name && e.reason === 'AllocationFailed').map((e) => `Event ${e.reason}: ${e.message}`);
  const used = new Set(s.loadBalancers.flatMap((x) => (x.status?.loadBalancer?.ingress ?? []).map((i) => i.ip)));
  const poolLines = s.pools.map((p) => {
    const entries: string[] = p.spec?.addresses ?? [];
    let size = 0n;
    try {
      size = poolSize(parsePool(entries));
    } catch {
      size = 0n;
    }
    return { name: p.metadata.name, entries, size };
  });
  const total = poolLines.reduce((a, p) => a + p.size, 0n);
  const exhausted = poolLines.length > 0 && BigInt(used.size) >= total;
  const evidence = [
    `Service ${svc.metadata.namespace}/${svc.metadata.name} (type LoadBalancer) has no address`,
    ...events.slice(-1),
    ...poolLines.map((p) => `IPAddressPool ${p.name} ${p.entries.join(',')}: ${p.size} addresses, ${used.size} LoadBalancer addresses in use on the cluster`),
  ];
  if (!poolLines.length)
    return [{ id: 'metallb-no-pool', problem: 'the APIServer LoadBalancer Service has no address: there is no MetalLB address pool', evidence, next: 'configure one: hcp-kv bootstrap --only metallb --metallb-addresses A-B' }];
  return [
    {
      id: exhausted ? 'metallb-exhausted' : 'loadbalancer-pending',
      problem: exhausted ? `the APIServer LoadBalancer Service has no address: MetalLB pool ${poolLines.map((p) => p.name).join(', ')} is exhausted` : 'the APIServer LoadBalancer Service has no address yet',
      evidence,
      next: exhausted
        ? 'add addresses to the pool (hcp-kv bootstrap --only metallb --metallb-addresses A-B with a larger range), or free one by destroying a hosted cluster you no longer need'
        : 'check the MetalLB controller: oc -n metallb-system get pods; and the L2Advertisement of the pool',
    },
  ];
}

function vmRules(s: Snapshot): Finding[] {
  const unschedulable: Unschedulable[] = s.vms.flatMap((vm) => {
    const c = (vm.status?.conditions ?? []).find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return c ? [{ vm, message: c.message }] : [];
  });
  const memory = unschedulable.filter((x) => /Insufficient memory/.test(x.message ?? ''));
  const selector = unschedulable.filter((x) => /didn't match Pod's node affinity\/selector/.test(x.message ?? ''));
  const other = unschedulable.filter((x) => !memory.includes(x) && !selector.includes(x));
  return [noDefaultStorageClass(s), insufficientMemory(s, memory), nodeSelectorMatchesNone(s, selector), cannotPlace(other)].filter((f): f is Finding => f !== undefined);
}

/** A VM whose PodScheduled condition is False, with the scheduler's message. */
type Unschedulable = { vm: Snapshot['vms'][number]; message?: string };

function noDefaultStorageClass(s: Snapshot): Finding | undefined {
  const hasDefault = s.storageClasses.some((sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  const waitingVolumes = s.vms.filter((vm) => vm.status?.printableStatus === 'WaitingForVolumeBinding');
  const pendingDvs = s.dataVolumes.filter((dv) => dv.status?.phase === 'Pending');
  if (!(waitingVolumes.length || pendingDvs.length) || hasDefault) return undefined;
  return {
    id: 'no-default-storageclass',
    problem: 'VMs are Pending: there is no default StorageClass for their root volumes',
    evidence: [
      `${waitingVolumes.length} VMs WaitingForVolumeBinding in ${controlPlaneNamespace(s.namespace, s.name)}: ${waitingVolumes.map((v) => v.metadata.name).join(', ')}`,
      `StorageClasses: ${s.storageClasses.map((sc) => sc.metadata.name).join(', ') || 'none'}, none marked default`,
    ],
    next: s.storageClasses.length
      ? `mark one default: oc annotate storageclass ${s.storageClasses[0]!.metadata.name} storageclass.kubernetes.io/is-default-class=true (or hcp-kv bootstrap --only default-storage-class)`
      : 'install storage: hcp-kv bootstrap (or pass --root-volume-storage-class)',
  };
}

/** VMs that ask for more memory than any infra worker has free (allocatable less what running VMIs request). */
function insufficientMemory(s: Snapshot, memory: Unschedulable[]): Finding | undefined {
  const first = memory[0];
  if (!first) return undefined;
  const workers = s.nodes.filter((n) => 'node-role.kubernetes.io/worker' in (n.metadata.labels ?? {}));
  const used = new Map<string, number>();
  for (const vmi of s.vmis) {
    const node = vmi.status?.nodeName;
    if (node) used.set(node, (used.get(node) ?? 0) + bytesOf(vmi.spec?.domain?.resources?.requests?.memory));
  }
  const free = Math.max(0, ...workers.map((n) => bytesOf(n.status?.allocatable?.memory) - (used.get(n.metadata.name) ?? 0)));
  const asks = memory.map((x) => `${x.vm.metadata.name} asks for ${x.vm.spec?.template?.spec?.domain?.memory?.guest ?? '?'}`);
  const pool = first.vm.metadata.labels?.['hypershift.openshift.io/nodepool-name'];
  return {
    id: 'vm-insufficient-memory',
    problem: 'VMs are Pending: not enough memory on any infra node',
    evidence: [...asks, `VM ${first.vm.metadata.name}: ${first.message}`, `most free memory on a worker: ${gi(free)}`],
    next: `give the node pool smaller VMs (hcp-kv nodepool delete ${pool ?? '<pool>'} and create it again with --memory at most ${gi(free)}), or add memory/nodes to the infra cluster`,
  };
}

function nodeSelectorMatchesNone(s: Snapshot, selector: Unschedulable[]): Finding | undefined {
  const first = selector[0];
  if (!first) return undefined;
  const sel: Record<string, string> = first.vm.spec?.template?.spec?.nodeSelector ?? {};
  const text = Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pool = first.vm.metadata.labels?.['hypershift.openshift.io/nodepool-name'];
  return {
    id: 'vm-node-selector',
    problem: `VMs are Pending: their node selector ${text} matches no infra node`,
    evidence: [`VM ${first.vm.metadata.name} nodeSelector ${text}`, `${s.nodes.filter((n) => Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)).length} of ${s.nodes.length} nodes match`],
    next: `label the infra workers meant for VMs (oc label node <node> ${text}), or recreate node pool ${pool ?? '<pool>'} without --vm-node-selector`,
  };
}

/** Unschedulable for any other reason. */
function cannotPlace(other: Unschedulable[]): Finding | undefined {
  if (!other.length) return undefined;
  return {
    id: 'vm-unschedulable',
    problem: 'VMs are Pending: the scheduler cannot place them',
    evidence: other.map((x) => `VM ${x.vm.metadata.name}: ${x.message}`),
    next: 'free CPU/memory on the infra workers or give the node pool smaller VMs',
  };
}

function versionRules(s: Snapshot): Finding[] {
  const hc = s.hc;
  const top = hc?.status?.version?.history?.[0];
  if (!hc || top?.state === 'Completed') return [];
  const cv = findCondition(s.hc, 'ClusterVersionAvailable');
  const degraded = findCondition(s.hc, 'Degraded');
  const message = [cv?.message, degraded?.message].filter(Boolean).join('; ');
  if (s.ingressController?.spec?.routeAdmission?.wildcardPolicy !== 'WildcardsAllowed' && /wildcard/i.test(message)) {
    return [
      {
        id: 'ingress-wildcard',
        problem: `the version is not Completed: the hosted cluster's default ingress route is not admitted (wildcard routes are not allowed)`,
        evidence: [
          `HostedCluster ${s.namespace}/${s.name} version ${top?.version ?? '?'} ${top?.state ?? ''}: ${cv?.message ?? ''}`,
          `IngressController openshift-ingress-operator/default routeAdmission.wildcardPolicy: ${s.ingressController?.spec?.routeAdmission?.wildcardPolicy ?? 'unset (WildcardsDisallowed)'}`,
        ],
        next: 'allow wildcard routes: hcp-kv bootstrap --only wildcard-ingress',
      },
    ];
  }
  if (/passthrough/i.test(message)) {
    // The version is the operator's (status.version.desired.version): a re-run reads it from there even when the
    // release image names none, and creates the Service and Route (test/seed/seed-diagnose.test.ts follows this).
    const desired = hc.status?.version?.desired;
    return [
      {
        id: 'ingress-passthrough',
        problem: `the version is not Completed: release ${desired?.version ?? top?.version ?? '?'} (before 4.12.2) needs the ingress passthrough`,
        evidence: [`ClusterVersionAvailable: ${cv?.message}`],
        next: `run create-cluster ${s.name} again with the same flags${desired?.image ? ` (--release-image ${desired.image})` : ''} and --force (the kubeconfig file it wrote is rewritten): it creates the passthrough Service and Route for the version the operator reports`,
      },
    ];
  }
  return [];
}

function deletionRule(s: Snapshot): Finding[] {
  const hc = s.hc;
  if (!hc?.metadata.deletionTimestamp) return [];
  const held = [hc, ...s.nodePools]
    .filter((x) => x.metadata.finalizers?.length)
    .map((x) => `${describeRef(refOf({ ...x, kind: x.kind ?? 'NodePool' }))} finalizers ${x.metadata.finalizers!.join(', ')}${x.metadata.deletionTimestamp ? `, deleting since ${x.metadata.deletionTimestamp}` : ''}`);
  return [
    {
      id: 'deletion-stuck',
      problem: 'the hosted cluster is being deleted and is held by finalizers',
      evidence: held,
      next: `wait, or finish it: hcp-kv destroy-cluster ${s.name} --yes --force (removes the finalizers after the grace period)`,
    },
  ];
}

function fallbackRules(s: Snapshot, found: Finding[]): Finding[] {
  if (found.length) return [];
  const out: Finding[] = [];
  const avail = findCondition(s.hc, 'Available');
  if (avail?.status !== 'True')
    out.push({ id: 'control-plane-unavailable', problem: 'the hosted control plane is not Available', evidence: [`Available=${avail?.status ?? 'unknown'}: ${avail?.message ?? ''}`], next: `follow it with hcp-kv status ${s.name}` });
  for (const np of s.nodePools) {
    const ready = findCondition(np, 'Ready');
    if (ready?.status !== 'True')
      out.push({
        id: 'nodepool-not-ready',
        problem: `node pool ${np.metadata.name} is not Ready`,
        evidence: [`Ready=${ready?.status ?? 'unknown'}: ${ready?.message ?? ''}`],
        next: `follow it with hcp-kv nodepool list --cluster-name ${s.name}`,
      });
  }
  const top = s.hc?.status?.version?.history?.[0];
  if (!out.length && top && top.state !== 'Completed')
    out.push({
      id: 'version-progressing',
      problem: `version ${top.version} is not Completed yet`,
      evidence: [`ClusterVersionAvailable: ${findCondition(s.hc, 'ClusterVersionAvailable')?.message ?? ''}`],
      next: `follow it with hcp-kv status ${s.name}`,
    });
  return out;
}

export function diagnose(s: Snapshot): Finding[] {
  if (!s.hc) return [];
  const found = [...deletionRule(s), ...releaseRules(s), ...loadBalancerRule(s), ...vmRules(s), ...versionRules(s), ...kubevirtRules(s)];
  return [...found, ...fallbackRules(s, found)];
}

export function healthLine(s: Snapshot): string {
  const hc = s.hc;
  const top = hc?.status?.version?.history?.[0];
  const ready = s.nodePools.reduce((a, np) => a + (np.status?.replicas ?? 0), 0);
  const want = s.nodePools.reduce((a, np) => a + (np.spec?.replicas ?? 0), 0);
  return `${s.namespace}/${s.name} is healthy: control plane Available, version ${top?.version ?? '?'} ${top?.state ?? ''}, ${ready}/${want} nodes Ready in ${s.nodePools.length} node pool(s)`;
}

/** One numbered finding per problem; on a terminal (width given) each line wraps under its label, nothing is cut. */
export function findingsText(findings: Finding[], width?: number): string {
  const fit = (label: string, raw: string) => {
    const text = escapeControl(raw, { lines: true }); // evidence quotes the cluster: shown, not obeyed
    if (width === undefined) return [`${label}${text}`];
    // wrap() drops leading spaces: wrap without them, then put them back on every line.
    const lead = label.length - label.trimStart().length;
    const hang = ' '.repeat(Math.min(label.length - lead, Math.floor(width / 3)));
    return wrap(`${label.trimStart()}${text}`, width - lead, hang).map((l) => `${' '.repeat(lead)}${l}`);
  };
  return findings
    .map((f, i) => [...fit(`${i + 1}. `, `${f.problem} [${f.id}]`), ...f.evidence.flatMap((e) => fit('   evidence: ', e)), ...fit('   next: ', f.next)].join('\n'))
    .join('\n')
    .concat('\n');
}
