// Before anything is sent: the kubeconfig file will not be overwritten by accident, and the current user may
// create what the credentials need (RBAC objects are only granted by someone who holds the permissions).
import { unreachableError } from '../../errors.js';
import { checkOutputFile } from '../../output/write-file.js';
import type { InfraCredentialsStep } from './context.js';

const NEEDED: Array<[verb: string, group: string, resource: string, namespaced: boolean]> = [
  ['create', '', 'serviceaccounts', true],
  ['create', 'rbac.authorization.k8s.io', 'roles', true],
  ['create', 'rbac.authorization.k8s.io', 'rolebindings', true],
  ['create', 'rbac.authorization.k8s.io', 'clusterroles', false],
  ['create', 'rbac.authorization.k8s.io', 'clusterrolebindings', false],
  ['create', '', 'secrets', true],
];

export const checkInfraCredentials: InfraCredentialsStep = {
  id: 'check-infra-credentials',
  title: 'Check the infrastructure cluster and the output file',
  async run(ctx) {
    const o = ctx.opts;
    checkOutputFile(o.out, { flag: '--out', force: o.force, private: true, kubeconfig: o.kubeconfig });
    const denied: string[] = [];
    for (const [verb, group, resource, namespaced] of NEEDED) if (!(await ctx.kube.can(verb, { group, resource, ...(namespaced ? { namespace: o.namespace } : {}) }))) denied.push(`${verb} ${resource}${group ? `.${group}` : ''}`);
    if (denied.length) throw unreachableError(`the current user may not ${denied.join(', ')} on ${ctx.kube.server}`, 'run infra-credentials as a cluster admin of the infrastructure cluster');
    return `may create the ServiceAccount, Role and bindings in ${o.namespace}`;
  },
};
