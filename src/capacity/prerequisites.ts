// The prerequisites of hosted clusters on OpenShift Virtualization that the HyperShift operator does not check
// before it starts, read from the management (or infrastructure) cluster. Each names the doc it comes from:
// openshift/openshift-docs modules/hcp-virt-prereqs.adoc@25c2bf2ad6155c6b1ebad90c1fc0308d1e5edb06
//   - "configured with OVNKubernetes as the default pod network CNI"                      → refused otherwise
//   - "OpenShift Virtualization, version 4.14 or later" (for hosted clusters 4.14 and later) → refused otherwise
//   - "an MTU of 9000 or greater … Enable multiqueue on node pools only when the MTU is 9000 or greater" → warning,
//     on the cluster network's MTU below 8800 (9000 less the 200 bytes the operator's ValidKubeVirtInfraNetworkMTU
//     condition allows for encapsulation)
//   - "a ReadWriteMany (RWX) storage class so that live migration can be enabled"            → warning
//   - "wildcard DNS routes enabled" (routeAdmission.wildcardPolicy WildcardsAllowed), needed by the default
//     ingress passthrough (no --base-domain)                                                → refused otherwise
// RWX is read from CDI's StorageProfile of the class (status.claimPropertySets, filled from CDI's capability
// table, kubevirt/containerized-data-importer pkg/storagecapabilities/storagecapabilities.go@007b952e02021628ee44da7ccdb2154c0166e8a9).
// Also: the etcd class's modes (storage-profiles.ts: etcd asks ReadWriteOnce Filesystem → refused when the class
// offers only Block) and, with an external infrastructure cluster, its KubeVirt and Kubernetes versions
// (infra-versions.ts → refused below 1.0 / 1.27).
import semver from 'semver';
import { usageError } from '../errors.js';
import type { Kube, KubeObject } from '../kube/types.js';
import { infraVersions } from './infra-versions.js';
import { isForbidden } from './read.js';
import { claimPropertySets, etcdModes, isDefaultClass } from './storage-profiles.js';

const DOC = 'docs: hosted control planes on OpenShift Virtualization, prerequisites';
const MIN_MTU = 9000 - 200;

export interface PrerequisiteInput {
  /** The hosted cluster's release (x.y.z), once known. */
  release?: string;
  /** NodePool spec.platform.kubevirt.networkInterfaceMultiqueue. */
  multiqueue?: 'Enable' | 'Disable';
  /** The VMs' root-volume class (else the default class). */
  rootVolumeStorageClass?: string;
  /** The hosted cluster's ingress is a passthrough Route on the management cluster's apps domain (no --base-domain). */
  passthroughIngress?: boolean;
  /** etcd's class (--etcd-storage-class, else the recorded one, else the default class). */
  etcdStorageClass?: string;
}

export type { Finding } from './finding.js';
import type { Finding } from './finding.js';

type Network = KubeObject & { status?: { networkType?: string; clusterNetworkMTU?: number } };
type HyperConverged = KubeObject & { status?: { versions?: Array<{ name: string; version: string }> } };
type StorageClass = KubeObject & { provisioner?: string };

function networkFindings(net: Network | undefined, multiqueue: PrerequisiteInput['multiqueue']): Finding[] {
  if (!net?.status) return [];
  const out: Finding[] = [];
  const type = net.status.networkType;
  if (type) {
    out.push(
      type === 'OVNKubernetes'
        ? { id: 'network-type', ok: true, severity: 'refuse', message: 'network type OVNKubernetes' }
        : {
            id: 'network-type',
            ok: false,
            severity: 'refuse',
            message: `the management cluster's network type is ${type}; hosted clusters on OpenShift Virtualization need OVNKubernetes (${DOC})`,
            hint: 'migrate the cluster network to OVN-Kubernetes first (oc get network.config cluster -o jsonpath={.status.networkType})',
          },
    );
  }
  const mtu = net.status.clusterNetworkMTU;
  if (mtu !== undefined) {
    const low = mtu < MIN_MTU;
    out.push(
      !low
        ? { id: 'mtu', ok: true, severity: 'warn', message: `cluster network MTU ${mtu}` }
        : {
            id: 'mtu',
            ok: false,
            severity: 'warn',
            message: `cluster network MTU ${mtu} is below ${MIN_MTU}: guest network latency and throughput suffer${multiqueue === 'Enable' ? ', and multiqueue (on) is advised only from 9000' : ''} (${DOC})`,
            hint: multiqueue === 'Enable' ? 'pass --network-multiqueue Disable, or raise the MTU of the cluster network' : 'raise the MTU of the cluster network to 9000 for better guest networking',
          },
    );
  }
  return out;
}

function cnvFinding(hco: HyperConverged | undefined, release: string | undefined): Finding[] {
  const cnv = semver.coerce(hco?.status?.versions?.find((v) => v.name === 'operator')?.version ?? '')?.version;
  const hosted = semver.coerce(release ?? '')?.version;
  if (!cnv || !hosted || semver.lt(hosted, '4.14.0')) return [];
  return [
    semver.gte(cnv, '4.14.0')
      ? { id: 'cnv-version', ok: true, severity: 'refuse', message: `OpenShift Virtualization ${cnv}` }
      : {
          id: 'cnv-version',
          ok: false,
          severity: 'refuse',
          message: `OpenShift Virtualization ${cnv} cannot host OpenShift ${release} workers: hosted clusters 4.14 and later need OpenShift Virtualization 4.14 or later (${DOC})`,
          hint: 'upgrade OpenShift Virtualization on the cluster that runs the VMs, or create a 4.13 or older hosted cluster',
        },
  ];
}

async function liveMigration(vmKube: Kube, className: string | undefined): Promise<Finding[]> {
  const name = className ?? (await vmKube.list<StorageClass>('storage.k8s.io/v1', 'StorageClass')).find(isDefaultClass)?.metadata.name;
  if (!name) return [];
  const sets = await claimPropertySets(vmKube, name);
  if (!sets) return [];
  const rwx = sets.filter((s) => s.accessModes?.includes('ReadWriteMany'));
  if (!rwx.length) {
    return [
      {
        id: 'live-migration',
        ok: false,
        severity: 'warn',
        message: `StorageClass ${name} of the VMs' root volumes offers no ReadWriteMany access: the VMs cannot live-migrate (KubeVirtNodesLiveMigratable=False), so node drains and upgrades of the infrastructure restart them (${DOC})`,
        hint: 'use an RWX class (RWX Block is recommended), e.g. --root-volume-storage-class ocs-storagecluster-ceph-rbd --root-volume-access-modes ReadWriteMany',
      },
    ];
  }
  const block = rwx.some((s) => s.volumeMode === 'Block');
  return [{ id: 'live-migration', ok: true, severity: 'warn', message: `StorageClass ${name} offers ReadWriteMany${block ? ' Block' : ' Filesystem'}: VMs can live-migrate` }];
}

type IngressController = KubeObject & { spec?: { routeAdmission?: { wildcardPolicy?: string } } };

function wildcardFinding(ic: IngressController | undefined, passthrough: boolean | undefined): Finding[] {
  if (!passthrough || !ic) return [];
  const policy = ic.spec?.routeAdmission?.wildcardPolicy ?? 'WildcardsDisallowed';
  if (policy === 'WildcardsAllowed') return [{ id: 'wildcard-routes', ok: true, severity: 'refuse', message: 'wildcard routes allowed' }];
  return [
    {
      id: 'wildcard-routes',
      ok: false,
      severity: 'refuse',
      message: `the default IngressController does not admit wildcard routes (wildcardPolicy ${policy}): the hosted cluster's ingress passthrough would never be admitted (${DOC})`,
      hint: 'allow them: hcp-kv bootstrap --only wildcard-ingress (or give the cluster its own --base-domain)',
    },
  ];
}

/** A read the credentials may not make counts as unknown: the check it feeds is skipped. */
async function readable<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (e) {
    if (isForbidden(e)) return undefined;
    throw e;
  }
}

/** Every finding, passing ones included (doctor lists them with --all). */
export async function prerequisiteFindings(management: Kube, vmKube: Kube, i: PrerequisiteInput): Promise<Finding[]> {
  const [net, hco, ic] = await Promise.all([
    readable(management.get<Network>({ apiVersion: 'config.openshift.io/v1', kind: 'Network', name: 'cluster' })),
    readable(
      vmKube
        .hasKind('hco.kubevirt.io/v1beta1', 'HyperConverged')
        .then((served) => (served ? vmKube.get<HyperConverged>({ apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }) : undefined)),
    ),
    i.passthroughIngress ? readable(management.get<IngressController>({ apiVersion: 'operator.openshift.io/v1', kind: 'IngressController', name: 'default', namespace: 'openshift-ingress-operator' })) : undefined,
  ]);
  const storage = [...((await readable(liveMigration(vmKube, i.rootVolumeStorageClass))) ?? []), ...((await readable(etcdModes(management, i.etcdStorageClass))) ?? [])];
  // An external infrastructure cluster (another connection than the management cluster's): its versions.
  const infra = vmKube === management ? [] : await infraVersions(vmKube);
  return [...networkFindings(net, i.multiqueue), ...wildcardFinding(ic, i.passthroughIngress), ...cnvFinding(hco, i.release), ...infra, ...storage];
}

/** OpenShift Virtualization on `vmKube` must be 4.14 or later for a 4.14-or-later release: checked by upgrade and
 * nodepool create too (their target release may cross 4.14 where the cluster's did not). Refuses (exit 2). */
export async function checkCnvForRelease(vmKube: Kube, release: string): Promise<void> {
  const served = await vmKube.hasKind('hco.kubevirt.io/v1beta1', 'HyperConverged');
  const hco = served ? await readable(vmKube.get<HyperConverged>({ apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' })) : undefined;
  const refusal = cnvFinding(hco, release).find((f) => !f.ok);
  if (refusal) throw usageError(refusal.message, refusal.hint);
}

/** Throws on the first refusal (exit 2, before any write); returns the warnings' messages to report. */
export async function checkPrerequisites(management: Kube, vmKube: Kube, i: PrerequisiteInput): Promise<string[]> {
  const findings = await prerequisiteFindings(management, vmKube, i);
  const refusal = findings.find((f) => !f.ok && f.severity === 'refuse');
  if (refusal) throw usageError(refusal.message, refusal.hint);
  return findings.filter((f) => !f.ok).map((f) => `warning: ${f.message}${f.hint ? `; ${f.hint}` : ''}`);
}
