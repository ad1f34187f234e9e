import type { Command } from 'commander';
import { usageError } from '../errors.js';
import { interruptSignal } from '../run/interrupt.js';

interface SimFlags {
  port: string;
  kubeconfigOut: string;
  faults?: string;
  seed: string;
  crds?: string;
}

function int(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

export function registerSim(program: Command): Command {
  const sim = program
    .command('sim')
    .description('serve the embedded management cluster on 127.0.0.1 until interrupted')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--kubeconfig-out <file>', 'where to write the kubeconfig', 'sim.kubeconfig')
    .option('--faults <spec>', 'fault injection, e.g. error-rate=0.1,watch-close=2s,latency=20ms')
    .option('--seed <n>', 'seed for reproducible faults', '1')
    .option('--crds <dir>', 'register the CRDs in this folder at start (e.g. the real upstream ones)')
    .action(async (o: SimFlags) => {
      const port = int('port', o.port, 0, 65535);
      const seed = int('seed', o.seed, 0, 2 ** 31);
      const { startApiServer } = await import('../sim/apiserver/index.js');
      const { parseFaults } = await import('../sim/apiserver/faults.js');
      try {
        parseFaults(o.faults);
      } catch (e) {
        throw usageError(`--faults: ${(e as Error).message}`, 'see `hcp-kv sim --help` for the fault spec');
      }
      const api = await startApiServer({ port, seed, faults: o.faults, crdsDir: o.crds });
      await api.writeKubeconfig(o.kubeconfigOut);
      process.stderr.write(`embedded management cluster serving at ${api.url}\nkubeconfig written to ${o.kubeconfigOut} (export KUBECONFIG=${o.kubeconfigOut})\npress Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => interruptSignal.addEventListener('abort', () => resolve(), { once: true }));
      await api.close();
    });
  return sim;
}
