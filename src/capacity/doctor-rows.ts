// doctor's capacity and prerequisite rows: what bootstrap cannot fix but create-cluster will check — the network
// type, MTU, live-migration storage, OpenShift Virtualization's version against the newest release HyperShift
// supports, and how many more hosted control planes and default workers fit.
import type { Kube } from '../kube/types.js';
import { prerequisiteFindings } from './prerequisites.js';
import { isForbidden } from './read.js';
import { capacityReport, vmShape, type CapacityReport } from './report.js';

/** A doctor row (doctor/doctor.ts CapacityRow, which imports this module: declared here to keep imports one-way). */
export interface CapacityRow {
  check: string;
  status: 'ok' | 'warn' | 'missing' | 'failed';
  detail: string;
  hint?: string;
}

export async function capacityRows(kube: Kube, newestSupported: string | undefined): Promise<{ rows: CapacityRow[]; capacity?: CapacityReport }> {
  const rows: CapacityRow[] = [];
  for (const f of await prerequisiteFindings(kube, kube, { release: newestSupported ? `${newestSupported}.0` : undefined })) {
    // OpenShift Virtualization too old for the newest supported release still hosts older ones: a warning here.
    const soft = f.severity === 'warn' || f.id === 'cnv-version';
    rows.push({ check: f.id, status: f.ok ? 'ok' : soft ? 'warn' : 'failed', detail: f.message, ...(f.ok || !f.hint ? {} : { hint: f.hint }) });
  }
  let capacity: CapacityReport | undefined;
  try {
    capacity = await capacityReport(kube, vmShape({}));
  } catch (e) {
    if (!isForbidden(e)) throw e;
    rows.push({ check: 'capacity', status: 'warn', detail: 'not computed: these credentials may not list nodes and pods', hint: 'run doctor as a cluster admin' });
    return { rows };
  }
  const cp = capacity.controlPlanes;
  const fits = cp.requestBased.count > 0;
  rows.push({
    check: 'capacity',
    status: fits ? 'ok' : 'missing',
    detail: `${cp.requestBased.count} more hosted control planes fit by requests (bounded by ${cp.requestBased.boundBy}; at low/medium/high load ${cp.lowLoad.count}/${cp.mediumLoad.count}/${cp.highLoad.count}); ${capacity.workers.count} more ${capacity.workers.shape.memory} workers`,
    ...(fits ? {} : { hint: 'see `hcp-kv capacity`: add nodes or raise maxPods, or delete a hosted cluster' }),
  });
  return { rows, capacity };
}
