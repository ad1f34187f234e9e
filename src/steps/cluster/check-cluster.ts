// Before anything is sent: the cluster can host hosted clusters, the release is supported, the kubeconfig
// file will not be overwritten by accident, and an existing cluster's infraID and keys are reused (converge).
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { releaseImageFor, releaseOf, validateDerivedNames } from '../../config/cluster.js';
import { unreachableError, usageError } from '../../errors.js';
import { refuseTerminating } from '../../kube/terminating.js';
import type { KubeObject } from '../../kube/types.js';
import { secretNames } from '../../manifests/hypershift.js';
import { supportedVersions } from '../checks.js';
import { type ClusterStep, type CreateOptions } from './context.js';
import { hcRef, randomInfraSuffix } from './hosted-cluster.js';

export const checkCluster: ClusterStep = {
  id: 'check-cluster',
  title: 'Check the management cluster and the request',
  async run(ctx) {
    const o = ctx.opts;
    if (o.wait && o.writeKubeconfig && existsSync(o.kubeconfigOut) && !o.force) throw usageError(`${o.kubeconfigOut} already exists`, 'pass --force to overwrite it, or --kubeconfig-out FILE');
    if (!(await ctx.kube.can('create', { group: 'hypershift.openshift.io', resource: 'hostedclusters', namespace: o.namespace }))) throw unreachableError(`the current user may not create hostedclusters in ${o.namespace}`, 'log in as a cluster admin');
    if (!(await ctx.kube.hasKind('hypershift.openshift.io/v1beta1', 'HostedCluster'))) throw usageError('this cluster does not serve HostedCluster: HyperShift is not installed', 'prepare it first: hcp-kv bootstrap (then hcp-kv doctor)');
    const versions = await supportedVersions(ctx);
    if (!o.releaseImage) {
      const newest = versions?.[0];
      if (!newest) throw usageError('no release given and the cluster publishes no supported versions', 'pass --release 4.y.z');
      o.release = `${newest}.0`;
      o.releaseImage = releaseImageFor(o.release);
      ctx.report(`release ${o.release} (newest supported)`);
    }
    const release = o.release ?? releaseOf(o.releaseImage);
    if (!o.skipVersionCheck && release && versions && !versions.includes(release.split('.').slice(0, 2).join('.'))) {
      throw usageError(`OpenShift ${release} is not supported by this HyperShift operator (supported: ${versions.join(', ')})`, 'pick a supported --release, or pass --skip-version-check');
    }
    const existing = await ctx.kube.get<KubeObject & { spec?: { infraID?: string } }>(hcRef(o));
    refuseTerminating(existing);
    ctx.state.infraID = existing?.spec?.infraID ?? `${o.name}-${randomInfraSuffix()}`;
    // Never rotate an existing cluster's etcd encryption key: reuse it on a re-run. (These are candidates: a run
    // racing this one may create them first; apply-cluster creates them create-only and adopts what exists.)
    const key = await ctx.kube.get<KubeObject & { data?: { key?: string } }>({ apiVersion: 'v1', kind: 'Secret', name: secretNames(o.name).etcdKey, namespace: o.namespace });
    ctx.state.etcdKey = key?.data?.key ?? randomBytes(32).toString('base64');
    const ingress = await ctx.kube.get<KubeObject & { spec?: { domain?: string } }>({ apiVersion: 'config.openshift.io/v1', kind: 'Ingress', name: 'cluster' });
    ctx.state.appsDomain = ingress?.spec?.domain ?? '';
    // Now that the release and the apps domain are known, every derived name can be checked before any write.
    validateDerivedNames(o.name, o.namespace, release, o.baseDomain || ingress?.spec?.domain);
    return existing ? `HostedCluster ${o.namespace}/${o.name} exists: converging` : `release ${release ?? o.releaseImage}`;
  },
};
