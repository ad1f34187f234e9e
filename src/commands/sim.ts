import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { unreachableError, usageError } from '../errors.js';
import { interruptSignal } from '../run/interrupt.js';

interface SimFlags {
  port: string;
  kubeconfigOut: string;
  faults?: string;
  inject?: string;
  seed: string;
  crds?: string;
  profile: string;
  timeScale: string;
  ocpVersion: string;
  mceVersion: string;
  controllers: boolean;
  preinstalled?: boolean;
  verbose?: number;
}

function int(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw usageError(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
  return n;
}

function simOptions(o: Pick<SimFlags, 'profile' | 'timeScale' | 'ocpVersion' | 'mceVersion' | 'seed' | 'crds'>) {
  if (!['instant', 'fast', 'realistic'].includes(o.profile)) throw usageError(`--profile must be instant, fast or realistic, got "${o.profile}"`);
  const timeScale = Number(o.timeScale);
  if (!(timeScale > 0)) throw usageError(`--time-scale must be a positive number, got "${o.timeScale}"`);
  for (const [flag, v] of [['ocp-version', o.ocpVersion], ['mce-version', o.mceVersion]] as const) {
    if (!/^\d+\.\d+\.\d+$/.test(v)) throw usageError(`--${flag} must look like 4.12.0, got "${v}"`);
  }
  return { profile: o.profile as 'instant' | 'fast' | 'realistic', timeScale, ocpVersion: o.ocpVersion, mceVersion: o.mceVersion, seed: int('seed', o.seed, 0, 2 ** 31), crdsDir: o.crds };
}

const waitForInterrupt = () => new Promise<void>((resolve) => (interruptSignal.aborted ? resolve() : interruptSignal.addEventListener('abort', () => resolve(), { once: true })));

export function registerSim(program: Command): Command {
  const sim = program
    .command('sim')
    .description('serve the embedded management cluster (API server + simulated OpenShift operators) on 127.0.0.1 until interrupted')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--kubeconfig-out <file>', 'where to write the kubeconfig', 'sim.kubeconfig')
    .option('--faults <spec>', 'fault injection, e.g. error-rate=0.1,reset-rate=0.02,watch-close=2s,latency=20ms,fail=create:managedclusters:3:500')
    .option('--inject <spec>', 'operator faults for day-2 tests: hang-finalizer=NAME|*, reject-pull-secret=NAME|* (comma-separated)')
    .option('--seed <n>', 'seed for reproducible faults and names', '1')
    .option('--crds <dir>', 'register the real upstream CRDs from this folder (<plural>.<group>.yaml) instead of minimal ones')
    .option('--profile <name>', 'operator timings: instant, fast or realistic', 'fast')
    .option('--time-scale <x>', 'multiply every simulated delay', '1')
    .option('--ocp-version <v>', 'OpenShift version of the simulated cluster', '4.12.0')
    .option('--mce-version <v>', 'multicluster engine version in the catalog', '2.2.4')
    .option('--no-controllers', 'serve the API only (run the operators elsewhere with `sim controllers`)')
    .option('--preinstalled', 'start as a cluster that hcp-kv bootstrap has already prepared')
    .action(async (o: SimFlags) => {
      const port = int('port', o.port, 0, 65535);
      const opts = simOptions(o);
      const { parseFaults } = await import('../sim/apiserver/faults.js');
      try {
        parseFaults(o.faults);
      } catch (e) {
        throw usageError(`--faults: ${(e as Error).message}`, 'see `hcp-kv sim --help` for the fault spec');
      }
      const { parseInject } = await import('../sim/controllers/inject.js');
      try {
        parseInject(o.inject);
      } catch (e) {
        throw usageError(`--inject: ${(e as Error).message}`, 'see `hcp-kv sim --help` for the injection spec');
      }
      const { startSim } = await import('../sim/index.js');
      const verbose = (program.opts().verbose as number) > 0;
      const sim = await startSim({ ...opts, port, faults: o.faults, inject: o.inject, controllers: o.controllers, preinstalled: Boolean(o.preinstalled), log: verbose ? (l) => process.stderr.write(`${l}\n`) : undefined }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') throw usageError(`port ${port} on 127.0.0.1 is already in use`, 'pick another --port, or 0 for any free port');
        throw e;
      });
      await sim.api.writeKubeconfig(o.kubeconfigOut);
      process.stderr.write(`embedded management cluster (OpenShift ${opts.ocpVersion}, MCE ${opts.mceVersion}, profile ${opts.profile}) serving at ${sim.api.url}\nkubeconfig written to ${o.kubeconfigOut} (export KUBECONFIG=${o.kubeconfigOut})\npress Ctrl-C to stop\n`);
      await waitForInterrupt();
      await sim.stop();
    });

  sim
    .command('controllers')
    .description("run only the simulated operators against the API server given by --kubeconfig (e.g. a real kube-apiserver); takes sim's --crds, --profile, --time-scale, --ocp-version, --mce-version and --seed")
    .action(async (_o: unknown, cmd: Command) => {
      // Options are parsed by the parent `sim` command; --kubeconfig is the global flag.
      const o = cmd.parent!.opts() as SimFlags;
      const kubeconfig = (cmd.optsWithGlobals() as { kubeconfig?: string }).kubeconfig;
      if (!kubeconfig) throw usageError('sim controllers needs --kubeconfig FILE', 'pass the kubeconfig of the API server the simulated operators should drive');
      const opts = simOptions(o);
      let text: string;
      try {
        text = await readFile(kubeconfig, 'utf8');
      } catch {
        throw unreachableError(`cannot read kubeconfig ${kubeconfig}`, 'pass the kubeconfig of the API server to drive');
      }
      const { startControllers } = await import('../sim/controllers/index.js');
      let controllers;
      try {
        controllers = await startControllers({ ...opts, kubeconfig: text, log: (l) => process.stderr.write(`${l}\n`) });
      } catch (e) {
        throw unreachableError(`cannot start the simulated operators against ${kubeconfig}: ${(e as Error).message}`, 'check that the API server is reachable and the kubeconfig has a bearer token');
      }
      process.stderr.write(`simulated operators running against ${kubeconfig}; press Ctrl-C to stop\n`);
      await waitForInterrupt();
      await controllers.stop();
    });
  return sim;
}
