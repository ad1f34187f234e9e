// Upgrade and node-pool release rules, pure and table-tested: compare x.y.z, and what HyperShift
// accepts as a target (supported by the operator, no downgrade, one minor at a time unless forced; node
// pools no newer than their control plane and at most two minors older).
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

/** A NodePool's release must not be newer than its control plane's, nor more than two minors older. */
export function checkNodePoolRelease(o: { controlPlane: string; nodePool: string }): void {
  if (compareVersions(o.nodePool, o.controlPlane) > 0) throw usageError(`node pool release ${o.nodePool} is newer than the control plane's ${o.controlPlane}`, `upgrade the control plane first (hcp-kv upgrade --node-pools none), or pick a release up to ${o.controlPlane}`);
  if (minorNumber(o.controlPlane) - minorNumber(o.nodePool) > 2) throw usageError(`node pool release ${o.nodePool} is more than two minor versions older than the control plane's ${o.controlPlane}`, 'pick a newer release for the node pool');
}
