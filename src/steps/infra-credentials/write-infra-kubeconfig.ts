// The kubeconfig for create-cluster --infra-kubeconfig-file, mode 0600; the token is never printed.
import { infraKubeconfig } from '../../manifests/infra-credentials.js';
import { writePrivateFile } from '../cluster/hosted-cluster.js';
import type { InfraCredentialsStep } from './context.js';

export const writeInfraKubeconfig: InfraCredentialsStep = {
  id: 'write-infra-kubeconfig',
  title: 'Write the infrastructure kubeconfig',
  needs: ['apply-infra-credentials'],
  async run(ctx) {
    const o = ctx.opts;
    await writePrivateFile(o.out, infraKubeconfig({ server: o.server, caData: o.caData, insecure: o.insecure, token: ctx.state.token!, namespace: o.namespace }), { overwrite: o.force, flag: '--out', kubeconfig: o.kubeconfig });
    return `${o.out} (mode 0600): pass it as --infra-kubeconfig-file ${o.out} --infra-namespace ${o.namespace}`;
  },
};
