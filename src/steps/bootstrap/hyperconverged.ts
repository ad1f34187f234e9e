// HyperConverged kubevirt-hyperconverged → Available. Right after the operator installs, its webhook is not
// serving yet and creation fails with "failed calling webhook": retried until the step's deadline.
import { HcpError } from '../../errors.js';
import { conditionCheck } from '../../kube/conditions.js';
import { abortableSleep } from '../../kube/retry.js';
import { hyperConverged, permitsAll } from '../../manifests/cnv.js';
import { applyAll, isServerDryRun, waitFor, type BootstrapContext, type BootstrapStep } from './context.js';

const REF = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' };
const available = conditionCheck('Available', 'True');

export const hyperconverged: BootstrapStep = {
  id: 'hyperconverged',
  title: 'Deploy OpenShift Virtualization (HyperConverged)',
  needs: ['install-cnv'],
  async skip(ctx) {
    const hco = await ctx.kube.get(REF);
    const check = available(hco);
    if (!permitsAll(hco as Parameters<typeof permitsAll>[0], ctx.opts.permittedHostDevices)) return false;
    return 'done' in check && check.done ? `HyperConverged is Available${ctx.opts.permittedHostDevices?.length ? ', host devices permitted' : ''}` : false;
  },
  async run(ctx) {
    const deadline = Date.now() + ctx.opts.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await applyAll(ctx, [hyperConverged(ctx.opts)]);
        break;
      } catch (e) {
        const webhookNotReady = e instanceof HcpError && /failed calling webhook/.test(e.message);
        if (!webhookNotReady || Date.now() > deadline || isServerDryRun(ctx)) throw e;
        if (attempt === 0) ctx.report('the HyperConverged webhook is not serving yet; retrying');
        await abortableSleep(Math.min(5000, 250 * 2 ** attempt), ctx.signal);
      }
    }
    if (isServerDryRun(ctx)) return '[dry run] HyperConverged validated';
    await waitFor(ctx, REF, conditionCheck('Available', 'True'), 'check `oc get hco -n openshift-cnv kubevirt-hyperconverged -o yaml`');
    const devices = (ctx.opts.permittedHostDevices ?? []).map((d) => `${d.resourceName} (${d.pciDeviceSelector})`);
    return `HyperConverged Available${devices.length ? `; permitted: ${devices.join(', ')}` : ''}`;
  },
};
