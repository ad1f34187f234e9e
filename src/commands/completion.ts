import { Argument, type Command } from 'commander';
import { globals } from './common.js';
import type { CompleteNamesFlags } from './completion-names.js';
import { usageError } from '../errors.js';
import { io } from '../run/io.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, flags and their values): source <(hcp-kv completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', "\nbash:  echo 'source <(hcp-kv completion bash)' >> ~/.bashrc\nzsh:   echo 'source <(hcp-kv completion zsh)' >> ~/.zshrc\nfish:  hcp-kv completion fish > ~/.config/fish/completions/hcp-kv.fish")
    .action(async (shell: string, _f: unknown, cmd: Command) => {
      const { bashScript, fishScript, zshScript } = await import('./completion-impl.js');
      const root = cmd.parent!;
      if (shell === 'bash') io().stdout.write(bashScript(root));
      else if (shell === 'zsh') io().stdout.write(zshScript(root));
      else if (shell === 'fish') io().stdout.write(fishScript(root));
      else throw usageError(`unknown shell "${shell}"`, `pick one of ${SHELLS.join(', ')}`);
    });

  // Called by the completion scripts at TAB: cluster or node-pool names, one a line (hidden from --help).
  program
    .command('__complete <kind>', { hidden: true })
    .option('-n, --namespace <ns>')
    .option('--cluster-name <name>')
    .action(async (kind: string, f: CompleteNamesFlags, cmd: Command) => {
      const { completeNames } = await import('./completion-names.js');
      await completeNames(kind, f, globals(cmd));
    });
}
