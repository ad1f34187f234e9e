// doctor: one row per check of the management cluster, as a table or JSON.
import { writeJson } from '../output/json.js';
import { table } from '../output/table.js';
import { runDoctor } from '../steps/doctor.js';
import { connectKube, outputFormat, type Globals } from './common.js';

/** `hcp-kv doctor`. */
export async function run(f: { output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json']);
  const kube = await connectKube(g);
  try {
    const checks = await runDoctor(kube);
    const ready = checks.every((c) => c.status === 'ok');
    if (output === 'json') writeJson({ ok: ready, ready, checks, ...(ready ? {} : { error: { message: `not ready: ${checks.filter((c) => c.status !== 'ok').map((c) => c.check).join(', ')}`, hint: checks.find((c) => c.status !== 'ok' && c.hint)?.hint ?? 'see the checks that are not ok', exitCode: 1 } }) });
    else process.stdout.write(table(['check', 'status', 'detail', 'hint'], checks.map((c) => [c.check, c.status, c.detail, c.hint ?? ''])));
    if (!ready) process.exitCode = 1;
  } finally {
    kube.close();
  }
}
