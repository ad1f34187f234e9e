// Bad values for the upstream `hcp create cluster kubevirt` flags: exit 2, one line naming the flag, a hint,
// and zero mutating requests — including the CIDR check against the management cluster's Network config.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';

let env: SimEnv;
beforeAll(async () => {
  env = await simEnv({ profile: 'instant' });
  const boot = await env.cli(['bootstrap', '--metallb-addresses', POOL]);
  expect(boot.code, boot.stderr).toBe(0);
}, 60_000);
afterAll(() => env.stop());

const file = (name: string, text: string) => {
  const p = join(env.dir, name);
  writeFileSync(p, text);
  return p;
};
const cc =
  (...extra: string[]) =>
  () => ['create-cluster', '--name', 'bad', '--pull-secret', file('ps.json', '{"auths":{"quay.io":{"auth":"eDp5"}}}'), '--release', '4.12.5', ...extra];

const cases: Array<[string, () => string[], RegExp]> = [
  ['an unknown qos class', cc('--qos-class', 'BestEffort'), /--qos-class must be one of Burstable, Guaranteed/],
  ['ReadOnlyMany root volume access', cc('--root-volume-access-modes', 'ReadOnlyMany'), /--root-volume-access-modes must be one of ReadWriteOnce, ReadWriteMany, ReadOnly, ReadWriteOncePod/],
  ['an unknown cache strategy', cc('--root-volume-cache-strategy', 'Disk'), /--root-volume-cache-strategy must be one of None, PVC/],
  ['an unknown network type', cc('--network-type', 'Flannel'), /--network-type must be one of/],
  ['an unknown olm placement', cc('--olm-catalog-placement', 'cluster'), /--olm-catalog-placement must be one of management, guest/],
  ['an unknown feature set', cc('--feature-set', 'Everything'), /--feature-set must be one of/],
  ['CustomNoUpgrade', cc('--feature-set', 'CustomNoUpgrade'), /--feature-set CustomNoUpgrade is not a predefined feature set/],
  ['an unknown arch', cc('--arch', 'riscv64'), /--arch must be one of amd64, arm64, ppc64le, s390x/],
  ['an unknown infra availability policy', cc('--infra-availability-policy', 'Triple'), /--infra-availability-policy must be one of SingleReplica, HighlyAvailable/],
  ['an unknown capability', cc('--disable-cluster-capabilities', 'Everything'), /--disable-cluster-capabilities: unknown capability "Everything"/],
  ['Ingress disabled without Console', cc('--disable-cluster-capabilities', 'Ingress'), /Ingress needs Console disabled too/],
  ['a mapping without "/"', cc('--infra-storage-class-mapping', 'onlyone'), /--infra-storage-class-mapping "onlyone" is not INFRA\/GUEST/],
  ['two mappings in one flag', cc('--infra-storage-class-mapping', 'a/b,c/d'), /--infra-storage-class-mapping "a\/b,c\/d" is not INFRA\/GUEST\[,group=NAME\]/],
  ['a mapping option that is not group=', cc('--infra-storage-class-mapping', 'a/b,c'), /option "c" is not group=NAME/],
  ['a snapshot mapping with a bad option', cc('--infra-volumesnapshot-class-mapping', 'a/b,group'), /--infra-volumesnapshot-class-mapping .*option "group" is not group=NAME/],
  ['a toleration without key', cc('--toleration', 'value=v,effect=NoSchedule'), /--toleration "value=v,effect=NoSchedule" has no key/],
  ['a toleration with an unknown effect', cc('--toleration', 'key=k,effect=Sometimes'), /--toleration .*unknown effect "Sometimes"/],
  ['a toleration with an unknown field', cc('--toleration', 'key=k,colour=red'), /--toleration .*unknown field "colour"/],
  ['a NAD without a namespace', cc('--additional-network', 'name:nad1'), /--additional-network "name:nad1" does not name NAMESPACE\/NAD/],
  ['a host device count of zero', cc('--host-device-name', 'gpu,count:0'), /--host-device-name "gpu,count:0": count must be a positive whole number/],
  ['a host device count that is not a number', cc('--host-device-name', 'gpu,count:two'), /count must be a positive whole number/],
  ['a CIDR that is not one', cc('--cluster-cidr', '10.132.0.0/33'), /--cluster-cidr "10\.132\.0\.0\/33" is not a CIDR/],
  ['cluster and service CIDR overlapping', cc('--cluster-cidr', '10.0.0.0/8', '--service-cidr', '10.1.0.0/16'), /--service-cidr 10\.1\.0\.0\/16 overlaps --cluster-cidr 10\.0\.0\.0\/8/],
  ['a cluster CIDR overlapping the management cluster network', cc('--cluster-cidr', '10.128.0.0/14'), /--cluster-cidr 10\.128\.0\.0\/14 overlaps the management cluster's cluster network 10\.128\.0\.0\/14/],
  ['a service CIDR overlapping the management service network', cc('--service-cidr', '172.30.0.0/16'), /--service-cidr 172\.30\.0\.0\/16 overlaps the management cluster's service network 172\.30\.0\.0\/16/],
  ['--default-dual with --cluster-cidr', cc('--default-dual', '--cluster-cidr', '10.132.0.0/14'), /--default-dual cannot be combined/],
  ['a bad annotation', cc('--annotations', 'novalue'), /--annotations "novalue" is not key=value/],
  ['a bad label key', cc('--labels', 'bad key=x'), /--labels "bad key=x": "bad key" is not a valid key/],
  ['a bad node selector', cc('--node-selector', 'role'), /--node-selector entry "role" is not key=value/],
  ['a bad etcd size', cc('--etcd-storage-size', 'big'), /--etcd-storage-size "big" is not a Kubernetes quantity/],
  ['an unknown upgrade type', cc('--node-upgrade-type', 'Recreate'), /--node-upgrade-type must be one of Replace, InPlace/],
  ['a bad drain timeout', cc('--node-drain-timeout', '5 minutes'), /--node-drain-timeout "5 minutes" is not a duration/],
  ['a bad pausedUntil', cc('--pausedUntil', 'tomorrow'), /--pausedUntil "tomorrow" is neither true nor an RFC3339 date/],
  ['an MTU out of range', cc('--ovn-kubernetes-mtu', '100'), /--ovn-kubernetes-mtu must be a whole number from 576 to 9216/],
  ['an infra kubeconfig without namespace', cc('--infra-kubeconfig-file', '/etc/hostname'), /--infra-kubeconfig-file needs --infra-namespace/],
  ['--generate-ssh with --ssh-key', cc('--generate-ssh', '--ssh-key', '/nonexistent.pub'), /--generate-ssh and --ssh-key cannot be specified together/],
  ['--name and NAME disagreeing', () => ['create-cluster', 'one', '--name', 'two', '--pull-secret', 'x'], /the NAME argument "one" and --name "two" disagree/],
  ['--version-check', cc('--version-check'), /--version-check is not supported/],
  ['an image content sources file that is not a list', () => cc('--image-content-sources', file('ics.yaml', 'source: a'))(), /--image-content-sources .* is not a list of \{source, mirrors\}/],
  ['a trust bundle without certificates', () => cc('--additional-trust-bundle', file('ca.pem', 'hello'))(), /--additional-trust-bundle .* holds no PEM certificate/],
  ['--attach-default-network=false alone', cc('--attach-default-network=false'), /--attach-default-network=false needs at least one --additional-network/],
];

describe('bad flag values are refused before anything is sent', () => {
  it.each(cases)('%s', async (_name, args, pattern) => {
    env.sim.api.resetStats();
    const r = await env.cli(args());
    expect(r.code, r.stderr).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: ') || l.startsWith('error: '));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(pattern);
    expect(r.stderr).toMatch(/^(Hint: |\(run with --help)/m);
    expect(env.sim.api.stats().mutating).toBe(0);
  });
});
