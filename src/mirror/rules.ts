// Mirror rules as the nodes' container runtime applies them: ImageDigestMirrorSet / ImageTagMirrorSet /
// ImageContentSourcePolicy on a cluster, and a HostedCluster's spec.imageContentSources (which the hosted
// cluster's config operator turns into an IDMS for its nodes: openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf
// docs/content/how-to/disconnected/image-content-sources.md). Pure: no I/O.
// Semantics (openshift/api config/v1 types_image_digest_mirror_set.go and types_image_tag_mirror_set.go, vendored in
// openshift/hypershift@3ee9615567acffaf3e3ee25c2ca2942d650565cf):
// - a source is host[:port], host[:port]/namespace…[/repo] or *.host; it matches a reference whose repository equals
//   it or continues it at a "/" (quay.io/libpod matches quay.io/libpod/busybox, not quay.io/libpodder);
//   *.redhat.io matches any host under redhat.io and replaces the whole host;
// - digest rules (IDMS, ICSP, imageContentSources) apply only to references by digest, tag rules (ITMS) only to
//   references by tag;
// - of several matching sources only the most specific applies; a rule without mirrors configures no mirror.

export type RuleKind = 'digest' | 'tag';

export interface MirrorRule {
  source: string;
  mirrors: string[];
  kind: RuleKind;
  /** Where the rule comes from, e.g. "ImageDigestMirrorSet idms-release-0". */
  from: string;
}

export interface ImageRef {
  /** host[:port] as written (docker.io when the reference names no registry). */
  host: string;
  /** host/path without tag or digest. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0] ?? '';
  const explicitHost = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repository = explicitHost ? rest : `docker.io/${rest.includes('/') ? rest : `library/${rest}`}`;
  return { host: repository.split('/')[0]!, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** How specific a matching source is (longer wins), or -1 when it does not match the repository. */
export function sourceMatch(source: string, repository: string): number {
  if (source.startsWith('*.')) {
    const host = repository.split('/')[0]!.replace(/:\d+$/, '');
    return host.endsWith(source.slice(1)) ? source.length - 2 : -1;
  }
  if (repository === source || repository.startsWith(`${source}/`)) return source.length;
  return -1;
}

/** The mirrored location of `repository` through `source` → `mirror`. */
export function mirroredRepository(source: string, mirror: string, repository: string): string {
  if (source.startsWith('*.')) return `${mirror}${repository.slice(repository.indexOf('/') < 0 ? repository.length : repository.indexOf('/'))}`;
  return `${mirror}${repository.slice(source.length)}`;
}

export type Resolution = { covered: true; via: string; rule: MirrorRule; pullSpec: string } | { covered: false; why: string };

/** Which mirror a pull of `image` goes to under `rules`, or why none does. */
export function resolveThroughMirrors(image: string, rules: MirrorRule[]): Resolution {
  const ref = parseImageRef(image);
  const kind: RuleKind = ref.digest ? 'digest' : 'tag';
  const matching = rules.map((r) => ({ r, score: sourceMatch(r.source, ref.repository) })).filter((x) => x.score >= 0);
  const ofKind = matching.filter((x) => x.r.kind === kind);
  if (!ofKind.length) {
    const other = matching.find((x) => x.r.kind !== kind);
    if (other)
      return {
        covered: false,
        why: `${other.r.from} maps ${other.r.source}, but only for references by ${other.r.kind}; this one is by ${kind}${kind === 'tag' ? ' (pull it by digest, or add an ImageTagMirrorSet)' : ' (add an ImageDigestMirrorSet)'}`,
      };
    return { covered: false, why: `no mirror rule has a source matching ${ref.repository}` };
  }
  const best = Math.max(...ofKind.map((x) => x.score));
  const winners = ofKind.filter((x) => x.score === best);
  const rule = winners.find((x) => x.r.mirrors.length)?.r;
  if (!rule) return { covered: false, why: `${winners[0]!.r.from} lists no mirror for ${winners[0]!.r.source}` };
  const repo = mirroredRepository(rule.source, rule.mirrors[0]!, ref.repository);
  const pullSpec = `${repo}${ref.digest ? `@${ref.digest}` : ref.tag ? `:${ref.tag}` : ''}`;
  return { covered: true, via: rule.mirrors[0]!, rule, pullSpec };
}

type Entry = { source?: string; mirrors?: string[] };
type SetObject = { kind?: string; metadata?: { name?: string }; spec?: { imageDigestMirrors?: Entry[]; imageTagMirrors?: Entry[]; repositoryDigestMirrors?: Entry[] } };

/** The rules of IDMS, ITMS and ICSP objects (as listed from a cluster or read from oc-mirror's results). */
export function rulesOf(objects: SetObject[]): MirrorRule[] {
  const out: MirrorRule[] = [];
  for (const o of objects) {
    const from = `${o.kind} ${o.metadata?.name ?? ''}`;
    const list = o.kind === 'ImageTagMirrorSet' ? o.spec?.imageTagMirrors : o.kind === 'ImageDigestMirrorSet' ? o.spec?.imageDigestMirrors : o.spec?.repositoryDigestMirrors;
    for (const e of list ?? []) if (e.source) out.push({ source: e.source, mirrors: e.mirrors ?? [], kind: o.kind === 'ImageTagMirrorSet' ? 'tag' : 'digest', from });
  }
  return out;
}

/** A HostedCluster's spec.imageContentSources as digest rules (they become an IDMS/ICSP on its nodes). */
export function rulesOfImageContentSources(list: Array<{ source: string; mirrors?: string[] }> | undefined, from = 'HostedCluster spec.imageContentSources'): MirrorRule[] {
  return (list ?? []).map((e) => ({ source: e.source, mirrors: e.mirrors ?? [], kind: 'digest' as const, from }));
}

/** Every registry host the rules send pulls to. */
export function mirrorHosts(rules: MirrorRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.mirrors.map((m) => m.split('/')[0]!)))].sort();
}
