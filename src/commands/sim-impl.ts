// sim: serve the embedded management cluster, or run only its simulated operators against another API server.
import { readFile } from 'node:fs/promises';
import { unreachableError, usageError } from '../errors.js';
import { int as intValue, must } from '../config/values/index.js';
import { parseFaults, parseInject, startControllers, startSim } from '../sim/index.js';
import { interrupted, io, stopsOnInterrupt } from '../run/io.js';
import type { SimFlags } from './sim.js';

const int = (name: string, v: string, min: number, max: number): number => must(intValue(name, v, { min, max }));

function simOptions(o: Pick<SimFlags, 'profile' | 'timeScale' | 'ocpVersion' | 'mceVersion' | 'seed' | 'crds' | 'minimalCrds' | 'workers'>) {
  if (o.crds && o.minimalCrds) throw usageError('--crds and --minimal-crds exclude each other', 'pass one of them');
  if (!['instant', 'fast', 'realistic'].includes(o.profile)) throw usageError(`--profile must be instant, fast or realistic, got "${o.profile}"`);
  const timeScale = Number(o.timeScale);
  if (!(timeScale > 0)) throw usageError(`--time-scale must be a positive number, got "${o.timeScale}"`);
  for (const [flag, v] of [
    ['ocp-version', o.ocpVersion],
    ['mce-version', o.mceVersion],
  ] as const) {
    if (!/^\d+\.\d+\.\d+$/.test(v)) throw usageError(`--${flag} must look like 4.12.0, got "${v}"`);
  }
  return {
    profile: o.profile as 'instant' | 'fast' | 'realistic',
    timeScale,
    ocpVersion: o.ocpVersion,
    mceVersion: o.mceVersion,
    seed: int('seed', o.seed, 0, 2 ** 31),
    crdsDir: o.crds,
    minimalCrds: Boolean(o.minimalCrds),
    workers: int('workers', o.workers ?? '3', 1, 1000),
  };
}

/** Ctrl-C or SIGTERM is how a server is stopped: a normal end (exit 0, `stopped`), not an interrupted command. */
async function serveUntilInterrupted(stop: () => Promise<void>): Promise<void> {
  const { stderr } = io();
  await interrupted();
  await stop();
  stderr.write('stopped\n');
}

/** `hcp-kv sim`. */
export async function run(o: SimFlags, verbose: boolean): Promise<void> {
  stopsOnInterrupt();
  const { stderr } = io();
  const port = int('port', o.port, 0, 65535);
  const opts = simOptions(o);
  try {
    parseFaults(o.faults);
  } catch (e) {
    throw usageError(`--faults: ${(e as Error).message}`, 'see `hcp-kv sim --help` for the fault spec');
  }
  try {
    parseInject(o.inject);
  } catch (e) {
    throw usageError(`--inject: ${(e as Error).message}`, 'see `hcp-kv sim --help` for the injection spec');
  }
  const sim = await startSim({
    ...opts,
    port,
    faults: o.faults,
    inject: o.inject,
    controllers: o.controllers,
    preinstalled: Boolean(o.preinstalled),
    dataDir: o.dataDir,
    disconnected: Boolean(o.disconnected),
    log: verbose ? (l) => stderr.write(`${l}\n`) : undefined,
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EADDRINUSE') throw usageError(`port ${port} on 127.0.0.1 is already in use`, 'pick another --port, or 0 for any free port');
    if (o.dataDir && /--data-dir/.test(e.message)) throw usageError(e.message, `check the files in ${o.dataDir}`);
    throw e;
  });
  await sim.api.writeKubeconfig(o.kubeconfigOut);
  stderr.write(
    `embedded management cluster (OpenShift ${opts.ocpVersion}, MCE ${opts.mceVersion}, profile ${opts.profile}) serving at ${sim.api.url}\nkubeconfig written to ${o.kubeconfigOut} (export KUBECONFIG=${o.kubeconfigOut})\npress Ctrl-C to stop\n`,
  );
  await serveUntilInterrupted(() => sim.stop());
}

/** `hcp-kv sim controllers`. */
export async function runControllers(o: SimFlags, kubeconfig: string | undefined): Promise<void> {
  stopsOnInterrupt();
  const { stderr } = io();
  if (!kubeconfig) throw usageError('sim controllers needs --kubeconfig FILE', 'pass the kubeconfig of the API server the simulated operators should drive');
  const opts = simOptions(o);
  let text: string;
  try {
    text = await readFile(kubeconfig, 'utf8');
  } catch {
    throw unreachableError(`cannot read kubeconfig ${kubeconfig}`, 'pass the kubeconfig of the API server to drive');
  }
  let controllers;
  try {
    controllers = await startControllers({ ...opts, kubeconfig: text, log: (l) => stderr.write(`${l}\n`) });
  } catch (e) {
    throw unreachableError(`cannot start the simulated operators against ${kubeconfig}: ${(e as Error).message}`, 'check that the API server is reachable and the kubeconfig has a bearer token');
  }
  stderr.write(`simulated operators running against ${kubeconfig}; press Ctrl-C to stop\n`);
  await serveUntilInterrupted(() => controllers.stop());
}
