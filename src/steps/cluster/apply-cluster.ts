// Namespace → pull-secret → ssh-key → etcd-encryption-key → HostedCluster → NodePool. The etcd key, the
// HostedCluster and the NodePool are created create-only (never applied over: replicas and settings of an
// existing pool stay); on a cluster that already existed everything is create-only (resume, never change).
// With --engine hypershift the installed `hypershift` binary creates them instead.
import { execa } from 'execa';
import { usageError, HcpError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import { type ApplyResult, describeObject, describeRef, type KubeObject } from '../../kube/types.js';
import type { HostedCluster, Secret } from '../../model/index.js';
import { clusterManifests, secretNames, withInfraLabel } from '../../manifests/hypershift.js';
import { describeExisting } from './existing-cluster.js';
import { clusterSpec, completed, type ClusterContext, type ClusterStep, type CompletedCluster, type CreateOptions } from './context.js';
import { io } from '../../run/io.js';

/** `hypershift create cluster kubevirt`: what hcp-kv resolved, then the user's flags as given (see config/hypershift-args). */
export function hypershiftArgs(o: Pick<CreateOptions, 'name' | 'namespace' | 'passThrough'>, c: Pick<CompletedCluster, 'request' | 'release'>, infraID: string, pullSecretFile: string, sshKeyFile?: string): string[] {
  return [
    'create',
    'cluster',
    'kubevirt',
    '--name',
    o.name,
    '--namespace',
    o.namespace,
    '--node-pool-replicas',
    String(c.request.replicas),
    '--memory',
    c.request.nodePool.platform.kubevirt.compute.memory,
    '--pull-secret',
    pullSecretFile,
    '--release-image',
    c.release.image,
    '--infra-id',
    infraID,
    ...(sshKeyFile ? ['--ssh-key', sshKeyFile] : []),
    ...(o.passThrough ?? []),
  ];
}

async function runHypershift(ctx: ClusterContext): Promise<string> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'hcp-kv-'));
  try {
    const ps = join(dir, 'pull-secret.json');
    const c = completed(ctx);
    await writeFile(ps, c.secrets.pullSecret ?? '', { mode: 0o600 });
    let ssh: string | undefined;
    // With --generate-ssh the binary makes the key pair itself (it refuses --ssh-key next to it).
    if (c.secrets.sshPublicKey && !ctx.opts.generateSsh) {
      ssh = join(dir, 'id.pub');
      await writeFile(ssh, c.secrets.sshPublicKey, { mode: 0o600 });
    }
    const r = await execa('hypershift', hypershiftArgs(ctx.opts, c, ctx.state.infraID!, ps, ssh), { reject: false, cancelSignal: ctx.signal, env: io().env });
    if ((r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(r.message ?? '')))
      throw usageError('the hypershift binary is not on PATH', 'install it (it ships with MCE: `oc get consoleclidownloads hcp-cli-download`) or use --engine native');
    if (r.exitCode !== 0)
      throw new HcpError(`hypershift create cluster kubevirt failed (exit ${r.exitCode}): ${String(r.stderr).split('\n').filter(Boolean).pop() ?? ''}`, { hint: 'run it by hand with the same flags, or use --engine native' });
    return 'created by the hypershift binary';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What must never change once made — the etcd encryption key, the HostedCluster's infraID and pull-secret
 * reference — is created create-only; when it exists (a re-run, or a run racing this one) its values are
 * adopted, so concurrent runs converge on the first run's values. Returns what this run created. */
async function createImmutable(ctx: ClusterContext, objects: KubeObject[]): Promise<{ created: Set<string>; early: ApplyResult[] }> {
  const created = new Set<string>();
  const etcdName = secretNames(ctx.opts.name).etcdKey;
  // The namespace and the secrets the HostedCluster refers to come first, as in a plain apply.
  const before = objects.filter((x) => x.kind === 'Namespace' || (x.kind === 'Secret' && x.metadata.name !== etcdName));
  const early = before.length ? await ctx.kube.apply(before, { signal: ctx.signal }) : [];
  const etcd = objects.find((x) => x.kind === 'Secret' && x.metadata.name === etcdName);
  if (etcd) {
    const r = await ctx.kube.create<Secret>(etcd, { signal: ctx.signal });
    if (r.created) created.add(`Secret/${etcdName}`);
    else if (r.object.data?.key) ctx.state.etcdKey = r.object.data.key;
  }
  const hc = objects.find((x) => x.kind === 'HostedCluster');
  if (hc) {
    const r = await ctx.kube.create<HostedCluster>(hc, { signal: ctx.signal });
    if (r.created) created.add(`HostedCluster/${hc.metadata.name}`);
    else {
      refuseTerminating(r.object);
      if (r.object.spec?.infraID) ctx.state.infraID = r.object.spec.infraID;
      const ref = r.object.spec?.pullSecret?.name;
      if (ref && ref !== secretNames(ctx.opts.name).pullSecret)
        throw new HcpError(`HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} references pull secret ${ref}, not ${secretNames(ctx.opts.name).pullSecret}; hcp-kv does not change it`, {
          hint: 'it was created by another tool; manage it with that tool, or pick another cluster name',
        });
    }
  }
  return { created, early };
}

const keyOf = (r: { kind: string; name: string }) => `${r.kind}/${r.name}`;

/** The cluster existed: create what is missing (an interrupted first run), leave the rest exactly as it is. */
async function createMissing(ctx: ClusterContext, objects: KubeObject[]): Promise<string> {
  let made = 0;
  for (const obj of [...objects.filter((x) => x.kind === 'Namespace'), ...objects.filter((x) => x.kind !== 'Namespace')]) {
    const r = await ctx.kube.create(obj, { signal: ctx.signal });
    if (r.created) made++;
    else if (obj.kind === 'HostedCluster') refuseTerminating(r.object);
    ctx.report(r.created ? `${describeObject(obj)} created` : describeExisting(r.object, obj));
  }
  return `${objects.length} objects: ${made ? `${made} created (missing), ` : ''}${objects.length - made} already existed, left unchanged`;
}

/** The NodePool is create-only: replicas and settings of an existing pool are never changed by create-cluster. */
async function createNodePool(ctx: ClusterContext, np: KubeObject | undefined): Promise<string | undefined> {
  if (!np) return undefined;
  const r = await ctx.kube.create(np, { signal: ctx.signal });
  return r.created ? `${describeObject(np)} created` : describeExisting(r.object, np);
}

export const applyCluster: ClusterStep = {
  id: 'apply-cluster',
  title: 'Create the hosted cluster objects',
  needs: ['check-cluster', 'mirror-coverage'],
  async run(ctx) {
    if (ctx.opts.engine === 'hypershift' && ctx.state.existed) return `HostedCluster ${ctx.opts.namespace}/${ctx.opts.name} already exists: the hypershift binary is not run again, nothing was changed`;
    if (ctx.opts.engine === 'hypershift') return runHypershift(ctx);
    const o = ctx.opts;
    const build = () => {
      const spec = clusterSpec(ctx);
      const { pullSecret, ...secrets } = completed(ctx).secrets;
      return withInfraLabel(clusterManifests(spec, { ...secrets, pullSecret: pullSecret ?? '', etcdEncryptionKey: ctx.state.etcdKey! }), spec.infraID);
    };
    if (ctx.dryRun) {
      const results = await ctx.kube.apply(build(), { signal: ctx.signal, report: ctx.report, dryRun: ctx.dryRun === 'server' });
      for (const r of results) ctx.report(`${describeRef(r.ref)} ${r.action}`);
      return `${results.length} objects validated`;
    }
    if (ctx.state.existed) return createMissing(ctx, build());
    const candidateInfraID = ctx.state.infraID;
    const { created, early } = await createImmutable(ctx, build());
    // Then everything else but what is create-only (the etcd key, the HostedCluster: done; the NodePool: next);
    // what was applied early again only if an adopted infraID (a run racing this one) changes its labels.
    const etcdName = secretNames(o.name).etcdKey;
    const createOnly = (x: KubeObject) => x.kind === 'HostedCluster' || x.kind === 'NodePool' || (x.kind === 'Secret' && x.metadata.name === etcdName);
    const earlyKeys = new Set(early.map((r) => keyOf(r.ref)));
    const all = build();
    const rest = all.filter((x) => !createOnly(x) && (!earlyKeys.has(keyOf({ kind: x.kind, name: x.metadata.name })) || ctx.state.infraID !== candidateInfraID));
    const late = rest.length ? await ctx.kube.apply(rest, { signal: ctx.signal, report: ctx.report }) : [];
    const lateByKey = new Map(late.map((r) => [keyOf(r.ref), r]));
    const results: ApplyResult[] = [...early.map((r) => (r.action === 'created' ? r : (lateByKey.get(keyOf(r.ref)) ?? r))), ...late.filter((r) => !earlyKeys.has(keyOf(r.ref)))];
    const lines = results.map((r) => ({ line: `${describeRef(r.ref)} ${r.action}`, changed: r.action !== 'unchanged' }));
    for (const x of all.filter((y) => y.kind === 'HostedCluster' || (y.kind === 'Secret' && y.metadata.name === etcdName))) {
      const mine = created.has(keyOf({ kind: x.kind, name: x.metadata.name }));
      lines.push({ line: `${describeObject(x)} ${mine ? 'created' : 'already exists (created by another run meanwhile), adopted'}`, changed: mine });
    }
    const np = await createNodePool(
      ctx,
      all.find((x) => x.kind === 'NodePool'),
    );
    if (np) lines.push({ line: np, changed: np.endsWith(' created') });
    for (const l of lines) ctx.report(l.line);
    return `${lines.length} objects, ${lines.filter((l) => l.changed).length} changed`;
  },
};
