// The token controller of kube-controller-manager: a Secret of type kubernetes.io/service-account-token whose
// annotation names an existing ServiceAccount gets a token (which the API server then accepts as that
// ServiceAccount) and the namespace.
import { randomBytes } from 'node:crypto';
import type { Obj } from './client.js';
import { informer } from './informer.js';
import type { Controller, SimContext } from './runtime.js';

async function fillToken(ctx: SimContext, t: string, s: Obj): Promise<void> {
  if (ctx.signal.aborted || t === 'DELETED' || s.type !== 'kubernetes.io/service-account-token' || s.data?.token) return;
  const sa = s.metadata.annotations?.['kubernetes.io/service-account.name'];
  if (!sa || !(await ctx.client.get('v1', 'ServiceAccount', sa, s.metadata.namespace))) return;
  const b64 = (x: string) => Buffer.from(x, 'utf8').toString('base64');
  await ctx.client.patch('v1', 'Secret', s.metadata.name, s.metadata.namespace, { data: { token: b64(`sa-${randomBytes(24).toString('hex')}`), namespace: b64(s.metadata.namespace) } });
}

export const tokens: Controller = {
  name: 'tokens',
  async start(ctx) {
    // On the operators' shared Secret informer, not a watch of its own (perf: its own watch kept a second copy of
    // every Secret). One event at a time, as before: a Secret's ADDED and MODIFIED must not both give it a token.
    let queue = Promise.resolve();
    ctx.spawn('tokens', () =>
      informer(ctx.client, 'v1', 'Secret').follow((t, s) => {
        queue = queue.then(() => fillToken(ctx, t, s)).catch((e: unknown) => ctx.log('tokens', `secret ${s.metadata?.namespace}/${s.metadata?.name}: ${(e as Error).message}`));
      }),
    );
  },
};
