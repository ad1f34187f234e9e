import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';

const demoFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  cmd
    .addOption(enumOption('--profile <name>', 'simulated operator timings: instant, fast or realistic', ['instant', 'fast', 'realistic'], 'fast'))
    .option('--topology <name>', 'isolated (control planes on their own node) or external (VMs on a second, infrastructure cluster)')
    .option('--disconnected', 'a disconnected embedded cluster with a mirror registry: operators from the mirrored catalog, kv-00 from the mirrored release');
export type DemoFlags = FlagsOf<typeof demoFlags<[], NoFlags, NoFlags>>;

export function registerDemo(program: CommandUnknownOpts): void {
  defer(program.command('demo').description('start the embedded management cluster, bootstrap it, create hosted cluster kv-00 with 2 workers, and show it'), (cmd) =>
    demoFlags(cmd).action(async (f, c) => {
      const { run } = await import('./demo-impl.js');
      await run(f, globals(c));
    }),
  );
}
