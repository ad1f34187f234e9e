import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { bootstrapManifests } from '../../src/manifests/bootstrap.js';
import { hypershiftEnabled, hypershiftOverride, mcePlan } from '../../src/manifests/mce.js';
import { parsePool, poolSize } from '../../src/config/ip.js';
import type { BootstrapOptions } from '../../src/config/bootstrap.js';
import { hasUpstreamCrd, validateAgainstCrd } from '../helpers/crd-schema.js';
import { runCli } from '../helpers/cli.js';

const opts: BootstrapOptions = { storage: 'odf-local', storageClass: 'ocs-storagecluster-ceph-rbd', metallbAddresses: ['192.0.2.10-192.0.2.40', 'fd00::/120'], poolName: 'hcp-kv', channels: { mce: 'stable-2.2' }, timeoutMs: 1 };

describe('bootstrap manifests', () => {
  it('every rendered object with an upstream CRD validates against it', async () => {
    const r = await runCli(['render', 'bootstrap', '--metallb-addresses', '192.0.2.10-192.0.2.40,192.0.3.0/28']);
    expect(r.code, r.stderr).toBe(0);
    const docs = r.stdout
      .split(/^---$/m)
      .map((d) => load(d))
      .filter(Boolean) as Array<{ apiVersion: string; kind: string }>;
    expect(docs.length).toBeGreaterThan(15);
    const checked = docs.filter((d) => hasUpstreamCrd(d));
    expect(checked.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['OperatorGroup', 'Subscription', 'StorageCluster', 'HyperConverged', 'MetalLB', 'IPAddressPool', 'L2Advertisement', 'MultiClusterEngine', 'ManagedCluster', 'ManagedClusterAddOn', 'IngressController']),
    );
    for (const d of checked) expect(validateAgainstCrd(d), `${d.kind}`).toEqual([]);
  });

  it('matches the snapshot', () => {
    expect(bootstrapManifests(opts)).toMatchSnapshot();
  });

  it('leaves out ODF with existing storage', () => {
    const steps = bootstrapManifests({ ...opts, storage: 'existing' }).map((g) => g.step);
    expect(steps).not.toContain('storage');
    expect(steps).not.toContain('install-odf');
    expect(steps).not.toContain('install-local-storage');
  });
});

describe('MCE version rules', () => {
  it.each([
    ['2.1.3', 'hypershift-preview', true, true],
    ['2.2.4', 'hypershift-preview', true, false],
    ['2.3.0', 'hypershift-preview', true, false],
    ['2.4.0', 'hypershift', false, false],
    ['2.10.1', 'hypershift', false, false],
  ])('MCE %s: component %s, override needed %s, create local-cluster %s', (v, component, needsOverride, create) => {
    expect(mcePlan(v)).toMatchObject({ component, needsOverride, createLocalCluster: create });
    expect(Boolean(hypershiftOverride('mce', v))).toBe(needsOverride);
  });

  it('reads whether HyperShift is on, keeping the user entries', () => {
    const mce = { apiVersion: 'multicluster.openshift.io/v1', kind: 'MultiClusterEngine', metadata: { name: 'm' }, spec: { overrides: { components: [{ name: 'console-mce', enabled: false }] } } };
    expect(hypershiftEnabled(mce, '2.2.0')).toBe(false);
    expect(hypershiftEnabled(mce, '2.4.0')).toBe(true);
    expect(hypershiftOverride('m', '2.2.0')?.spec).toEqual({ overrides: { components: [{ name: 'hypershift-preview', enabled: true }] } });
    expect(hypershiftEnabled({ ...mce, spec: { overrides: { components: [{ name: 'hypershift', enabled: false }] } } }, '2.5.0')).toBe(false);
  });
});

describe('MetalLB pools', () => {
  it.each([
    [['192.0.2.10-192.0.2.20'], 11n],
    [['192.0.2.0/28'], 16n],
    [['fd00::/126', '192.0.2.1-192.0.2.1'], 5n],
    [['fd00::1-fd00::4'], 4n],
  ])('%j has %i addresses', (entries, n) => expect(poolSize(parsePool(entries))).toBe(n));

  it.each([
    [['192.0.2.20-192.0.2.10'], /reversed/],
    [['192.0.2.0/28', '192.0.2.15-192.0.2.30'], /overlap/],
    [['192.0.2.1-fd00::1'], /mixes IPv4 and IPv6/],
    [['192.0.2.300-192.0.2.301'], /not an IPv4 or IPv6 address/],
    [['192.0.2.5/28'], /host bits set/],
    [['192.0.2.0/40'], /not a valid CIDR/],
    [['10.0.0.1'], /neither a range/],
    [['1.2.3-1.2.4'], /dotted-quad/],
    [[], /no addresses/],
  ])('%j is refused', (entries, pattern) => expect(() => parsePool(entries)).toThrow(pattern));
});
