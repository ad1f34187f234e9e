// The token controller of kube-controller-manager: a Secret of type kubernetes.io/service-account-token whose
// annotation names an existing ServiceAccount gets a token (which the API server then accepts as that
// ServiceAccount) and the namespace.
import { randomBytes } from 'node:crypto';
import type { Controller } from './runtime.js';

export const tokens: Controller = {
  name: 'tokens',
  async start(ctx) {
    ctx.spawn('tokens', () =>
      ctx.client.watch('v1', 'Secret', { signal: ctx.signal }, async (t, s) => {
        if (t === 'DELETED' || s.type !== 'kubernetes.io/service-account-token' || s.data?.token) return;
        const sa = s.metadata.annotations?.['kubernetes.io/service-account.name'];
        if (!sa || !(await ctx.client.get('v1', 'ServiceAccount', sa, s.metadata.namespace))) return;
        const b64 = (x: string) => Buffer.from(x, 'utf8').toString('base64');
        await ctx.client.patch('v1', 'Secret', s.metadata.name, s.metadata.namespace, { data: { token: b64(`sa-${randomBytes(24).toString('hex')}`), namespace: b64(s.metadata.namespace) } });
      }),
    );
  },
};
