// A real terminal for CLI tests: each command runs in its own detached tmux session of a given size (a
// pseudo-terminal, as a person's shell gives it), and the test reads the screen tmux drew. tmux runs on a
// private socket with no user configuration, so nothing on the machine is touched. Everything is async: the
// embedded cluster answers the CLI from this very process.
import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { CLI } from './cli.js';

export const TMUX = (() => {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? 'tmux' : undefined;
})();

export interface Screen {
  /** Lines as drawn, lines the terminal wrapped joined back (`capture-pane -J`), trailing blanks dropped. */
  lines: string[];
  code: number;
}

export class Terminal {
  private readonly socket = `hcp-kv-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private n = 0;

  constructor(
    readonly columns: number,
    private readonly cwd: string,
  ) {}

  private async tmux(args: string[], timeout = 10_000): Promise<string> {
    return (await promisify(execFile)('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout })).stdout;
  }

  /** Starts the private server and keeps it up between commands (it would exit with its last session). */
  async start(): Promise<this> {
    await this.tmux(['start-server', ';', 'set-option', '-g', 'exit-empty', 'off']);
    return this;
  }

  /**
   * Runs `hcp-kv ARGS` on a terminal `columns` wide (tall enough that nothing scrolls away) and returns its
   * screen once it exits. No CI variable and colours on, as in a person's shell.
   */
  async run(args: string[], o: { timeoutMs?: number; rows?: number } = {}): Promise<Screen> {
    const id = `${++this.n}`;
    const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const tmux = `tmux -L ${this.socket} -f /dev/null`;
    // The pane stays open after the command until the test has read it: wait-for channels, no polling.
    const script = `env -u CI -u NO_COLOR -u FORCE_COLOR ${quoted}; echo $? > .code-${id}; ${tmux} wait-for -S done-${id}; ${tmux} wait-for release-${id}`;
    await this.tmux(['new-session', '-d', '-s', `s${id}`, '-x', String(this.columns), '-y', String(o.rows ?? 200), '-c', this.cwd, script]);
    try {
      await this.tmux(['wait-for', `done-${id}`], o.timeoutMs ?? 60_000);
      const text = await this.tmux(['capture-pane', '-p', '-J', '-t', `s${id}`, '-S', '-', '-E', '-']);
      const lines = text.split('\n').map((l) => l.trimEnd());
      while (lines.length && !lines[lines.length - 1]) lines.pop();
      const code = Number((await readFile(`${this.cwd}/.code-${id}`, 'utf8')).trim());
      return { lines, code };
    } finally {
      await this.tmux(['wait-for', '-S', `release-${id}`]);
    }
  }

  /** Stops the private server and removes its socket file (tmux leaves it behind). */
  close(): void {
    const path = spawnSync('tmux', ['-L', this.socket, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout.trim();
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
    if (path) rmSync(path, { force: true });
  }
}
