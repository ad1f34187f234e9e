// Upgrade and node-pool release rules, pure and table-tested: compare x.y.z, and what HyperShift
// accepts as a target (supported by the operator, no downgrade, one minor at a time unless forced; node
// pools no newer than their control plane and at most two minors older on an even release, one on an odd one).
import { usageError } from '../errors.js';

export function compareVersions(a: string, b: string): number {
  const x = a.split(/[.-]/).map(Number);
  const y = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');
const minorNumber = (v: string) => Number(v.split('.')[1] ?? 0);

/** Throws a usage error (exit 2, nothing changed) when `target` is not an acceptable upgrade from `current`. */
export function checkUpgradeTarget(o: { current: string; target: string; supported?: string[]; force: boolean }): void {
  if (o.supported?.length && !o.supported.includes(minorOf(o.target))) {
    throw usageError(`OpenShift ${o.target} is not supported by this HyperShift operator (supported: ${o.supported.join(', ')})`, `pick a release in ${o.supported.join(', ')} (hcp-kv doctor lists them)`);
  }
  if (compareVersions(o.target, o.current) < 0) throw usageError(`${o.target} is older than the current version ${o.current}: downgrades are not supported`, `pick a release newer than ${o.current}`);
  const [cMajor] = o.current.split('.');
  const [tMajor] = o.target.split('.');
  if (!o.force && (cMajor !== tMajor || minorNumber(o.target) > minorNumber(o.current) + 1)) {
    throw usageError(`${o.target} is more than one minor version ahead of ${o.current}`, `upgrade one minor at a time (e.g. to the newest ${cMajor}.${minorNumber(o.current) + 1}.z first), or pass --force`);
  }
}

/**
 * How many minors a node pool may be behind its control plane: two when the control plane's minor is even, one when
 * it is odd (openshift/openshift-docs modules/hcp-np-version-skew.adoc@675a6958f5a90eeb4b3037f2301e887021b26fb0: "4.18
 * → 4.17, 4.16; 4.17 → 4.16"). The HyperShift operator's own SupportedVersionSkew condition is looser (n-3 for every
 * 4.y: openshift/hypershift support/supportedversion/version.go@3ee9615567acffaf3e3ee25c2ca2942d650565cf
 * ValidateVersionSkew): hcp-kv holds to the documented support policy, so a pool it accepts never shows that
 * condition False.
 */
export function maxNodePoolSkew(controlPlane: string): number {
  return minorNumber(controlPlane) % 2 === 0 ? 2 : 1;
}

/** A NodePool's release must not be newer than its control plane's (patch included), nor further behind than the skew policy allows. */
export function nodePoolSkewProblem(o: { controlPlane: string; nodePool: string }): string | undefined {
  if (compareVersions(o.nodePool, o.controlPlane) > 0) return `node pool release ${o.nodePool} is newer than the control plane's ${o.controlPlane}`;
  const max = maxNodePoolSkew(o.controlPlane);
  const behind = minorNumber(o.controlPlane) - minorNumber(o.nodePool);
  if (o.nodePool.split('.')[0] !== o.controlPlane.split('.')[0] || behind > max) {
    return `node pool release ${o.nodePool} is more than ${max === 2 ? 'two minor versions' : 'one minor version'} older than the control plane's ${o.controlPlane} (on ${minorOf(o.controlPlane)}, ${max === 2 ? 'an even' : 'an odd'} release, node pools may be at most ${max === 2 ? 'two minors' : 'one minor'} behind)`;
  }
  return undefined;
}

export function checkNodePoolRelease(o: { controlPlane: string; nodePool: string }): void {
  const problem = nodePoolSkewProblem(o);
  if (!problem) return;
  if (compareVersions(o.nodePool, o.controlPlane) > 0) throw usageError(problem, `upgrade the control plane first (hcp-kv upgrade --node-pools none), or pick a release up to ${o.controlPlane}`);
  throw usageError(problem, `pick a release from ${minorOf(o.controlPlane).split('.')[0]}.${minorNumber(o.controlPlane) - maxNodePoolSkew(o.controlPlane)} up to ${o.controlPlane} for the node pool`);
}

/** Upgrading the control plane to `target` must leave every pool that is not upgraded with it within the skew. */
export function checkPoolsLeftBehind(target: string, pools: Array<{ name: string; version?: string }>): void {
  const behind = pools.flatMap((p) => (p.version && nodePoolSkewProblem({ controlPlane: target, nodePool: p.version }) ? [`${p.name} (${p.version})`] : []));
  if (!behind.length) return;
  throw usageError(
    `upgrading the control plane to ${target} would leave node pool ${behind.join(', ')} more than ${maxNodePoolSkew(target) === 2 ? 'two minors' : 'one minor'} behind it, outside the supported version skew (on ${minorOf(target)} node pools may be at most ${maxNodePoolSkew(target) === 2 ? 'two minors' : 'one minor'} behind)`,
    `upgrade those node pools with it (--node-pools all, or name them), or upgrade them first`,
  );
}
