// diagnose entry point: read a snapshot (exit 2 naming the clusters that exist when NAME does not), apply the rules.
import type { Kube } from '../kube/types.js';
import { requireCluster } from '../steps/nodepool/context.js';
import { diagnose, healthLine, type Finding } from './rules.js';
import { takeSnapshot } from './snapshot.js';

export interface Diagnosis {
  cluster: { name: string; namespace: string };
  healthy: boolean;
  summary: string;
  findings: Finding[];
}

export async function diagnoseCluster(kube: Kube, o: { name: string; namespace: string }): Promise<Diagnosis> {
  await requireCluster(kube, o.name, o.namespace);
  const snapshot = await takeSnapshot(kube, o);
  const findings = diagnose(snapshot);
  return { cluster: o, healthy: !findings.length, summary: findings.length ? `${o.namespace}/${o.name}: ${findings.length} problem${findings.length > 1 ? 's' : ''} found, most fundamental first` : healthLine(snapshot), findings };
}

export { findingsText } from './rules.js';
