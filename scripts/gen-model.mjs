// Generates src/model/generated.ts: TypeScript read types for the HostedCluster, NodePool, VirtualMachine and
// VirtualMachineInstance fields hcp-kv reads (and the IPAddressPool and IngressController fields diagnose and
// bootstrap read), taken from the upstream schemas: the openAPIV3Schema of the CRDs in crds/ (crds/SOURCES.md) and,
// for KubeVirt (whose CRDs are generated at runtime by virt-operator), KubeVirt's OpenAPI document
// (test/fixtures/kubevirt-openapi/SOURCES.md). Only the listed paths are emitted, each with the schema's type, enum
// values and required-ness, and the first sentence of its description.
//
//   node scripts/gen-model.mjs          rewrite src/model/generated.ts
//   node scripts/gen-model.mjs --check  exit 1 when the committed file is stale (test/model/model.test.ts does the same)
//
// Path syntax: dotted property names; arrays are entered on their own (`status.conditions.type` reads the type of
// each condition). A path ending at an object takes the whole object; a path ending in `{}` reads the object
// without looking inside it (Record<string, unknown>).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT = 'src/model/generated.ts';

export const MODEL = [
  {
    kind: 'HostedCluster',
    crd: 'hostedclusters.hypershift.openshift.io',
    version: 'v1beta1',
    paths: [
      'spec.infraID',
      'spec.release.image',
      'spec.pullSecret.name',
      'spec.platform.kubevirt.credentials.infraKubeConfigSecret.name',
      'spec.platform.kubevirt.credentials.infraKubeConfigSecret.key',
      'spec.platform.kubevirt.credentials.infraNamespace',
      'status.conditions',
      'status.kubeconfig.name',
      'status.version.observedGeneration',
      'status.version.desired.image',
      'status.version.desired.version',
      'status.version.history.state',
      'status.version.history.version',
      'status.version.history.image',
    ],
  },
  {
    kind: 'NodePool',
    crd: 'nodepools.hypershift.openshift.io',
    version: 'v1beta1',
    paths: ['spec.clusterName', 'spec.replicas', 'spec.release.image', 'spec.platform.kubevirt{}', 'spec.management.upgradeType', 'spec.management.autoRepair', 'status.replicas', 'status.version', 'status.conditions'],
  },
  {
    kind: 'VirtualMachine',
    swagger: 'test/fixtures/kubevirt-openapi/swagger.json',
    definition: 'v1.VirtualMachine',
    paths: [
      'spec.template.spec.domain.devices.hostDevices.deviceName',
      'spec.template.spec.domain.memory.guest',
      'spec.template.spec.networks.multus.networkName',
      'spec.template.spec.nodeSelector',
      'status.printableStatus',
      'status.ready',
      'status.conditions',
    ],
  },
  {
    kind: 'VirtualMachineInstance',
    swagger: 'test/fixtures/kubevirt-openapi/swagger.json',
    definition: 'v1.VirtualMachineInstance',
    paths: ['spec.domain.resources.requests', 'status.nodeName'],
  },
  // What diagnose and bootstrap read of the management cluster's MetalLB pools and default IngressController.
  { kind: 'IPAddressPool', crd: 'ipaddresspools.metallb.io', version: 'v1beta1', paths: ['spec.addresses', 'spec.autoAssign'] },
  { kind: 'IngressController', crd: 'ingresscontrollers.operator.openshift.io', version: 'v1', paths: ['spec.routeAdmission.wildcardPolicy'] },
];

/** The definitions a swagger `$ref` points into (empty for a CRD schema, which has none). */
let definitions = {};
const deref = (s) => {
  if (!s?.$ref) return s;
  const target = definitions[s.$ref.replace('#/definitions/', '')];
  if (!target) throw new Error(`unresolved ${s.$ref}`);
  return deref({ ...target, ...(s.description ? { description: s.description } : {}) });
};
const typeName = (s) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

function schemaOf(m) {
  if (m.swagger) {
    definitions = JSON.parse(readFileSync(`${ROOT}${m.swagger}`, 'utf8')).definitions;
    if (!definitions[m.definition]) throw new Error(`${m.swagger} has no definition ${m.definition}`);
    return definitions[m.definition];
  }
  definitions = {};
  const crd = load(readFileSync(`${ROOT}crds/${m.crd}.yaml`, 'utf8'));
  const v = crd.spec.versions.find((x) => x.name === m.version);
  if (!v?.schema) throw new Error(`crds/${m.crd}.yaml does not serve ${m.version}`);
  return v.schema.openAPIV3Schema;
}

const entered = (s) => (typeName(deref(s)) === 'array' ? entered(deref(s).items) : deref(s));

/** Builds the tree of selected nodes: { schema, opaque, children: Map } for each path. */
function select(root, paths, kind) {
  const tree = { schema: root, children: new Map() };
  for (const raw of paths) {
    const opaque = raw.endsWith('{}');
    let node = tree;
    for (const key of raw.replace(/\{\}$/, '').split('.')) {
      const props = entered(node.schema).properties ?? {};
      if (!props[key]) throw new Error(`${kind}: ${raw}: no field "${key}" in the CRD schema`);
      if (!node.children.has(key)) node.children.set(key, { schema: deref(props[key]), children: new Map() });
      node = node.children.get(key);
    }
    node.whole = !opaque;
    node.opaque = opaque;
  }
  return tree;
}

const comment = (s, indent) => {
  // The first sentence of the description, its line breaks joined.
  const text = String(s.description ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  const line = (/^.*?[.:](?=\s|$)/.exec(text)?.[0] ?? text).replace(/\*\//g, '*\\/');
  return line ? `${indent}/** ${line.length > 160 ? `${line.slice(0, 157)}...` : line} */\n` : '';
};

function leafType(schema, indent) {
  const s = deref(schema);
  const type = typeName(s);
  if (s['x-kubernetes-int-or-string']) return 'number | string';
  if (type === 'array') return `Array<${leafType(s.items, indent)}>`;
  if (s.enum) return s.enum.map((e) => `'${e}'`).join(' | ');
  if (type === 'string') return 'string';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'object' && s.properties)
    return objectType(
      s,
      [...Object.keys(s.properties)].map((k) => [k, { schema: deref(s.properties[k]), children: new Map(), whole: true }]),
      indent,
    );
  if (type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `Record<string, ${leafType(s.additionalProperties, indent)}>`;
  return 'unknown';
}

function objectType(s, entries, indent) {
  const required = new Set(s.required ?? []);
  const inner = `${indent}  `;
  const fields = entries.map(([k, n]) => `${comment(n.schema, inner)}${inner}${k}${required.has(k) ? '' : '?'}: ${typeOf(n, inner)};\n`);
  return `{\n${fields.join('')}${indent}}`;
}

function typeOf(node, indent) {
  const s = node.schema;
  if (node.opaque) return typeName(s) === 'array' ? 'Array<Record<string, unknown>>' : 'Record<string, unknown>';
  if (node.whole && !node.children.size) return leafType(s, indent);
  const obj = entered(s);
  const t = objectType(obj, [...node.children.entries()], indent);
  return typeName(s) === 'array' ? `Array<${t}>` : t;
}

export function generate(model = MODEL) {
  const parts = [
    '// Generated by scripts/gen-model.mjs from the upstream schemas (crds/SOURCES.md, test/fixtures/kubevirt-openapi/SOURCES.md):',
    '// the HostedCluster, NodePool, VirtualMachine and VirtualMachineInstance fields hcp-kv reads (and the IPAddressPool',
    "// and IngressController fields diagnose and bootstrap read), with the schemas' types, enums and required-ness. Do not",
    '// edit: change the paths in the script and run `node scripts/gen-model.mjs`; test/model/model.test.ts fails when',
    '// this file is stale.',
    "import type { KubeObject } from '../kube/types.js';",
    '',
  ];
  for (const m of model) {
    const tree = select(schemaOf(m), m.paths, m.kind);
    for (const top of ['spec', 'status']) {
      const node = tree.children.get(top);
      if (node)
        parts.push(`/** ${m.kind} ${top} (${m.crd ? `${m.crd} ${m.version}` : `${m.definition}, KubeVirt OpenAPI`}), the fields hcp-kv reads. */\nexport type ${m.kind}${top[0].toUpperCase()}${top.slice(1)} = ${typeOf(node, '')};\n`);
    }
    const fields = ['spec', 'status'].filter((t) => tree.children.has(t)).map((t) => `${t}?: ${m.kind}${t[0].toUpperCase()}${t.slice(1)}`);
    parts.push(`/** One ${m.kind} as read from the API server. */\nexport type ${m.kind} = KubeObject & { ${fields.join('; ')} };\n`);
  }
  return parts.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(`${ROOT}${OUT}`, 'utf8') !== text) {
      process.stderr.write(`${OUT} is stale: run node scripts/gen-model.mjs\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(`${ROOT}${OUT}`, text);
    process.stdout.write(`wrote ${OUT}\n`);
  }
}
