import { Argument, type CommandUnknownOpts, type OptionValues } from '@commander-js/extra-typings';
import { type Cmd, declareAll, defer, type FlagsOf, globals, type NoFlags } from './flags.js';
import { usageError } from '../errors.js';
import { io } from '../run/io.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

const completeNamesFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) => cmd.option('-n, --namespace <ns>').option('--cluster-name <name>');
/** The flags of `hcp-kv __complete` (completion-names.ts reads them). */
export type CompleteNamesFlags = FlagsOf<typeof completeNamesFlags<[], NoFlags, NoFlags>>;

export function registerCompletion(program: CommandUnknownOpts): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, flags and their values): source <(hcp-kv completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', "\nbash:  echo 'source <(hcp-kv completion bash)' >> ~/.bashrc\nzsh:   echo 'source <(hcp-kv completion zsh)' >> ~/.zshrc\nfish:  hcp-kv completion fish > ~/.config/fish/completions/hcp-kv.fish")
    .action(async (shell, _f, cmd) => {
      const { bashScript, fishScript, zshScript } = await import('./completion-impl.js');
      const root = cmd.parent!;
      declareAll(root); // the scripts list every command's flags
      if (shell === 'bash') io().stdout.write(bashScript(root));
      else if (shell === 'zsh') io().stdout.write(zshScript(root));
      else if (shell === 'fish') io().stdout.write(fishScript(root));
      else throw usageError(`unknown shell "${shell}"`, `pick one of ${SHELLS.join(', ')}`);
    });

  // Called by the completion scripts at TAB: cluster or node-pool names, one a line (hidden from --help).
  defer(program.command('__complete <kind>', { hidden: true }), (cmd) =>
    completeNamesFlags(cmd).action(async (kind, f, c) => {
      const { completeNames } = await import('./completion-names.js');
      await completeNames(kind, f, globals(c));
    }),
  );
}
