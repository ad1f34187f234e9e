import { writeJson } from '../output/json.js';
// doctor: the verdict first, then what matters, grouped (a person), or one object per check (-o json).
import { doctorText } from '../output/doctor-text.js';
import { terminalWidth } from '../output/table.js';
import { runDoctor } from '../doctor/doctor.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { io, setExitCode } from '../run/io.js';
import type { Kube } from '../kube/types.js';
import { HS_API } from '../manifests/nodepool.js';
import type { DoctorFlags } from './doctor.js';

/** The hosted clusters of the default namespace (none when HyperShift's API is not served). */
async function clusterNames(kube: Kube): Promise<string[]> {
  if (!(await kube.hasKind(HS_API, 'HostedCluster'))) return [];
  return (await kube.list(HS_API, 'HostedCluster', { namespace: 'clusters' })).map((hc) => hc.metadata.name);
}

export async function run(f: DoctorFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json']);
  const kube = await connectKube(g);
  try {
    const report = await runDoctor(kube);
    const { checks } = report;
    const ready = checks.every((c) => c.status === 'ok' || c.status === 'warn');
    if (output === 'json')
      writeJson({
        ok: ready,
        ready,
        checks,
        ...(report.capacity ? { capacity: report.capacity } : {}),
        ...(ready
          ? {}
          : {
              error: {
                message: `not ready: ${checks
                  .filter((c) => c.status !== 'ok' && c.status !== 'warn')
                  .map((c) => c.check)
                  .join(', ')}`,
                hint: checks.find((c) => c.status !== 'ok' && c.status !== 'warn' && c.hint)?.hint ?? 'see the checks that are not ok',
                exitCode: 1,
              },
            }),
      });
    else io().stdout.write(doctorText(report, { width: terminalWidth(io().stdout), all: Boolean(f.all), clusters: ready ? await clusterNames(kube) : [] }));
    if (!ready) setExitCode(1);
  } finally {
    kube.close();
  }
}
