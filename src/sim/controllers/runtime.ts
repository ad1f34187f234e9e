// What every simulated operator gets: the API client, the delay table, a seeded RNG, logging, and CRD
// registration (the real upstream CRDs shipped in crds/, or --crds DIR; minimal schemas with --minimal-crds and
// for the kinds no upstream YAML exists for).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { delayMs, type DelayKey, type ProfileName } from '../profiles.js';
import type { Obj, SimClient } from './client.js';

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export interface SimContext {
  client: SimClient;
  profile: ProfileName;
  timeScale: number;
  rng: () => number;
  signal: AbortSignal;
  delay(key: DelayKey): Promise<void>;
  log(controller: string, msg: string): void;
  versions: { ocp: string; mce: string };
  preinstalled: boolean;
  /** A disconnected site (`sim --disconnected`): public registries unreachable, pulls go through mirror rules (mirror.ts). */
  disconnected?: boolean;
  /** Worker nodes of the simulated cluster (3 masters come on top). */
  workers: number;
  crdsDir?: string;
  /** Register the minimal stand-in CRDs instead of the real ones (faster start, looser validation). */
  minimalCrds?: boolean;
  registerCrds(names: string[]): Promise<void>;
  /** Runs work in the background, logging (not throwing) its failure unless we are stopping. */
  spawn(controller: string, work: () => Promise<void>): void;
  /** Resources to release at stop (guest API servers). */
  onStop(fn: () => Promise<void>): void;
}

export interface Controller {
  name: string;
  start(ctx: SimContext): Promise<void>;
}

/** The last second formatted (perf: a pass formats the same second many times). */
let lastNow = { second: NaN, text: '' };

/** The current time as Kubernetes writes it (RFC 3339, whole seconds). */
export function now(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== lastNow.second) lastNow = { second, text: new Date(second * 1000).toISOString().replace('.000Z', 'Z') };
  return lastNow.text;
}

export function condition(type: string, status: boolean | 'Unknown', reason: string, message: string): Condition {
  return { type, status: status === 'Unknown' ? 'Unknown' : status ? 'True' : 'False', reason, message, lastTransitionTime: now() };
}

/** Replaces conditions by type, keeping lastTransitionTime when the status did not change. */
export function mergeConditions(old: Condition[] | undefined, next: Condition[]): Condition[] {
  const out = [...(old ?? [])];
  for (const c of next) {
    const i = out.findIndex((x) => x.type === c.type);
    if (i < 0) out.push(c);
    else out[i] = out[i]!.status === c.status ? { ...c, lastTransitionTime: out[i]!.lastTransitionTime } : c;
  }
  return out;
}

type Column = { name: string; type: string; jsonPath: string; description?: string; priority?: number };
type CrdDef = [group: string, plural: string, kind: string, scope: 'Namespaced' | 'Cluster', versions: string[], shortNames?: string[], columns?: Column[]];

// KubeVirt's printer columns (kubevirt/kubevirt pkg/virt-operator/resource/generate/components/crds.go,
// NewVirtualMachineCrd / NewVirtualMachineInstanceCrd): virt-operator generates these CRDs in Go, no YAML exists.
const AGE: Column = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const VM_COLUMNS: Column[] = [AGE, { name: 'Status', type: 'string', description: 'Human Readable Status', jsonPath: '.status.printableStatus' }, { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status" }];
const VMI_COLUMNS: Column[] = [
  AGE,
  { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
  { name: 'IP', type: 'string', jsonPath: '.status.interfaces[0].ipAddress' },
  { name: 'NodeName', type: 'string', jsonPath: '.status.nodeName' },
  { name: 'Ready', type: 'string', jsonPath: ".status.conditions[?(@.type=='Ready')].status" },
  { name: 'Live-Migratable', type: 'string', jsonPath: ".status.conditions[?(@.type=='LiveMigratable')].status", priority: 1 },
  { name: 'Paused', type: 'string', jsonPath: ".status.conditions[?(@.type=='Paused')].status", priority: 1 },
];

/** The CRDs each simulated operator owns, by `<plural>.<group>`. */
const CRDS: CrdDef[] = [
  ['operators.coreos.com', 'subscriptions', 'Subscription', 'Namespaced', ['v1alpha1'], ['sub', 'subs']],
  ['operators.coreos.com', 'operatorgroups', 'OperatorGroup', 'Namespaced', ['v1', 'v1alpha2'], ['og']],
  ['operators.coreos.com', 'clusterserviceversions', 'ClusterServiceVersion', 'Namespaced', ['v1alpha1'], ['csv', 'csvs']],
  ['operators.coreos.com', 'installplans', 'InstallPlan', 'Namespaced', ['v1alpha1'], ['ip']],
  ['operators.coreos.com', 'catalogsources', 'CatalogSource', 'Namespaced', ['v1alpha1'], ['catsrc']],
  ['operator.openshift.io', 'ingresscontrollers', 'IngressController', 'Namespaced', ['v1'], []],
  ['local.storage.openshift.io', 'localvolumesets', 'LocalVolumeSet', 'Namespaced', ['v1alpha1'], []],
  ['local.storage.openshift.io', 'localvolumes', 'LocalVolume', 'Namespaced', ['v1'], []],
  ['ocs.openshift.io', 'storageclusters', 'StorageCluster', 'Namespaced', ['v1'], []],
  ['lvm.topolvm.io', 'lvmclusters', 'LVMCluster', 'Namespaced', ['v1alpha1'], ['lvms']],
  ['k8s.cni.cncf.io', 'network-attachment-definitions', 'NetworkAttachmentDefinition', 'Namespaced', ['v1'], ['net-attach-def']],
  ['hco.kubevirt.io', 'hyperconvergeds', 'HyperConverged', 'Namespaced', ['v1beta1', 'v1'], ['hco']],
  ['kubevirt.io', 'virtualmachines', 'VirtualMachine', 'Namespaced', ['v1'], ['vm', 'vms'], VM_COLUMNS],
  ['kubevirt.io', 'virtualmachineinstances', 'VirtualMachineInstance', 'Namespaced', ['v1'], ['vmi', 'vmis'], VMI_COLUMNS],
  ['kubevirt.io', 'kubevirts', 'KubeVirt', 'Namespaced', ['v1'], ['kv', 'kvs']],
  ['cdi.kubevirt.io', 'datavolumes', 'DataVolume', 'Namespaced', ['v1beta1'], ['dv', 'dvs']],
  ['cdi.kubevirt.io', 'storageprofiles', 'StorageProfile', 'Cluster', ['v1beta1'], []],
  ['metallb.io', 'metallbs', 'MetalLB', 'Namespaced', ['v1beta1'], []],
  ['metallb.io', 'ipaddresspools', 'IPAddressPool', 'Namespaced', ['v1beta1'], []],
  ['metallb.io', 'l2advertisements', 'L2Advertisement', 'Namespaced', ['v1beta1'], []],
  ['multicluster.openshift.io', 'multiclusterengines', 'MultiClusterEngine', 'Cluster', ['v1'], ['mce']],
  ['cluster.open-cluster-management.io', 'managedclusters', 'ManagedCluster', 'Cluster', ['v1'], ['mcl', 'mcls']],
  ['addon.open-cluster-management.io', 'managedclusteraddons', 'ManagedClusterAddOn', 'Namespaced', ['v1alpha1'], ['mca', 'mcas']],
  ['hypershift.openshift.io', 'hostedclusters', 'HostedCluster', 'Namespaced', ['v1beta1'], ['hc', 'hcs']],
  ['hypershift.openshift.io', 'nodepools', 'NodePool', 'Namespaced', ['v1beta1'], ['np', 'nps']],
  ['config.openshift.io', 'clusteroperators', 'ClusterOperator', 'Cluster', ['v1'], ['co']],
  ['config.openshift.io', 'clusterversions', 'ClusterVersion', 'Cluster', ['v1'], []],
  ['config.openshift.io', 'infrastructures', 'Infrastructure', 'Cluster', ['v1'], []],
  ['config.openshift.io', 'ingresses', 'Ingress', 'Cluster', ['v1'], []],
  ['route.openshift.io', 'routes', 'Route', 'Namespaced', ['v1'], []],
  ['config.openshift.io', 'networks', 'Network', 'Cluster', ['v1'], []],
  ['config.openshift.io', 'operatorhubs', 'OperatorHub', 'Cluster', ['v1'], []],
  ['config.openshift.io', 'imagedigestmirrorsets', 'ImageDigestMirrorSet', 'Cluster', ['v1'], ['idms']],
  ['config.openshift.io', 'imagetagmirrorsets', 'ImageTagMirrorSet', 'Cluster', ['v1'], ['itms']],
  ['operator.openshift.io', 'imagecontentsourcepolicies', 'ImageContentSourcePolicy', 'Cluster', ['v1alpha1'], ['icsp']],
  ['config.openshift.io', 'images', 'Image', 'Cluster', ['v1'], []],
  ['hive.openshift.io', 'clusterimagesets', 'ClusterImageSet', 'Cluster', ['v1'], ['imgs']],
  // An aggregated API on OpenShift (OLM's packageserver); a stand-in CRD on a plain kube-apiserver.
  ['packages.operators.coreos.com', 'packagemanifests', 'PackageManifest', 'Namespaced', ['v1'], []],
];

export function minimalCrd(name: string): Obj {
  const def = CRDS.find(([g, p]) => `${p}.${g}` === name);
  if (!def) throw new Error(`the simulator has no CRD definition for ${name}`);
  const [group, plural, kind, scope, versions, shortNames, columns] = def;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group,
      scope,
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, ...(shortNames?.length ? { shortNames } : {}) },
      versions: versions.map((v, i) => ({
        name: v,
        served: true,
        storage: i === 0,
        ...(columns ? { additionalPrinterColumns: columns } : {}),
        subresources: { status: {} },
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
      })),
    },
  };
}

/**
 * The folder of real upstream CRDs shipped with hcp-kv (`crds/` at the package root; crds/SOURCES.md names each
 * file's origin), found from this module both in the sources (src/sim/controllers) and in the bundle (dist/...).
 */
export function shippedCrdsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'crds', 'SOURCES.md'))) return join(dir, 'crds');
    dir = dirname(dir);
  }
  return undefined;
}

const loaded = new Map<string, Obj>();

let embedded: Record<string, string> | undefined;

/** Without a crds/ folder beside the program (the single-file build), the real CRDs come from inside it. */
export async function loadEmbeddedCrds(): Promise<void> {
  if (!embedded && !shippedCrdsDir()) embedded = (await import('./crds-embedded.js')).EMBEDDED_CRDS;
}

/** The CRD `<plural>.<group>`: the real one from crdsDir (default: the shipped crds/), else the minimal one. */
export function crdFor(name: string, crdsDir?: string, minimal = false): Obj {
  const dir = minimal ? undefined : (crdsDir ?? shippedCrdsDir());
  const file = dir ? join(dir, `${name}.yaml`) : undefined;
  if (!minimal && !crdsDir && !dir && embedded?.[name]) {
    let crd = loaded.get(`embedded:${name}`);
    if (!crd) loaded.set(`embedded:${name}`, (crd = load(embedded[name]!) as Obj));
    return crd;
  }
  if (!file || !existsSync(file)) return minimalCrd(name);
  let crd = loaded.get(file);
  if (!crd) loaded.set(file, (crd = load(readFileSync(file, 'utf8')) as Obj));
  return crd;
}
