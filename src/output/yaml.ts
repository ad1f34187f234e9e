import { dump } from 'js-yaml';

/** Multi-document YAML, as `oc get -o yaml` users expect to pipe into `oc apply -f -`. */
export function toYamlDocuments(objs: unknown[]): string {
  return objs.map((o) => `---\n${dump(o, { noRefs: true, lineWidth: -1, sortKeys: false })}`).join('');
}
