import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, type NoFlags } from './flags.js';

const simFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--kubeconfig-out <file>', 'where to write the kubeconfig', 'sim.kubeconfig')
    .option('--faults <spec>', 'fault injection, e.g. error-rate=0.1,reset-rate=0.02,watch-close=2s,latency=20ms,fail=create:managedclusters:3:500')
    .option('--inject <spec>', 'operator faults for day-2 tests: hang-finalizer=NAME|*, reject-pull-secret=NAME|*, hold-upgrade=NAME|* (comma-separated)')
    .option('--seed <n>', 'seed for reproducible faults and names', '1')
    .option('--crds <dir>', 'take the real upstream CRDs from this folder (<plural>.<group>.yaml) instead of the ones shipped in crds/')
    .option('--minimal-crds', 'register minimal stand-in CRDs instead of the real upstream ones (faster start, looser validation)')
    .addOption(enumOption('--profile <name>', 'operator timings: instant, fast or realistic', ['instant', 'fast', 'realistic'], 'fast'))
    .option('--time-scale <x>', 'multiply every simulated delay', '1')
    .option('--ocp-version <v>', 'OpenShift version of the simulated cluster', '4.12.0')
    .option('--mce-version <v>', 'multicluster engine version in the catalog', '2.2.4')
    .option('--no-controllers', 'serve the API only (run the operators elsewhere with `sim controllers`)')
    .option('--workers <n>', 'worker nodes, each 31.5 CPUs and 125 GiB allocatable for VMs', '3')
    .option('--preinstalled', 'start as a cluster that hcp-kv bootstrap has already prepared')
    .option('--data-dir <dir>', 'keep the objects, CA, serving certificate, tokens and port in DIR across restarts (rehearse an API-server restart)')
    .option('--disconnected', 'a disconnected site: default catalog sources disabled, public registries (registry.redhat.io, quay.io) unreachable, images pulled through the mirror rules from mirror.example.com:5000 (docs/disconnected.md)');
export type SimFlags = FlagsOf<typeof simFlags<[], NoFlags, NoFlags>>;

export function registerSim(program: CommandUnknownOpts): CommandUnknownOpts {
  const sim = program.command('sim').description('serve the embedded management cluster (API server + simulated OpenShift operators) on 127.0.0.1 until interrupted');
  defer(sim, (cmd) =>
    simFlags(cmd).action(async (o) => {
      const { run } = await import('./sim-impl.js');
      await run(o, (program.opts().verbose as number) > 0);
    }),
  );

  sim
    .command('controllers')
    .description("run only the simulated operators against the API server given by --kubeconfig (e.g. a real kube-apiserver); takes sim's --crds, --minimal-crds, --profile, --time-scale, --ocp-version, --mce-version and --seed")
    .action(async (_o, cmd) => {
      // Options are parsed by the parent `sim` command (declared before it dispatched here); --kubeconfig is the global flag.
      const { runControllers } = await import('./sim-impl.js');
      await runControllers(cmd.parent!.opts() as SimFlags, (cmd.optsWithGlobals() as { kubeconfig?: string }).kubeconfig);
    });
  return sim;
}
