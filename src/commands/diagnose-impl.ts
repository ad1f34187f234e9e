// hcp-kv diagnose NAME: read the cluster once, apply the rules, print the findings (exit 1 when there are any).
import { diagnoseCluster, findingsText } from '../diagnose/index.js';
import { connectKube, outputFormat, type Globals } from './common.js';

export async function run(name: string, f: { namespace: string; output?: string }, g: Globals): Promise<void> {
  const output = outputFormat(f.output, ['text', 'json']);
  const kube = await connectKube(g);
  try {
    const d = await diagnoseCluster(kube, { name, namespace: f.namespace });
    process.stdout.write(output === 'json' ? `${JSON.stringify(d, null, 2)}\n` : `${d.summary}\n${d.findings.length ? findingsText(d.findings) : ''}`);
    if (!d.healthy) process.exitCode = 1;
  } finally {
    kube.close();
  }
}
