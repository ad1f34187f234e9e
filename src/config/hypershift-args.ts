// --engine hypershift: the upstream binary gets every flag the user gave, unchanged, plus what hcp-kv resolved
// itself (name, release image, infraID, secrets by temporary file, its own defaults for replicas and memory).
// Flags whose meaning the binary would silently drop are refused before anything runs.
import { usageError } from '../errors.js';

/** Upstream flags passed through as given (hcp create cluster kubevirt, non-developer). */
const PASS_THROUGH = new Set([
  '--base-domain',
  '--external-dns-domain',
  '--network-type',
  '--control-plane-availability-policy',
  '--infra-availability-policy',
  '--additional-trust-bundle',
  '--image-content-sources',
  '--node-drain-timeout',
  '--node-volume-detach-timeout',
  '--annotations',
  '--labels',
  '--fips',
  '--auto-repair',
  '--generate-ssh',
  '--etcd-storage-class',
  '--etcd-storage-size',
  '--service-cidr',
  '--cluster-cidr',
  '--machine-cidr',
  '--node-selector',
  '--pods-labels',
  '--toleration',
  '--node-upgrade-type',
  '--olm-catalog-placement',
  '--olm-disable-default-sources',
  '--arch',
  '--pausedUntil',
  '--feature-set',
  '--disable-cluster-capabilities',
  '--enable-cluster-capabilities',
  '--kas-dns-name',
  '--disable-multi-network',
  '--ovn-kubernetes-mtu',
  '--allocate-node-cidrs',
  '--infra-kubeconfig-file',
  '--infra-namespace',
  '--infra-storage-class-mapping',
  '--infra-volumesnapshot-class-mapping',
  '--cores',
  '--root-volume-storage-class',
  '--root-volume-size',
  '--root-volume-access-modes',
  '--root-volume-volume-mode',
  '--root-volume-cache-strategy',
  '--network-multiqueue',
  '--qos-class',
  '--additional-network',
  '--attach-default-network',
  '--vm-node-selector',
  '--host-device-name',
]);

/** Why the binary cannot do what the flag asks (upstream @3ee9615567 behaviour). */
function refusal(flag: string, value: unknown): string | undefined {
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  if (flag === '--default-dual' && value !== false && value !== 'false') return 'the hypershift binary applies --default-dual only to agent clusters';
  if (flag === '--base-domain-prefix') return 'the hypershift binary ignores --base-domain-prefix for KubeVirt';
  if (flag === '--network-multiqueue' && values.includes('Disable')) return 'the hypershift binary leaves networkInterfaceMultiqueue out for Disable, so the API default Enable applies';
  if (flag === '--host-device-name' && values.some((v) => !v.includes(','))) return 'the hypershift binary drops a --host-device-name without ",count:N"';
  return undefined;
}

/**
 * @param given the options the user set on the command line, by long flag name, as commander parsed them
 * @returns the arguments to pass through, `--flag=value` each
 */
export function passThroughArgs(given: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [flag, value] of Object.entries(given)) {
    const why = refusal(flag, value);
    if (why) throw usageError(`--engine hypershift cannot honour ${flag}: ${why}`, 'use --engine native (the default), or leave the flag out');
    if (!PASS_THROUGH.has(flag)) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push(`${flag}=${v === true ? 'true' : String(v)}`);
  }
  return out;
}
