// Namespace → pull-secret → ssh-key → etcd-encryption-key → HostedCluster → NodePool, server-side applied.
// With --engine hypershift the installed `hypershift` binary creates them instead.
import { execa } from 'execa';
import { usageError, HcpError } from '../../errors.js';
import { clusterManifests, withInfraLabel } from '../../manifests/hypershift.js';
import { clusterSpec, type ClusterContext, type ClusterStep, type CreateOptions } from './context.js';

/** `hypershift create cluster kubevirt`: what hcp-kv resolved, then the user's flags as given (see config/hypershift-args). */
export function hypershiftArgs(o: CreateOptions, infraID: string, pullSecretFile: string, sshKeyFile?: string): string[] {
  return [
    'create', 'cluster', 'kubevirt',
    '--name', o.name,
    '--namespace', o.namespace,
    '--node-pool-replicas', String(o.replicas),
    '--memory', o.nodePool.platform.kubevirt.compute.memory,
    '--pull-secret', pullSecretFile,
    '--release-image', o.releaseImage,
    '--infra-id', infraID,
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
    await writeFile(ps, ctx.opts.pullSecret ?? '', { mode: 0o600 });
    let ssh: string | undefined;
    // With --generate-ssh the binary makes the key pair itself (it refuses --ssh-key next to it).
    if (ctx.opts.sshPublicKey && !ctx.opts.generateSsh) {
      ssh = join(dir, 'id.pub');
      await writeFile(ssh, ctx.opts.sshPublicKey, { mode: 0o600 });
    }
    const r = await execa('hypershift', hypershiftArgs(ctx.opts, ctx.state.infraID!, ps, ssh), { reject: false, cancelSignal: ctx.signal, env: process.env });
    if ((r as { code?: string }).code === 'ENOENT' || /ENOENT/.test(String(r.message ?? ''))) throw usageError('the hypershift binary is not on PATH', 'install it (it ships with MCE: `oc get consoleclidownloads hcp-cli-download`) or use --engine native');
    if (r.exitCode !== 0) throw new HcpError(`hypershift create cluster kubevirt failed (exit ${r.exitCode}): ${String(r.stderr).split('\n').filter(Boolean).pop() ?? ''}`, { hint: 'run it by hand with the same flags, or use --engine native' });
    return 'created by the hypershift binary';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const applyCluster: ClusterStep = {
  id: 'apply-cluster',
  title: 'Create the hosted cluster objects',
  needs: ['check-cluster'],
  async run(ctx) {
    if (ctx.opts.engine === 'hypershift') return runHypershift(ctx);
    const o = ctx.opts;
    const spec = clusterSpec(ctx);
    const objects = withInfraLabel(clusterManifests(spec, { pullSecret: o.pullSecret ?? '', sshPublicKey: o.sshPublicKey, sshPrivateKey: o.sshPrivateKey, infraKubeconfig: o.infraKubeconfig, etcdEncryptionKey: ctx.state.etcdKey! }), spec.infraID);
    const results = await ctx.kube.apply(objects, { signal: ctx.signal, report: ctx.report, dryRun: ctx.dryRun === 'server' });
    for (const r of results) ctx.report(`${r.ref.kind} ${r.ref.namespace ? `${r.ref.namespace}/` : ''}${r.ref.name} ${r.action}`);
    const changed = results.filter((r) => r.action !== 'unchanged').length;
    return `${results.length} objects, ${changed} changed`;
  },
};
