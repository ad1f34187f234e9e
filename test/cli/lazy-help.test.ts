// `run()` builds the program lazily (src/commands/flags.ts: a command's flags and subcommands are declared when
// commander is about to use them); every help it prints must be the one the complete program prints, byte for byte.
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/main.js';
import { runCli } from '../helpers/cli.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** What the complete (eagerly built) program prints for a command line (stdout and stderr together). */
async function eagerOutput(args: string[]): Promise<string> {
  const out = new Sink();
  const program = buildProgram({ stdout: out, stderr: out, env: {} });
  await program.parseAsync(args, { from: 'user' }).catch(() => undefined);
  return out.text;
}

function commandPaths(cmd: Command, path: string[] = []): string[][] {
  return [path, ...cmd.commands.flatMap((c) => commandPaths(c, [...path, c.name()]))];
}

describe('the lazily built program', () => {
  const paths = commandPaths(buildProgram({ stdout: new Sink(), stderr: new Sink(), env: {} }));

  it('has the whole command tree', () => {
    expect(paths.length).toBeGreaterThan(40);
  });

  it('prints the same help as the complete program, for every command, as --help and as help NAME', async () => {
    for (const path of paths) {
      const forms = [[...path, '--help'], ...(path.length ? [[...path.slice(0, -1), 'help', path.at(-1)!]] : [])];
      for (const args of forms) {
        const lazy = await runCli(args); // `sim help controllers` is sim's usage error, in both
        expect(lazy.stdout + lazy.stderr, args.join(' ')).toBe(await eagerOutput(args));
      }
    }
  });

  it('reports a bad flag of a nested command as the complete program does', async () => {
    for (const args of [
      ['nodepool', 'scale', 'x', '--bogus'],
      ['create', 'cluster', 'kubevirt', '--cores'],
      ['backup', 'crete'],
    ]) {
      const lazy = await runCli(args);
      expect(lazy.code, args.join(' ')).toBe(2);
      expect(lazy.stderr, args.join(' ')).toBe(await eagerOutput(args));
    }
  });
});
