// hcp-kv diagnose NAME: read the cluster once, apply the rules, print the findings (exit 1 when there are any).
import { diagnoseCluster, findingsText } from '../diagnose/index.js';
import { writeJson } from '../output/json.js';
import { terminalWidth, wrap } from '../output/table.js';
import { connectKube, outputFormat, type Globals } from './common.js';
import { io, setExitCode } from '../run/io.js';
import type { DiagnoseFlags } from './diagnose.js';

export async function run(name: string, f: DiagnoseFlags, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']);
  const kube = await connectKube(g);
  try {
    const d = await diagnoseCluster(kube, { name, namespace: f.namespace });
    const width = terminalWidth(io().stdout);
    const summary = width === undefined ? d.summary : wrap(d.summary, width, '  ').join('\n');
    // The -o json contract: `ok`, and on findings an error whose hint is the first finding's next step.
    if (output === 'json') writeJson({ ok: d.healthy, ...d, ...(d.healthy ? {} : { error: { message: d.summary, hint: d.findings[0]?.next ?? 'see the findings', exitCode: 1 } }) });
    else io().stdout.write(`${summary}\n${d.findings.length ? findingsText(d.findings, width) : ''}`);
    if (!d.healthy) setExitCode(1);
  } finally {
    kube.close();
  }
}
