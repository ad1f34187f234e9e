// hcp-kv's Velero objects against upstream's, field by field: the spec fields, resource lists, labels, policy text
// and flag defaults are read from openshift/hypershift cmd/oadp/*.go at the commit test/fixtures/oadp/SOURCES.md
// records, the upstream object is assembled from them for the same flags, and compared with src/backup's builders.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupObject, resourcePolicyConfigMap, restoreObject, scheduleObject, type BackupInput } from '../../src/backup/objects.js';
import { BACKUP_DEFAULTS, RESTORE_DEFAULTS, SCHEDULE_DEFAULTS } from '../../src/backup/flags.js';
import { generatedName, goDurationString, parseGoDuration, resourcePolicyName, shortenName } from '../../src/backup/names.js';
import { RHCOS_VOLUME_LABEL } from '../../src/backup/resources.js';

const go = (f: string) => readFileSync(new URL(`../fixtures/oadp/${f}.go.txt`, import.meta.url), 'utf8');
const types = go('types');
const common = go('common');

/** The body of the first `{ ... }` block after `start` (braces balanced). */
function block(src: string, start: string | RegExp, from = 0): string {
  const i = typeof start === 'string' ? src.indexOf(start, from) : src.slice(from).search(start) + from;
  if (i < from) throw new Error(`${String(start)} not found upstream`);
  // The brace that ends a line: a signature's or a literal's type may hold `interface{}` before it.
  const open = src.indexOf('{\n', i);
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '{') depth++;
    else if (src[j] === '}' && --depth === 0) return src.slice(open + 1, j);
  }
  throw new Error('unbalanced');
}
const strings = (s: string) => [...s.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
const list = (name: string) => strings(block(types, new RegExp(`\\b${name} = \\[\\]string\\{`)).replace(/\/\/.*$/gm, ''));
/** `"key": expr,` lines of a Go map literal. */
const entries = (s: string) => Object.fromEntries([...s.matchAll(/^\s*"([^"]+)":\s*(.+?),?\s*$/gm)].map((m) => [m[1]!, m[2]!.replace(/,$/, '')]));
/** cmd.Flags().XVar(&target, "flag", default, ...) → flag → default expression. */
const flagDefaults = (src: string) => Object.fromEntries([...src.matchAll(/Flags\(\)\.\w+Var\(&[\w.]+, "([^"]+)", ([^,]+),/g)].map((m) => [m[1]!, m[2]!]));
const goValue = (expr: string): unknown => (expr === 'true' ? true : expr === 'false' ? false : expr === 'nil' ? undefined : /^".*"$/.test(expr) ? expr.slice(1, -1) : /^2 ?\* ?time\.Hour$/.test(expr) ? '2h0m0s' : expr);

/** Evaluates one upstream map literal with the option values and local variables given. */
function evaluate(lit: Record<string, string>, vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(lit).map(([k, e]) => [k, e in vars ? vars[e] : goValue(e)]));
}

const input: BackupInput = {
  hcName: 'kv-00',
  hcNamespace: 'clusters',
  oadpNamespace: 'openshift-adp',
  name: 'kv-00-nightly',
  storageLocation: 'default',
  ttlMs: 2 * 3_600_000,
  snapshotMoveData: true,
  defaultVolumesToFsBackup: false,
  resourcePolicy: resourcePolicyName('kv-00', 'clusters'),
};

function upstreamBackupSpec(i: BackupInput): Record<string, unknown> {
  const fn = block(common, 'func (o *CreateOptions) buildBackupSpec(');
  const volumeMode = block(fn, 'return map[string]interface{}{', fn.indexOf('}\n\treturn map'));
  const ns = [i.hcNamespace, `${i.hcNamespace}-${i.hcName}`, ...(i.additionalNamespaces ?? [])];
  // buildIncludedNamespaces: the HC namespace, then fmt.Sprintf("%s-%s", hcNamespace, hcName), then the extra ones.
  expect(block(common, 'func buildIncludedNamespaces(')).toMatch(/hcNamespace,\s+fmt\.Sprintf\("%s-%s", hcNamespace, hcName\),/);
  const spec = evaluate(entries(volumeMode), {
    nsSlice: ns,
    resSlice: i.includedResources ?? [...list('baseResources'), ...list('kubevirtResources')],
    'o.StorageLocation': i.storageLocation,
    'o.TTL.String()': goDurationString(i.ttlMs),
    'o.SnapshotMoveData': i.snapshotMoveData,
    'o.DefaultVolumesToFsBackup': i.defaultVolumesToFsBackup,
  });
  // applyPlatformBackupSpec (KubeVirt) and applyResourcePolicy.
  const platform = block(common, 'func applyPlatformBackupSpec(');
  expect(platform).toMatch(/"key":\s+v1beta1\.IsKubeVirtRHCOSVolumeLabelName,\s+"operator": "DoesNotExist"/);
  spec.labelSelector = { matchExpressions: [{ key: RHCOS_VOLUME_LABEL, operator: 'DoesNotExist' }] };
  spec.resourcePolicy = evaluate(entries(block(block(common, 'func applyResourcePolicy('), 'spec["resourcePolicy"] = map[string]interface{}{')), { configMapName: i.resourcePolicy });
  return spec;
}

describe('the Backup hcp-kv builds equals upstream oadp-backup for the same flags (KubeVirt)', () => {
  it.each([
    ['defaults', input],
    [
      'storage location, TTL, data mover off, fs backup, extra namespaces',
      { ...input, storageLocation: 's3-backup', ttlMs: 24 * 3_600_000, snapshotMoveData: false, defaultVolumesToFsBackup: true, additionalNamespaces: ['extra-a', 'extra-b'] },
    ],
    ['--included-resources overrides the defaults', { ...input, includedResources: ['configmaps', 'secrets', 'pods'] }],
  ])('%s', (_t, i) => {
    const ours = backupObject(i);
    const backupGo = go('backup');
    const meta = block(block(backupGo, 'backup := &unstructured.Unstructured{'), '"metadata": map[string]interface{}{');
    expect(meta).toMatch(/"name":\s+backupName,\s+"namespace": o\.OADPNamespace,/);
    expect(ours.metadata.labels).toEqual(evaluate(entries(block(meta, '"labels": map[string]interface{}{')), { 'o.StorageLocation': i.storageLocation }));
    expect(backupGo).toMatch(/"apiVersion": "velero\.io\/v1",\s+"kind":\s+"Backup",/);
    expect(ours.spec).toEqual(upstreamBackupSpec(i));
  });

  it('the upstream resource lists, verbatim', () => {
    expect(backupObject(input).spec.includedResources).toEqual([...list('baseResources'), ...list('kubevirtResources')]);
    expect(list('kubevirtResources')).toContain('datavolumes.cdi.kubevirt.io');
  });

  it('the resource policy ConfigMap: name from sha256, text of GenerateResourcePolicyConfigMap', () => {
    const tmpl = /policiesYAML := fmt\.Sprintf\(`([^`]*)`, v1beta1\.IsKubeVirtRHCOSVolumeLabelName\)/.exec(common)![1]!;
    const cm = resourcePolicyConfigMap(resourcePolicyName('kv-00', 'clusters'), 'openshift-adp');
    expect(cm.data['policies.yaml']).toBe(tmpl.replace('%s', RHCOS_VOLUME_LABEL));
    expect(cm.metadata.namespace).toBe('openshift-adp');
    expect(cm.metadata.name).toMatch(/^kv-00-clusters-[0-9a-f]{6}$/);
    expect(block(common, 'func GenerateResourcePolicyName(')).toMatch(/hex\.EncodeToString\(hash\[:\]\)\[:6\]/);
  });
});

describe('the Schedule and the Restore', () => {
  it('Schedule: template = the backup spec, labels and spec fields as GenerateScheduleObject', () => {
    const src = go('schedule');
    const i = { ...input, snapshotMoveData: false, schedule: '0 2 * * *', paused: false, useOwnerReferences: false, skipImmediately: false };
    const ours = scheduleObject(i);
    const obj = block(src, 'schedule := &unstructured.Unstructured{');
    expect(ours.metadata.labels).toEqual(evaluate(entries(block(obj, '"labels": map[string]interface{}{')), { 'o.StorageLocation': i.storageLocation, 'o.HCName': i.hcName, 'o.HCNamespace': i.hcNamespace }));
    const spec = evaluate(entries(block(src, 'spec := map[string]interface{}{')), {
      backupTemplate: upstreamBackupSpec(i),
      'o.Schedule': i.schedule,
      'o.Paused': i.paused,
      'o.UseOwnerReferences': i.useOwnerReferences,
      'o.SkipImmediately': i.skipImmediately,
    });
    expect(ours.spec).toEqual(spec);
  });

  it.each([
    ['defaults', { existingResourcePolicy: 'update' as const, restorePVs: true, preserveNodePorts: true, additionalNamespaces: [] as string[] }],
    ['non-destructive, no PVs', { existingResourcePolicy: 'none' as const, restorePVs: false, preserveNodePorts: false, additionalNamespaces: ['extra'] }],
  ])('Restore (%s): GenerateRestoreObject from a backup', (_t, o) => {
    const src = go('restore');
    const ours = restoreObject({ hcName: 'kv-00', hcNamespace: 'clusters', oadpNamespace: 'openshift-adp', name: 'kv-00-restore', from: { backupName: 'kv-00-nightly' }, ...o });
    const spec = evaluate(entries(block(src, 'spec := map[string]interface{}{')), {
      includedNamespacesInterface: ['clusters', 'clusters-kv-00', ...(o.additionalNamespaces ?? [])],
      excludedResourcesInterface: list('defaultExcludedResources'),
      'o.ExistingResourcePolicy': o.existingResourcePolicy,
      '*o.PreserveNodePorts': o.preserveNodePorts,
    });
    expect(src).toMatch(/spec\["restorePVs"\] = \*o\.RestorePVs/);
    expect(src).toMatch(/spec\["backupName"\] = o\.BackupName/);
    expect(ours.spec).toEqual({ ...spec, restorePVs: o.restorePVs, backupName: 'kv-00-nightly' });
    expect(ours.metadata).toEqual({ name: 'kv-00-restore', namespace: 'openshift-adp' });
  });

  it("flag defaults are upstream's", () => {
    const pick = (src: string, names: string[]) => Object.fromEntries(names.map((n) => [n, goValue(flagDefaults(src)[n]!)]));
    expect(pick(go('backup'), Object.keys(BACKUP_DEFAULTS))).toEqual(BACKUP_DEFAULTS);
    expect(pick(go('schedule'), Object.keys(SCHEDULE_DEFAULTS))).toEqual(SCHEDULE_DEFAULTS);
    expect(pick(go('restore'), ['oadp-namespace', 'existing-resource-policy'])).toEqual({ 'oadp-namespace': RESTORE_DEFAULTS['oadp-namespace'], 'existing-resource-policy': RESTORE_DEFAULTS['existing-resource-policy'] });
    expect(flagDefaults(go('restore'))).toMatchObject({ 'restore-pvs': 'true', 'preserve-node-ports': 'true' });
  });
});

describe('names and durations as upstream makes them', () => {
  it('ShortenName: short names joined, long ones truncated with the fnv32a hash', () => {
    expect(generatedName('kv-00', 'clusters', 'bcd234')).toBe('kv-00-clusters-bcd234');
    const long = generatedName('a'.repeat(40), 'b'.repeat(30), 'xyz123');
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^a{40}-b{6}-[0-9a-f]{8}-xyz123$/);
    expect(shortenName('abc', 'x'.repeat(70), 20)).toMatch(/^abc-[0-9a-f]{8}$/);
  });
  it('Go durations: parse what pflag accepts, print time.Duration.String', () => {
    expect(goDurationString(parseGoDuration('2h')!)).toBe('2h0m0s');
    expect(goDurationString(parseGoDuration('720h')!)).toBe('720h0m0s');
    expect(goDurationString(parseGoDuration('1h30m')!)).toBe('1h30m0s');
    expect(goDurationString(parseGoDuration('90s')!)).toBe('1m30s');
    expect(parseGoDuration('2 days')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });
});
