// Before any write, on a disconnected site: the release image, the control-plane images, the KubeVirt boot image
// the release uses and the worker images each resolve through a mirror rule of the side that pulls them, and the
// mirror registries' CA is trusted where the pulls happen (src/mirror/coverage.ts). Refuses (exit 2) naming what
// is not mirrored. --image-content-sources-from-management first copies the management cluster's digest mirror
// rules into spec.imageContentSources. A site is disconnected when OperatorHub's default sources are disabled or a
// default catalog is not READY; mirror sets alone (a connected site may use them too) only give warnings.
import { releaseOf } from '../../config/release.js';
import { usageError } from '../../errors.js';
import type { HttpLimits } from '../../kube/http.js';
import { evaluateCoverage, type Uncovered } from '../../mirror/coverage.js';
import { bootImageOf } from '../../mirror/release-images.js';
import { rulesOf, rulesOfImageContentSources } from '../../mirror/rules.js';
import { disconnectedSigns, readDisconnected } from '../../preflight/disconnected-check.js';
import { imageContentSourcesFrom, mirrorSetObjects, readMirrorSite, type MirrorSite } from '../../preflight/mirror-site.js';
import { completed, type ClusterContext, type ClusterStep } from './context.js';
import { connectInfraCluster } from './infra-cluster.js';

/** The completed cluster with the copied rules: a new value in the run's state (the options are never changed). */
function deriveImageSources(ctx: ClusterContext, site: MirrorSite): void {
  const o = ctx.opts;
  const c = completed(ctx);
  if (o.engine === 'hypershift')
    throw usageError('--image-content-sources-from-management works with --engine native only: the hypershift binary has no such flag', 'export the mirror sets to a file and pass --image-content-sources FILE, or use --engine native');
  const { sources, left } = imageContentSourcesFrom(site.rules, c.request.imageContentSources);
  // Nothing to copy is not an error here: the coverage check below names what the workers could not pull.
  if (!sources.length) return ctx.report('--image-content-sources-from-management: the management cluster has no ImageDigestMirrorSet or ImageContentSourcePolicy to copy');
  ctx.state.cluster = { ...c, request: { ...c.request, imageContentSources: sources } };
  ctx.report(`spec.imageContentSources from the management cluster: ${sources.map((s) => `${s.source} → ${s.mirrors.join(', ') || '(no mirror)'}`).join('; ')}`);
  for (const r of left) ctx.report(`not copied: ${r.from} ${r.source} (a tag mirror; spec.imageContentSources are digest mirrors only)`);
}

async function vmSideRules(ctx: ClusterContext, site: MirrorSite): Promise<{ rules: MirrorSite['rules']; side: string }> {
  const infra = await connectInfraCluster({ infraKubeconfig: ctx.opts.secrets.infraKubeconfig, infraNamespace: completed(ctx).request.infraNamespace }, (ctx.kube as { http?: { limits?: HttpLimits } }).http?.limits);
  if (!infra) return { rules: site.rules, side: 'the management cluster' };
  try {
    return { rules: rulesOf(await mirrorSetObjects(infra.kube)), side: `the infrastructure cluster ${infra.kube.server}` };
  } finally {
    await infra.close();
  }
}

const line = (p: Uncovered) => `${p.what} ${p.image} (${p.why})`;

export const mirrorCoverage: ClusterStep = {
  id: 'mirror-coverage',
  title: 'Check that every image comes through the mirror',
  needs: ['check-cluster'],
  async run(ctx) {
    const o = ctx.opts;
    const info = await readDisconnected(ctx.kube);
    const site = info.site ?? (await readMirrorSite(ctx.kube));
    if (o.imageContentSourcesFromManagement) deriveImageSources(ctx, site);
    if (o.skipMirrorCheck) return 'mirror coverage not checked (--skip-mirror-check)';
    const signs = disconnectedSigns(info);
    const disconnected = signs.some((s) => !/mirror set/.test(s));
    if (!disconnected && !site.rules.length) return 'connected site (default sources enabled and READY, no mirror sets): nothing to check';
    const vm = await vmSideRules(ctx, site);
    const { request, release } = completed(ctx);
    const boot = bootImageOf({ version: release.version ?? releaseOf(release.image), image: release.image, arch: request.arch }, site.release);
    const cov = evaluateCoverage({
      releaseImage: release.image,
      bootImage: boot,
      managementRules: site.rules,
      vmRules: vm.rules,
      vmSide: vm.side,
      hostedRules: rulesOfImageContentSources(request.imageContentSources),
      trustedHosts: site.trustedHosts,
      trustedCas: site.trustedCas,
      trustBundle: request.additionalTrustBundle,
    });
    for (const r of cov.resolved) ctx.report(r);
    ctx.report(`KubeVirt boot image: ${boot.exact ? boot.image : 'exact image unknown'} (${boot.source}); a mirror rule is not enough: OCPBUGS-29408, oc-mirror skips this image unless told to`);
    if (cov.problems.length && disconnected) {
      const hints = [...new Set(cov.problems.map((p) => p.hint))];
      throw usageError(`disconnected site (${signs.join('; ')}): not mirrored: ${cov.problems.map(line).join('; ')}`, `nothing was changed. ${hints.join(' — ')}`);
    }
    for (const p of cov.problems) ctx.report(`warning: ${line(p)}: ${p.hint}`);
    return `${disconnected ? `disconnected (${signs.join('; ')})` : 'mirror sets present'}: ${cov.problems.length ? `${cov.problems.length} image(s) not mirrored (warnings: the site is connected)` : 'release, control-plane, boot and worker images resolve through the mirror, its CA trusted'}`;
  },
};
