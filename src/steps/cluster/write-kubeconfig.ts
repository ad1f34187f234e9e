// The admin kubeconfig from the HostedCluster's status.kubeconfig secret, written with mode 0600.
import { chmod, writeFile } from 'node:fs/promises';
import { HcpError } from '../../errors.js';
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

export async function writePrivateFile(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

export const writeKubeconfigStep: Step<CreateOptions> = {
  id: 'write-kubeconfig',
  title: 'Write the admin kubeconfig',
  needs: ['wait-version', 'ingress-passthrough'],
  enabled: (ctx) => ctx.opts.wait && ctx.opts.writeKubeconfig,
  notNeeded: (ctx) => (ctx.opts.wait ? 'this run writes no kubeconfig file' : `--no-wait; write it later with hcp-kv create-kubeconfig ${ctx.opts.name}`),
  async run(ctx) {
    await writePrivateFile(ctx.opts.kubeconfigOut, await adminKubeconfig(ctx.kube, ctx.opts));
    return `${ctx.opts.kubeconfigOut} (mode 0600)`;
  },
};
