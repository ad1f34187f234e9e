import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { InterruptedError, usageError } from '../errors.js';
import { connectKube, globals, outputFormat } from './common.js';

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerDestroyCluster(program: Command): void {
  program
    .command('destroy-cluster <name>')
    .description('delete a hosted cluster, wait until it is gone, and remove the secrets created for it (resumable)')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--timeout <duration>', 'how long to wait for the deletion', '10m')
    .option('--yes', 'do not ask for confirmation')
    .option('--ignore-not-found', 'succeed when the cluster does not exist (else exit 1, listing what exists)')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string, f: { namespace: string; timeout: string; yes?: boolean; ignoreNotFound?: boolean; output?: string; junit?: string }, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
      const { validateName } = await import('../config/cluster.js');
      const { parseDuration } = await import('../config/load.js');
      validateName(name, f.namespace);
      if (f.junit) (await import('../config/cluster.js')).validateOutputFile('--junit', f.junit);
      const timeoutMs = parseDuration(f.timeout);
      if (!f.yes) {
        if (!process.stdin.isTTY) throw usageError(`refusing to destroy ${f.namespace}/${name} without confirmation`, 'pass --yes (no terminal to ask on)');
        if (!(await confirm(`Destroy hosted cluster ${f.namespace}/${name}? This deletes its control plane and VMs. [y/N] `))) throw new InterruptedError('not confirmed; nothing was deleted', 'answer y to destroy it, or pass --yes');
      }
      const { interruptSignal } = await import('../run/interrupt.js');
      const { startDeadline } = await import('../run/deadline.js');
      const deadline = startDeadline(`destroy-cluster ${name}`, timeoutMs + 60_000, interruptSignal);
      const kube = await connectKube(g, deadline.signal);
      try {
        const { DESTROY_STEPS } = await import('../steps/cluster/destroy-cluster.js');
        const { runSteps } = await import('../run/runner.js');
        const { printSummary, writeJUnit } = await import('../output/summary.js');
        const summary = await runSteps(DESTROY_STEPS, { opts: { name, namespace: f.namespace, timeoutMs, ignoreNotFound: Boolean(f.ignoreNotFound) }, kube, dryRun: false }, { progress: g.progress, signal: deadline.signal, title: `destroy-cluster ${name}` });
        printSummary(summary, { output, extra: { command: 'destroy-cluster', cluster: { name, namespace: f.namespace } } });
        if (f.junit) await writeJUnit(f.junit, 'destroy-cluster', summary);
        if (summary.error) throw summary.error;
      } finally {
        deadline.dispose();
        kube.close();
      }
    });
}
