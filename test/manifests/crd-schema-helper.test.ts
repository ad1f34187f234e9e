import { describe, expect, it } from 'vitest';
import { validateAgainstCrd, hasUpstreamCrd } from '../helpers/crd-schema.js';

// The validator itself must catch what a real API server would reject (and typos it would prune).
describe('crd-schema helper', () => {
  const pool = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p', namespace: 'metallb-system' }, spec: { addresses: ['192.168.1.10-192.168.1.20'] } };

  it('accepts a valid object', () => {
    expect(hasUpstreamCrd(pool)).toBe(true);
    expect(validateAgainstCrd(pool)).toEqual([]);
  });

  it('rejects a misspelt field and a wrong type', () => {
    expect(validateAgainstCrd({ ...pool, spec: { adresses: ['x'] } }).join('\n')).toMatch(/adresses/);
    expect(validateAgainstCrd({ ...pool, spec: { addresses: 'x' } }).join('\n')).toMatch(/must be array/);
  });

  it('handles int-or-string and the large HostedCluster schema', () => {
    const hc = {
      apiVersion: 'hypershift.openshift.io/v1beta1',
      kind: 'HostedCluster',
      metadata: { name: 'a', namespace: 'clusters' },
      spec: { release: { image: 'quay.io/openshift-release-dev/ocp-release:4.14.0-x86_64' }, pullSecret: { name: 'ps' }, platform: { type: 'KubeVirt' }, services: [], dns: {} },
    };
    const errs = validateAgainstCrd(hc).join('\n');
    expect(errs).toMatch(/required property 'etcd'/);
    expect(errs).toMatch(/dns must have required property 'baseDomain'/);
  });
});
