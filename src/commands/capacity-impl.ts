// hcp-kv capacity: read the cluster once, size it, print a short table (or one JSON document).
import { capacityReport, capacityText, vmShape } from '../capacity/report.js';
import type { StorageAsk } from '../capacity/storage-fit.js';
import { usageError } from '../errors.js';
import { writeJson } from '../output/json.js';
import { io } from '../run/io.js';
import type { CapacityFlags } from './capacity.js';
import { connectKube, outputFormat, type Globals } from './common.js';

export async function run(f: CapacityFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']);
  const shape = vmShape(f);
  const kube = await connectKube(g);
  try {
    const report = await capacityReport(kube, shape, undefined, storageAsk(f));
    if (output === 'json') writeJson({ ok: true, ...report });
    else io().stdout.write(capacityText(report));
  } finally {
    kube.close();
  }
}

/** --root-volume-size (whole Gi, at least 16, as nodepool flags) and the classes. */
function storageAsk(f: CapacityFlags): StorageAsk {
  const size = Number(f.rootVolumeSize ?? 32);
  if (!Number.isInteger(size) || size < 16) throw usageError(`--root-volume-size "${f.rootVolumeSize}" is not a whole number of Gi of at least 16`, 'e.g. --root-volume-size 64');
  return { rootVolumeBytes: size * 2 ** 30, rootVolumeStorageClass: f.rootVolumeStorageClass, etcdStorageClass: f.etcdStorageClass };
}
