// The docs' least-privilege objects (manifests/infra-credentials.ts), then the token the token controller puts
// into the ServiceAccount's token Secret (a watch with an announced deadline).
import { describeRef, type KubeObject } from '../../kube/types.js';
import { INFRA_TOKEN_SECRET, infraCredentialObjects } from '../../manifests/infra-credentials.js';
import type { InfraCredentialsStep } from './context.js';

export const applyInfraCredentials: InfraCredentialsStep = {
  id: 'apply-infra-credentials',
  title: 'Create the ServiceAccount, Role, bindings and token',
  needs: ['check-infra-credentials'],
  async run(ctx) {
    const o = ctx.opts;
    const results = await ctx.kube.apply(infraCredentialObjects(o.namespace), { signal: ctx.signal, report: ctx.report });
    for (const r of results) ctx.report(`${describeRef(r.ref)} ${r.action}`);
    const secret = await ctx.kube.waitFor<KubeObject & { data?: { token?: string } }>(
      { apiVersion: 'v1', kind: 'Secret', name: INFRA_TOKEN_SECRET, namespace: o.namespace },
      (s) => (s?.data?.token ? { done: true } : { done: false, reason: 'waiting for the token controller to fill the token' }),
      { timeout: o.timeoutMs, signal: ctx.signal, report: ctx.report, hint: `check \`oc get secret ${INFRA_TOKEN_SECRET} -n ${o.namespace} -o yaml\`` },
    );
    ctx.state.token = Buffer.from(secret!.data!.token!, 'base64').toString('utf8');
    return results.map((r) => r.action).join(', ');
  },
};
