// Shared pieces of the bootstrap steps: the context and state types, and apply/wait wrappers that respect
// --dry-run=server (apply with dryRun=All, no waits).
import type { BootstrapOptions } from '../../config/bootstrap.js';
import { type Check, describeObject, describeRef, type KubeObject, type ObjectRef } from '../../kube/types.js';
import type { OperatorId } from '../../manifests/olm.js';
import type { Step, StepContext } from '../../run/step.js';

/** What the bootstrap steps hand each other in one run. */
export interface BootstrapState {
  /** preflight: the channel of each operator, resolved against the catalog. */
  channels?: Partial<Record<OperatorId, string>>;
  /** preflight: the CatalogSource every Subscription uses. */
  catalogSource?: string;
  /** preflight: the objects --oc-mirror-results holds, for the mirror-resources step. */
  mirrorResults?: { folder: string; objects: KubeObject[]; skipped: Array<{ file: string; why: string }> };
  /** preflight: the catalog comes from --oc-mirror-results and is not on the cluster yet (mirror-resources checks its packages). */
  catalogPending?: boolean;
  /** preflight (and doctor): the CSV of each operator already installed and Succeeded. */
  installed?: Partial<Record<OperatorId, string>>;
  /** multicluster-engine: the MultiClusterEngine found or created, and its version. */
  mceName?: string;
  mceVersion?: string;
  /** multicluster-engine: the name of the local-cluster ManagedCluster for that MCE version. */
  localClusterName?: string;
  /** hypershift-operator: the OpenShift versions the HyperShift operator supports. */
  supportedVersions?: string[];
}

export type BootstrapContext = StepContext<BootstrapOptions, BootstrapState>;
/** The bootstrap's step ids, in the order of BOOTSTRAP_STEPS (test/run/step-ids.test.ts compares them). */
export const BOOTSTRAP_STEP_IDS = [
  'preflight',
  'mirror-resources',
  'install-local-storage',
  'install-odf',
  'install-lvms',
  'install-cnv',
  'install-metallb',
  'install-mce',
  'install-oadp',
  'storage',
  'lvm-cluster',
  'default-storage-class',
  'hyperconverged',
  'metallb',
  'multicluster-engine',
  'local-cluster',
  'hypershift-addon',
  'hypershift-operator',
  'data-protection',
  'wildcard-ingress',
  'control-plane-nodes',
  'record-settings',
] as const;
export type BootstrapStepId = (typeof BOOTSTRAP_STEP_IDS)[number];
export type BootstrapStep = Step<BootstrapOptions, BootstrapState, BootstrapStepId>;

/** Applies, reporting what changed; in --dry-run=server asks the server to validate only. */
export async function applyAll(ctx: BootstrapContext, objects: KubeObject[]): Promise<string> {
  if (isServerDryRun(ctx)) return dryRunAll(ctx, objects);
  const results = await ctx.kube.apply(objects, { signal: ctx.signal, report: ctx.report, crdTimeout: ctx.opts.timeoutMs });
  for (const r of results) ctx.report(`${describeRef(r.ref)} ${r.action}`);
  return results.map((r) => r.action).join(', ');
}

/**
 * Server-side dry run, object by object: what cannot be validated yet — its namespace or its API does not
 * exist before the real run creates them — is reported, not failed (kubectl --dry-run=server stops there).
 */
async function dryRunAll(ctx: BootstrapContext, objects: KubeObject[]): Promise<string> {
  const outcomes: string[] = [];
  for (const obj of objects) {
    const what = describeObject(obj);
    try {
      await ctx.kube.apply([obj], { dryRun: true, signal: ctx.signal, crdTimeout: 0 });
      ctx.report(`${what} validated by the server`);
      outcomes.push('valid');
    } catch (e) {
      const message = (e as Error).message;
      if (!/namespaces? "[^"]+" not found|does not serve/.test(message)) throw e;
      ctx.report(`${what} not validated: ${/does not serve/.test(message) ? 'its API is not installed yet' : 'its namespace does not exist yet'}`);
      outcomes.push('not validated');
    }
  }
  return outcomes.join(', ');
}

export function waitFor<T extends KubeObject>(ctx: BootstrapContext, ref: ObjectRef, check: (o: T | undefined) => Check, hint?: string): Promise<T | undefined> {
  return ctx.kube.waitFor<T>(ref, check, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint });
}

export const isServerDryRun = (ctx: BootstrapContext) => ctx.dryRun === 'server';
