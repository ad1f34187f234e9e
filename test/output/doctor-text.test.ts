// doctor's text: the verdict on the first line, only what matters below it, grouped, and the bootstrap
// command with the flags the cluster still needs on the last line.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { doctorText, freeClusterName, verdict } from '../../src/output/doctor-text.js';
import type { DoctorCheck, DoctorReport } from '../../src/doctor/doctor.js';

const ok = (check: string, detail = 'fine'): DoctorCheck => ({ check, status: 'ok', detail });
const missing = (check: string, detail = 'not done', hint = `hcp-kv bootstrap --only ${check}`): DoctorCheck => ({ check, status: 'missing', detail, hint });
const STEPS = [
  'install-local-storage',
  'install-odf',
  'install-cnv',
  'install-metallb',
  'install-mce',
  'storage',
  'default-storage-class',
  'hyperconverged',
  'metallb',
  'multicluster-engine',
  'local-cluster',
  'hypershift-addon',
  'hypershift-operator',
  'wildcard-ingress',
];
const cluster = [ok('api', 'https://127.0.0.1:6443 (Kubernetes v1.25.4)'), ok('permissions'), ok('openshift', 'OpenShift 4.12.0'), ok('nodes', '6/6 Ready')];
const stepChecks = (done: (id: string) => boolean) => [
  done('default-storage-class') ? ok('default-storage-class-count', 'default: ocs-storagecluster-ceph-rbd') : missing('default-storage-class-count', 'no default StorageClass'),
  ...STEPS.filter((id) => id !== 'default-storage-class' && id !== 'metallb').map((id) => (done(id) ? ok(id) : missing(id))),
  done('metallb') ? ok('metallb', '1 pool(s), 30 of 31 addresses free') : missing('metallb', 'MetalLB is not Available'),
  done('hypershift-operator') ? ok('supported-versions', 'MCE 2.2.4: OpenShift 4.12, 4.11, 4.10') : missing('supported-versions', 'no hypershift/supported-versions ConfigMap'),
];
const report = (checks: DoctorCheck[], todo: string[], command = 'hcp-kv bootstrap --metallb-addresses START-END'): DoctorReport => ({ checks, steps: { total: STEPS.length, todo }, bootstrapCommand: command });

const fresh = report([...cluster, ...stepChecks(() => false)], STEPS);
const partial = report([...cluster, ...stepChecks((id) => id !== 'hyperconverged' && id !== 'wildcard-ingress')], ['hyperconverged', 'wildcard-ingress'], 'hcp-kv bootstrap --metallb-addresses 192.0.2.10-192.0.2.50');
const ready = report([...cluster, ...stepChecks(() => true)], []);
const oldOpenShift = report([ok('api'), ok('permissions'), { check: 'openshift', status: 'missing', detail: 'OpenShift 4.11.9', hint: 'upgrade to OpenShift 4.12 or later' }, ok('nodes')], []);
const unreachable = report([{ check: 'api', status: 'failed', detail: 'cannot reach the cluster at https://10.0.0.1:6443', hint: 'check the kubeconfig and the network' }], []);

describe('doctor text', () => {
  it.each([
    ['a fresh cluster', fresh, 'not ready: bootstrap has not run — 14 of 14 steps to do'],
    ['a half-prepared cluster', partial, 'not ready: 2 of 14 bootstrap steps to do'],
    ['a prepared cluster', ready, 'ready: hosted clusters can be created (OpenShift 4.12, 4.11, 4.10)'],
    ['OpenShift too old', oldOpenShift, 'not ready: OpenShift version: OpenShift 4.11.9'],
    ['no API server', unreachable, 'not ready: the API server cannot be reached — cannot reach the cluster at https://10.0.0.1:6443'],
  ])('%s: the verdict', (_what, r, text) => {
    expect(verdict(r)).toBe(text);
    expect(doctorText(r).split('\n')[0]).toBe(text);
  });

  it('a fresh cluster: one line per group and the bootstrap command once, last', () => {
    const lines = doctorText(fresh).trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('hcp-kv bootstrap'))).toEqual(['Next: hcp-kv bootstrap --metallb-addresses START-END']);
    expect(lines.at(-1)).toBe('Next: hcp-kv bootstrap --metallb-addresses START-END');
    expect(lines.filter((l) => l.startsWith('✖ none of'))).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/default-storage-class-count|install-odf/);
  });

  it("a half-prepared cluster lists only what is missing, in the user's words", () => {
    const text = doctorText(partial);
    expect(text).toMatch(/✖ OpenShift Virtualization \(HyperConverged\)\s+not set up/);
    expect(text).toMatch(/✖ Wildcard routes\s+not set up/);
    expect(text).not.toContain('✔');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Next: hcp-kv bootstrap --metallb-addresses 192.0.2.10-192.0.2.50');
  });

  it('a cluster bootstrap cannot fix keeps its own hint and no bootstrap command', () => {
    const text = doctorText(oldOpenShift);
    expect(text).toMatch(/✖ OpenShift version\s+OpenShift 4\.11\.9\s+upgrade to OpenShift 4\.12 or later/);
    expect(text).not.toContain('hcp-kv bootstrap');
  });

  it('--all lists the checks that pass too; ready lists them anyway', () => {
    expect(doctorText(partial, { all: true })).toMatch(/✔ Nodes\s+6\/6 Ready/);
    expect(doctorText(ready)).toMatch(/✔ Nodes\s+6\/6 Ready/);
  });

  it.each([60, 80, 100])('fits %i columns, hints as notes', (width) => {
    for (const r of [fresh, partial, ready, oldOpenShift, unreachable]) {
      const text = doctorText(r, { width });
      for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
    }
  });

  it('a ready cluster suggests a hosted cluster name that does not exist yet', () => {
    expect(freeClusterName([])).toBe('kv-00');
    expect(freeClusterName(['kv-00', 'kv-01', 'other'])).toBe('kv-02');
    expect(doctorText(ready).trimEnd().split('\n').at(-1)).toBe('Next: hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret.json');
    expect(
      doctorText(ready, { clusters: ['kv-00'] })
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('Next: hcp-kv create-cluster kv-01 --replicas 2 --pull-secret pull-secret.json');
  });
});
