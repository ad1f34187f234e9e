// hcp-kv capacity: read the cluster once, size it, print a short table (or one JSON document).
import { capacityReport, capacityText, vmShape } from '../capacity/report.js';
import { writeJson } from '../output/json.js';
import { io } from '../run/io.js';
import type { CapacityFlags } from './capacity.js';
import { connectKube, outputFormat, type Globals } from './common.js';

export async function run(f: CapacityFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']);
  const shape = vmShape(f);
  const kube = await connectKube(g);
  try {
    const report = await capacityReport(kube, shape);
    if (output === 'json') writeJson({ ok: true, ...report });
    else io().stdout.write(capacityText(report));
  } finally {
    kube.close();
  }
}
