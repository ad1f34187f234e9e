import { dump } from 'js-yaml';

/** Multi-document YAML, as `oc get -o yaml` users expect to pipe into `oc apply -f -`. */
export function toYamlDocuments(objs: unknown[], o: { sortKeys?: boolean } = {}): string {
  return objs.map((x) => `---\n${dump(x, { noRefs: true, lineWidth: -1, sortKeys: Boolean(o.sortKeys) })}`).join('');
}
