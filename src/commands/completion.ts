import { Argument, type Command } from 'commander';
import { usageError } from '../errors.js';
import { io } from '../run/io.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, flags and their values): source <(hcp-kv completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText('after', '\nbash:  echo \'source <(hcp-kv completion bash)\' >> ~/.bashrc\nzsh:   echo \'source <(hcp-kv completion zsh)\' >> ~/.zshrc\nfish:  hcp-kv completion fish > ~/.config/fish/completions/hcp-kv.fish')
    .action(async (shell: string, _f: unknown, cmd: Command) => {
      const { bashScript, fishScript, zshScript } = await import('./completion-impl.js');
      const root = cmd.parent!;
      if (shell === 'bash') io().stdout.write(bashScript(root));
      else if (shell === 'zsh') io().stdout.write(zshScript(root));
      else if (shell === 'fish') io().stdout.write(fishScript(root));
      else throw usageError(`unknown shell "${shell}"`, `pick one of ${SHELLS.join(', ')}`);
    });
}
