// The resources the server serves right now: the built-ins plus every Established CRD's versions.
import { builtinResources, type ResourceInfo } from './resources.js';

export function gpOf(r: Pick<ResourceInfo, 'group' | 'plural'>): string {
  return `${r.group}/${r.plural}`;
}

export class Registry {
  private resources = new Map<string, ResourceInfo>(); // group/version/plural

  constructor(openshiftApis: boolean) {
    for (const r of builtinResources(openshiftApis)) this.add(r);
  }

  all(): ResourceInfo[] {
    return [...this.resources.values()];
  }

  add(r: ResourceInfo): void {
    this.resources.set(`${r.group}/${r.version}/${r.plural}`, r);
  }

  remove(r: ResourceInfo): void {
    this.resources.delete(`${r.group}/${r.version}/${r.plural}`);
  }

  byPlural(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.resources.get(`${group}/${version}/${plural}`);
  }

  byGp(gp: string): ResourceInfo | undefined {
    for (const r of this.resources.values()) if (gpOf(r) === gp) return r;
    return undefined;
  }

  /** Served versions per group ('' is the core group). */
  groups(): Map<string, Set<string>> {
    const g = new Map<string, Set<string>>();
    for (const r of this.resources.values()) {
      if (!g.has(r.group)) g.set(r.group, new Set());
      g.get(r.group)!.add(r.version);
    }
    return g;
  }
}
