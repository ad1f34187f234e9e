// What backup create, backup schedule and restore share on the command line: the cluster (argument or upstream's
// --hc-name/--hc-namespace), Go-style boolean flags, --render printing, and the random name suffix.
import { randomBytes } from 'node:crypto';
import { validateName } from '../config/cluster.js';
import { parseGoBool } from '../config/kube-values.js';
import { usageError } from '../errors.js';
import { randomSuffix } from '../backup/names.js';
import { writeJson } from '../output/json.js';
import { toYamlDocuments } from '../output/yaml.js';
import { io } from '../run/io.js';

export function clusterArg(arg: string | undefined, f: { hcName?: string; namespace: string; hcNamespace?: string }): { name: string; namespace: string } {
  if (arg && f.hcName && arg !== f.hcName) throw usageError(`CLUSTER "${arg}" and --hc-name "${f.hcName}" disagree`, 'give one of them');
  if (f.hcNamespace && f.namespace !== 'clusters' && f.hcNamespace !== f.namespace) throw usageError(`--namespace "${f.namespace}" and --hc-namespace "${f.hcNamespace}" disagree`, 'give one of them');
  const namespace = f.hcNamespace ?? f.namespace;
  const name = arg ?? f.hcName;
  if (!name) throw usageError('the hosted cluster is required', 'give it as the argument (hcp-kv backup create kv-00) or with --hc-name');
  return { name: validateName(name, namespace), namespace };
}

export function boolFlag(flag: string, v: string | boolean | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const b = parseGoBool(v);
  if (b === undefined) throw usageError(`--${flag} must be true or false, got "${String(v)}"`);
  return b;
}

export const nameSuffix = () => randomSuffix((n) => randomBytes(n));

/** --render: the objects on stdout (YAML documents, or a JSON List), nothing sent. Secrets are never among them. */
export function render(objects: object[], output: string | undefined): void {
  if (output === 'json') writeJson({ apiVersion: 'v1', kind: 'List', items: objects });
  else io().stdout.write(toYamlDocuments(objects));
}
