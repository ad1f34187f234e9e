// Shared pieces of the bootstrap steps: the context type, memo keys, and apply/wait wrappers that respect
// --dry-run=server (apply with dryRun=All, no waits).
import type { BootstrapOptions } from '../config/bootstrap.js';
import type { Check, KubeObject, ObjectRef } from '../kube/types.js';
import type { StepContext } from '../run/step.js';

export type BootstrapContext = StepContext<BootstrapOptions>;

export const MEMO = {
  channels: 'channels', // Record<OperatorId, string>
  installed: 'installed', // Record<OperatorId, string> (csv names already Succeeded)
  mceName: 'mce.name',
  mceVersion: 'mce.version',
  localCluster: 'mce.localClusterName',
  supportedVersions: 'hypershift.supportedVersions',
} as const;

export function memo<T>(ctx: BootstrapContext, key: string): T | undefined {
  return ctx.memo.get(key) as T | undefined;
}

/** Applies, reporting what changed; in --dry-run=server asks the server to validate only. */
export async function applyAll(ctx: BootstrapContext, objects: KubeObject[]): Promise<string> {
  const results = await ctx.kube.apply(objects, { dryRun: ctx.dryRun === 'server', signal: ctx.signal, report: ctx.report, crdTimeout: ctx.dryRun === 'server' ? 0 : ctx.opts.timeoutMs });
  for (const r of results) ctx.report(`${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name} ${r.action}`);
  return results.map((r) => r.action).join(', ');
}

export function waitFor<T extends KubeObject>(ctx: BootstrapContext, ref: ObjectRef, check: (o: T | undefined) => Check, hint?: string): Promise<T | undefined> {
  return ctx.kube.waitFor<T>(ref, check, { timeout: ctx.opts.timeoutMs, signal: ctx.signal, report: ctx.report, hint });
}

export const isServerDryRun = (ctx: BootstrapContext) => ctx.dryRun === 'server';
