// hcp-kv diagnose NAME: a short ranked list of what is wrong with a hosted cluster, with evidence and next steps.
import type { Command } from 'commander';
import { connectKube, globals, outputFormat } from './common.js';

export function registerDiagnose(program: Command): void {
  program
    .command('diagnose <name>')
    .description('what is wrong with a hosted cluster, most fundamental first, each with its evidence and the next step (exit 1 when something is)')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('-o, --output <format>', 'text or json', 'text')
    .action(async (name: string, f: { namespace: string; output?: string }, cmd: Command) => {
      const output = outputFormat(f.output, ['text', 'json']);
      const kube = await connectKube(globals(cmd));
      try {
        const { diagnoseCluster, findingsText } = await import('../diagnose/index.js');
        const d = await diagnoseCluster(kube, { name, namespace: f.namespace });
        process.stdout.write(output === 'json' ? `${JSON.stringify(d, null, 2)}\n` : `${d.summary}\n${d.findings.length ? findingsText(d.findings) : ''}`);
        if (!d.healthy) process.exitCode = 1;
      } finally {
        kube.close();
      }
    });
}
