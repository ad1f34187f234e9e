// The HyperShift operator (Deployment `operator` in `hypershift`) Available, and the OpenShift versions it
// can host (ConfigMap hypershift/supported-versions).
import { deploymentAvailable } from '../../kube/conditions.js';
import { supportedVersions } from '../../preflight/checks.js';
import { isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const REF = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'operator', namespace: 'hypershift' };

export const hypershiftOperator: BootstrapStep = {
  id: 'hypershift-operator',
  title: 'Wait for the HyperShift operator',
  needs: ['hypershift-addon'],
  enabled: (ctx) => !ctx.opts.infraOnly,
  async skip(ctx) {
    const check = deploymentAvailable(await ctx.kube.get(REF));
    if (!('done' in check && check.done)) return false;
    const versions = await supportedVersions(ctx);
    ctx.state.supportedVersions = versions;
    return `HyperShift operator Available; supports OpenShift ${versions?.join(', ') ?? '(unknown)'}`;
  },
  async run(ctx) {
    if (isServerDryRun(ctx)) return '[dry run] nothing to validate';
    await waitFor(ctx, REF, deploymentAvailable, 'check `oc get pods -n hypershift`');
    const versions = await supportedVersions(ctx);
    ctx.state.supportedVersions = versions;
    return `supports OpenShift ${versions?.join(', ') ?? '(no supported-versions ConfigMap)'}`;
  },
};
