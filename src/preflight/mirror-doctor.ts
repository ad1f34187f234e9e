// Not a step: doctor's rows about the hosted clusters' side of a disconnected site — the mirror registries'
// trust on the management cluster (image.config.openshift.io additionalTrustedCA) and which of the images every
// hosted cluster pulls the mirror rules cover: the control-plane images and, for the management cluster's own
// release, the KubeVirt boot image of its CoreOS stream. The release image and the workers' image sources depend on
// create-cluster's flags; its mirror-coverage step checks those. Pure over what mirror-site.ts read.
import { evaluateCoverage } from '../mirror/coverage.js';
import { bootImageOf } from '../mirror/release-images.js';
import { mirrorHosts } from '../mirror/rules.js';
import type { MirrorSite } from './mirror-site.js';

interface Row {
  check: string;
  status: 'ok' | 'warn' | 'missing' | 'failed';
  detail: string;
  hint?: string;
}

export function mirrorRows(site: MirrorSite, disconnected: boolean): Row[] {
  if (!disconnected && !site.rules.length) return [];
  const hosts = mirrorHosts(site.rules);
  const untrusted = hosts.filter((h) => !site.trustedHosts.includes(h));
  const trust: Row = {
    check: 'mirror-trust',
    status: untrusted.length ? 'warn' : 'ok',
    detail: site.trustedCaConfigMap
      ? `additionalTrustedCA ConfigMap openshift-config/${site.trustedCaConfigMap}: ${site.trustedHosts.join(', ') || 'no registry'}${untrusted.length ? `; no CA for ${untrusted.join(', ')}` : ''}`
      : `no additionalTrustedCA in image.config.openshift.io/cluster${hosts.length ? `; mirrors ${hosts.join(', ')}` : ''}`,
    ...(untrusted.length
      ? {
          hint: `add each mirror registry's CA to the ConfigMap additionalTrustedCA names (openshift-config, key "host..port"): the HyperShift operator and the nodes pull from it (openshift/hypershift docs/content/how-to/disconnected/tls-certificates.md)`,
        }
      : {}),
  };
  const boot = bootImageOf({ version: site.release.version, image: site.release.image ?? '' }, site.release);
  // The release and the workers are create-cluster's: stand-ins that always pass leave only what every cluster pulls.
  const cov = evaluateCoverage({
    releaseImage: `${hosts[0] ?? 'mirror.invalid'}/release@sha256:${'0'.repeat(64)}`,
    bootImage: boot,
    managementRules: site.rules,
    vmRules: site.rules,
    vmSide: 'the management cluster',
    hostedRules: site.rules.filter((r) => r.kind === 'digest'),
    trustedHosts: [...site.trustedHosts, 'mirror.invalid'],
    trustedCas: {},
    trustBundle: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----',
  });
  const missing = cov.problems.filter((p) => p.what === 'control-plane images' || p.what === 'KubeVirt boot image');
  const coverage: Row = {
    check: 'mirror-coverage',
    status: missing.length && disconnected ? 'warn' : 'ok',
    detail: missing.length
      ? `not mirrored: ${missing.map((p) => `${p.what} ${p.image}`).join('; ')}`
      : `control-plane images and the KubeVirt boot image${boot.exact ? ` of ${site.release.version}` : ''} resolve through the mirror (a rule: OCPBUGS-29408, make sure oc-mirror copied the boot image)`,
    ...(missing.length ? { hint: missing.map((p) => p.hint).join(' — ') } : {}),
  };
  return [trust, coverage];
}
