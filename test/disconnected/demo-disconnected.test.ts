// hcp-kv demo --disconnected: the embedded cluster as a disconnected site with a mirror registry; bootstrap from the
// simulated site's oc-mirror results, kv-00 from the mirrored release by digest; the demo itself checks through the
// API that every image reference of kv-00 resolves through the mirror (it fails otherwise). The same create-cluster
// without the mirror sets is refused in preflight: test/disconnected/create-cluster-mirror.test.ts.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('hcp-kv demo --disconnected', () => {
  it('ends with a hosted cluster whose every image reference resolves through the mirror', async () => {
    const r = await runCli(['demo', '--disconnected', '--profile', 'instant', '--progress', 'plain'], { timeout: 120_000 });
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stderr).toMatch(/disconnected: public registries unreachable, mirror registry mirror\.example\.com:5000/);
    expect(r.stderr).toMatch(/\$ hcp-kv bootstrap --metallb-addresses \S+ --oc-mirror-results oc-mirror --disable-default-sources/);
    expect(r.stderr).toMatch(/preflight: disconnected: default sources disabled; using catalog cs-redhat-operator-index-v4-12/);
    expect(r.stderr).toMatch(/\$ hcp-kv create-cluster kv-00 .*--release-image mirror\.example\.com:5000\/openshift\/release-images@sha256:\w{64} --image-content-sources-from-management --additional-trust-bundle oc-mirror\/mirror-ca\.crt/);
    expect(r.stderr).toMatch(/✔ mirror-coverage .*release, control-plane, boot and worker images resolve through the mirror, its CA trusted/);
    // The version came from the server (the HyperShift operator read the mirrored payload), not from a tag.
    expect(r.stderr).toMatch(/ingress-passthrough: waiting for the HyperShift operator to report the version of mirror\.example\.com:5000/);
    expect(r.stdout).toMatch(
      /Disconnected: every image reference of kv-00 resolves through mirror\.example\.com:5000: release mirror\.example\.com:5000\/openshift\/release-images@sha256:\w{64} \(4\.12\.12\), 2 control-plane images, 2 VM boot image imports \(mirror\.example\.com:5000\/openshift\/release@sha256:\w{64}\), worker image sources for 6 repositories/,
    );
  }, 150_000);

  it('refuses --disconnected with --topology external', async () => {
    const r = await runCli(['demo', '--disconnected', '--topology', 'external'], { timeout: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--disconnected and --topology external cannot be combined/);
  });
});
