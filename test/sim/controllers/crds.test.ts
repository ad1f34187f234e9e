// Which CRDs the simulated operators register: the real upstream ones shipped with the package by default,
// the minimal stand-ins with --minimal-crds, and the minimal ones (with KubeVirt's printer columns) for the
// kinds no upstream YAML exists for.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crdFor, shippedCrdsDir } from '../../../src/sim/controllers/runtime.js';
import { CRDS_DIR } from '../../helpers/fixtures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const columns = (crd: any) => (crd.spec.versions[0].additionalPrinterColumns ?? []).map((c: any) => c.name);

describe('CRD registration', () => {
  it('finds the shipped folder from the module (the one the tests validate against)', () => {
    const dir = shippedCrdsDir()!;
    expect(relative(ROOT, dir)).toBe('crds');
    expect(join(dir, '/')).toBe(CRDS_DIR);
    expect(existsSync(join(dir, 'SOURCES.md'))).toBe(true);
  });

  it('registers the real CRDs by default, the minimal ones when asked', () => {
    const real = crdFor('hostedclusters.hypershift.openshift.io');
    expect(columns(real)).toEqual(expect.arrayContaining(['Version', 'KubeConfig', 'Progress', 'Available', 'Progressing', 'Message']));
    expect(real.spec.versions[0].schema.openAPIV3Schema.properties.spec.required).toEqual(expect.arrayContaining(['release', 'pullSecret']));
    const minimal = crdFor('hostedclusters.hypershift.openshift.io', undefined, true);
    expect(minimal.spec.versions[0].schema.openAPIV3Schema).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(columns(minimal)).toEqual([]);
    expect(columns(crdFor('clusteroperators.config.openshift.io'))).toEqual(['Version', 'Available', 'Progressing', 'Degraded', 'Since']);
  });

  it("gives KubeVirt's kinds, which have no upstream YAML, their printer columns in either mode", () => {
    for (const minimal of [false, true]) {
      expect(columns(crdFor('virtualmachines.kubevirt.io', undefined, minimal))).toEqual(['Age', 'Status', 'Ready']);
      expect(columns(crdFor('virtualmachineinstances.kubevirt.io', undefined, minimal))).toEqual(['Age', 'Phase', 'IP', 'NodeName', 'Ready', 'Live-Migratable', 'Paused']);
    }
  });
});
