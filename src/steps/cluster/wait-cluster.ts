// The staged, watch-driven waits of create-cluster, in the order a person watches them: VMs Ready → hosted
// control plane Available → NodePool Ready → version Completed. Each reports conditions as they change.
import { conditionCheck, findCondition } from '../../kube/conditions.js';
import type { Check, KubeObject } from '../../kube/types.js';
import type { Step } from '../../run/step.js';
import { hcRef, npRef, type CreateOptions } from './context.js';

type HostedCluster = KubeObject & { status?: { version?: { history?: Array<{ state: string; version: string }> } } };

const invalid = [
  { type: 'ValidConfiguration', status: 'False' },
  { type: 'ValidReleaseImage', status: 'False' },
];

function stage(id: string, title: string, needs: string[], ref: (o: CreateOptions) => ReturnType<typeof hcRef>, check: (o: KubeObject | undefined) => Check, hint: string, done: string): Step<CreateOptions> {
  return {
    id,
    title,
    needs,
    enabled: (ctx) => ctx.opts.wait,
    notNeeded: () => '--no-wait returns once the objects are applied',
    async run(ctx) {
      await ctx.kube.waitFor(ref(ctx.opts), check, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint });
      return done;
    },
  };
}

/** The hosted cluster's version rollout; the reason carries ClusterVersionAvailable's message (the cause). */
export function versionCompleted(hc: KubeObject | undefined): Check {
  if (!hc) return { done: false, reason: 'the HostedCluster does not exist' };
  const state = (hc as HostedCluster).status?.version?.history?.[0]?.state;
  if (state === 'Completed') return { done: true };
  const cv = findCondition(hc, 'ClusterVersionAvailable');
  return { done: false, reason: `version ${state ?? 'not started'}${cv?.message ? `: ${cv.message}` : ''}` };
}

export const waitVms = stage('wait-vms', 'Wait for the KubeVirt VMs', ['apply-cluster'], npRef, conditionCheck('AllMachinesReady'), 'check the VMs: `oc get vm -n <namespace>-<name>`; they need a default StorageClass and OpenShift Virtualization (hcp-kv doctor)', 'VMs Ready');
export const waitAvailable = stage('wait-available', 'Wait for the hosted control plane', ['apply-cluster'], hcRef, conditionCheck('Available', 'True', { failWhen: invalid }), 'check `oc get hc -n <namespace> <name> -o yaml`: the API server needs a MetalLB address (hcp-kv doctor)', 'control plane Available');
export const waitNodePool = stage('wait-nodepool', 'Wait for the node pool', ['wait-vms', 'wait-available'], npRef, conditionCheck('Ready'), 'check `oc get np -n <namespace>` and the guest nodes', 'NodePool Ready');
export const waitVersion = stage('wait-version', 'Wait for the hosted cluster version to complete', ['wait-nodepool'], hcRef, versionCompleted, 'if the message says wildcard routes are not allowed, allow them: hcp-kv bootstrap --only wildcard-ingress', 'version Completed');
