import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

const densityFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .requiredOption('--count <n>', 'number of hosted clusters')
    .option('--batch-size <n>', "clusters started per batch, as hcp-burner's --batch-size (default: all at once)")
    .option('--delay-between-batch <duration>', "pause after starting a batch before the next one, as hcp-burner's --delay-between-batch", '0s')
    .option('--concurrency <n>', 'clusters in flight at once', '100')
    .option('--cleanup', 'delete what the run created: each cluster once it completed, all of them on Ctrl-C')
    .option('--report <dir>', 'write density.json, density.svg and density.html here')
    .option('--pull-secret <file>', 'pull secret of every cluster (required without --embedded)')
    .option('-n, --namespace <ns>', 'namespace of the HostedClusters', 'density')
    .option('--release <x.y.z>', 'release of every cluster', '4.12.3')
    .option('--replicas <n>', 'workers per cluster', '1')
    .option('--qps <n>', 'client-side request-rate limit (requests per second), shown in the report', '200')
    .option('--timeout <duration>', 'per-cluster deadline', '30m')
    .addOption(enumOption('--embedded <profile>', 'run against an embedded management cluster (instant, fast, realistic), bootstrapped first', ['instant', 'fast', 'realistic']));
export type DensityFlags = FlagsOf<typeof densityFlags<[], NoFlags, NoFlags>>;

export function registerDensity(program: CommandUnknownOpts): void {
  defer(program.command('density').description('density run: create N hosted clusters in batches and time each one (created → Available → NodePool Ready → Completed)'), (cmd) =>
    densityFlags(cmd).action(async (f, c) => {
      const { run } = await import('./density-impl.js');
      await run(f, globals(c));
    }),
  );
}
