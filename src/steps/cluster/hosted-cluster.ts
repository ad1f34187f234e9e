// Not a step: reading and naming a HostedCluster, shared by the create/destroy steps, status, render and
// density (object refs, the version check, the admin kubeconfig, the infraID suffix).
import { randomBytes } from 'node:crypto';
import { ExitCode, HcpError } from '../../errors.js';
import { parseClusterKubeconfig } from '../../kube/cluster-kubeconfig.js';
import { findCondition } from '../../kube/conditions.js';
import type { Check, Kube, KubeObject } from '../../kube/types.js';
import type { HostedCluster, Secret } from '../../model/index.js';
import { writeOutputFile } from '../../output/write-file.js';

export const hcRef = (o: { name: string; namespace: string }) => ({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', name: o.name, namespace: o.namespace });
export const npRef = (o: { name: string; namespace: string }) => ({ apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'NodePool', name: o.name, namespace: o.namespace });

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomInfraSuffix(): string {
  return Array.from(randomBytes(5), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The hosted cluster's version rollout; the reason carries ClusterVersionAvailable's message (the cause). */
export function versionCompleted(hc: KubeObject | undefined): Check {
  if (!hc) return { done: false, reason: 'the HostedCluster does not exist' };
  const state = (hc as HostedCluster).status?.version?.history?.[0]?.state;
  if (state === 'Completed') return { done: true };
  const cv = findCondition(hc, 'ClusterVersionAvailable');
  return { done: false, reason: `version ${state ?? 'not started'}${cv?.message ? `: ${cv.message}` : ''}` };
}

export async function adminKubeconfig(kube: Kube, o: { name: string; namespace: string }): Promise<string> {
  return (await adminKubeconfigSource(kube, o)).text;
}

/** The admin kubeconfig's text and the Secret it came from (for connectWithClusterKubeconfig's messages). */
export async function adminKubeconfigSource(kube: Kube, o: { name: string; namespace: string }): Promise<{ text: string; source: string }> {
  const hc = await kube.get<HostedCluster>(hcRef(o));
  if (!hc) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} not found`, { hint: 'list them with `hcp-kv list -A`', exitCode: ExitCode.usage });
  const secretName = hc.status?.kubeconfig?.name;
  if (!secretName) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} has no admin kubeconfig yet`, { hint: 'wait until its control plane is Available (`hcp-kv status`)' });
  const secret = await kube.get<Secret>({ apiVersion: 'v1', kind: 'Secret', name: secretName, namespace: o.namespace });
  const data = secret?.data?.kubeconfig;
  if (!data) throw new HcpError(`secret ${o.namespace}/${secretName} has no kubeconfig key`);
  const src = { text: Buffer.from(data, 'base64').toString('utf8'), source: `Secret ${o.namespace}/${secretName} (key kubeconfig, the admin kubeconfig of HostedCluster ${o.namespace}/${o.name})` };
  // Checked before it is used, written to a file or printed: `oc --kubeconfig FILE` would run an exec plugin too.
  parseClusterKubeconfig(src);
  return src;
}

/** A file holding secrets (mode 0600 from creation), written under the rules of src/output/write-file.ts:
 * atomic, an existing file replaced only with `overwrite`, no symlinks, never the management kubeconfig. */
export async function writePrivateFile(path: string, text: string, o: { overwrite?: boolean; flag?: string; kubeconfig?: string } = {}): Promise<void> {
  await writeOutputFile(path, text, { flag: o.flag ?? '--kubeconfig-out', force: o.overwrite, private: true, kubeconfig: o.kubeconfig });
}
