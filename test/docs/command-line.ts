// Whether a command line shown in the docs is one hcp-kv accepts: the real program (src/main.ts buildProgram) with
// every action replaced by nothing, so commander alone judges it — unknown commands and flags, missing arguments,
// values outside a flag's choices. A usage line (`[--flag X]`, `a|b`, `(… | …)`) is checked for its command path
// and that every flag it names exists.
import { Writable } from 'node:stream';
import { type Command, CommanderError, type Option } from 'commander';
import { buildProgram } from '../../src/main.js';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** The hcp-kv command lines in a shell line: `hcp-kv …` up to a pipe, redirection, `;`, `&&`, `)`, quote or comment. */
export function hcpKvSegments(line: string): string[] {
  const code = line.replace(/(^|\s)#\s.*$/, '');
  return [...code.matchAll(/(?:^|[\s(])(hcp-kv(?:\s+[^\s|;&)>'"<]+|\s+\|\S+|\s+'[^']*'|\s+"[^"]*")*)/g)].map((m) => m[1]!.trim());
}

/** Shell-like words: quotes kept together (and removed), no expansion. */
export function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

export const isUsageLine = (command: string) => /[[\]()]|\S\|\S|\s\|\s|\.\.\.|…/.test(command);

function program(): { root: Command; out: Sink } {
  const out = new Sink();
  const root = buildProgram({ stdout: out, stderr: out, env: {} });
  const quiet = (c: Command) => {
    c.action(() => undefined);
    c.commands.forEach(quiet);
  };
  root.commands.forEach(quiet);
  return { root, out };
}

/** Parses a command line (words after `hcp-kv`) as the program does; the error commander gives, or undefined. */
export async function parseError(args: string[]): Promise<string | undefined> {
  const { root, out } = program();
  try {
    await root.parseAsync(args, { from: 'user' });
    return undefined;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? undefined : `${e.message} ${out.text}`.trim();
    throw e;
  }
}

const takesValue = (o: Option) => o.required || o.optional;
const findOption = (cmds: Command[], flag: string): Option | undefined => cmds.flatMap((c) => c.options).find((o) => o.long === flag || o.short === flag);

/** A usage line: its command path exists and every flag it names is one of that command (or a global one). */
export function usageError(args: string[]): string | undefined {
  const { root } = program();
  let cmd = root;
  const path: Command[] = [root];
  const tokens = args.flatMap((w) => w.replace(/[[\]()]|\.\.\.|…/g, ' ').split(/\s+/)).filter(Boolean);
  let commandWords = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.startsWith('-')) {
      const flag = t.split('=')[0]!.replace(/,$/, '');
      if (flag === '-' || flag === '--help' || flag === '-h' || /^-\d/.test(flag)) continue;
      const o = findOption(path, flag);
      if (!o) return `unknown flag ${flag} for \`${path.map((c) => c.name()).join(' ')}\``;
      if (takesValue(o) && !t.includes('=')) i++; // its value is neither a command nor a flag
      if (path.length > 1) commandWords = false;
      continue;
    }
    if (!commandWords) continue;
    const alternatives = t.split('|');
    const subs = alternatives.map((a) => cmd.commands.find((c) => c.name() === a || c.aliases().includes(a)));
    if (!subs[0]) {
      commandWords = false;
      continue;
    }
    const missing = alternatives.filter((_, k) => !subs[k]);
    if (missing.length) return `no command ${missing.join(', ')} under \`${path.map((c) => c.name()).join(' ')}\``;
    cmd = subs[0];
    path.push(cmd);
  }
  return undefined;
}

/** Why a docs command line (the words after `hcp-kv`) is not one hcp-kv accepts, or undefined. */
export async function commandLineError(command: string): Promise<string | undefined> {
  const args = words(command).slice(1);
  return isUsageLine(command) ? usageError(args) : parseError(args);
}
