// doctor: one row per check of the management cluster, as a table or JSON.
import { table } from '../output/table.js';
import { runDoctor } from '../steps/doctor.js';
import { connectKube, outputFormat, type Globals } from './common.js';

/** `hcp-kv doctor`. */
export async function run(f: { output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json']);
  const kube = await connectKube(g);
  try {
    const checks = await runDoctor(kube);
    if (output === 'json') process.stdout.write(`${JSON.stringify({ ready: checks.every((c) => c.status === 'ok' || c.status === 'warn'), checks }, null, 2)}\n`);
    else process.stdout.write(table(['check', 'status', 'detail', 'hint'], checks.map((c) => [c.check, c.status, c.detail, c.hint ?? ''])));
    if (!checks.every((c) => c.status === 'ok' || c.status === 'warn')) process.exitCode = 1;
  } finally {
    kube.close();
  }
}
