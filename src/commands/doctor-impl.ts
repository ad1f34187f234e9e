// doctor: the verdict first, then what matters, grouped (a person), or one object per check (-o json).
import { doctorText } from '../output/doctor-text.js';
import { terminalWidth } from '../output/table.js';
import { runDoctor } from '../steps/doctor.js';
import { connectKube, outputFormat, type Globals } from './common.js';

/** `hcp-kv doctor`. */
export async function run(f: { output?: string; all?: boolean }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['table', 'json']);
  const kube = await connectKube(g);
  try {
    const report = await runDoctor(kube);
    const { checks } = report;
    if (output === 'json') process.stdout.write(`${JSON.stringify({ ready: checks.every((c) => c.status === 'ok' || c.status === 'warn'), checks }, null, 2)}\n`);
    else process.stdout.write(doctorText(report, { width: terminalWidth(process.stdout), all: Boolean(f.all) }));
    if (!checks.every((c) => c.status === 'ok' || c.status === 'warn')) process.exitCode = 1;
  } finally {
    kube.close();
  }
}
