// The admin kubeconfig from the HostedCluster's status.kubeconfig secret, written with mode 0600.
import { randomBytes } from 'node:crypto';
import { chmod, link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HcpError, usageError } from '../../errors.js';
import type { Kube, KubeObject } from '../../kube/types.js';
import type { Step } from '../../run/step.js';
import { hcRef, type CreateOptions } from './context.js';

type HostedCluster = KubeObject & { status?: { kubeconfig?: { name?: string } } };

export async function adminKubeconfig(kube: Kube, o: { name: string; namespace: string }): Promise<string> {
  const hc = await kube.get<HostedCluster>(hcRef(o));
  if (!hc) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} not found`, { hint: 'list them with `hcp-kv list -A`' });
  const secretName = hc.status?.kubeconfig?.name;
  if (!secretName) throw new HcpError(`HostedCluster ${o.namespace}/${o.name} has no admin kubeconfig yet`, { hint: 'wait until its control plane is Available (`hcp-kv status`)' });
  const secret = await kube.get<KubeObject & { data?: { kubeconfig?: string } }>({ apiVersion: 'v1', kind: 'Secret', name: secretName, namespace: o.namespace });
  const data = secret?.data?.kubeconfig;
  if (!data) throw new HcpError(`secret ${o.namespace}/${secretName} has no kubeconfig key`);
  return Buffer.from(data, 'base64').toString('utf8');
}

/** Atomic: a temporary file in the same directory, then rename (overwrite) or link (refuse an existing file,
 * checked at write time, so a file that appeared while the command ran is not clobbered). Never half-written. */
export async function writePrivateFile(path: string, text: string, o: { overwrite?: boolean } = { overwrite: true }): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
  try {
    await chmod(tmp, 0o600);
    if (o.overwrite) await rename(tmp, path);
    else {
      await link(tmp, path).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw usageError(`${path} already exists (it appeared while this command ran); the cluster is ready, the file was not overwritten`, 're-run with --force to overwrite it, or pass --kubeconfig-out with another path');
        throw e;
      });
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

export const writeKubeconfigStep: Step<CreateOptions> = {
  id: 'write-kubeconfig',
  title: 'Write the admin kubeconfig',
  needs: ['wait-version', 'ingress-passthrough'],
  enabled: (ctx) => ctx.opts.wait && ctx.opts.writeKubeconfig,
  async run(ctx) {
    await writePrivateFile(ctx.opts.kubeconfigOut, await adminKubeconfig(ctx.kube, ctx.opts), { overwrite: ctx.opts.force });
    return `${ctx.opts.kubeconfigOut} (mode 0600)`;
  },
};
