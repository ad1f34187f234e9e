// Reads test/seed/command-lines.txt (verbatim `hcp`/`hypershift` command lines, with their sources) and turns
// each into argv as a POSIX shell would: backslash-newline joins lines, '…' is literal, "…" and bare words expand
// $VAR and ${VAR}, and `> FILE` redirects stdout. Only the binary (the first word) is replaced by the caller.
import { readFileSync } from 'node:fs';

export interface CommandLine {
  /** "openshift/hypershift@<commit> <path>:<line>" or "seed <file>:<line>". */
  source: string;
  /** Why hcp-kv does not run it, when it does not. */
  skip?: string;
  /** The command as copied. */
  text: string;
}

export function readCommandLines(file: string): CommandLine[] {
  const out: CommandLine[] = [];
  let cur: CommandLine | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('## skip: ') && cur) cur.skip = line.slice('## skip: '.length);
    else if (line.startsWith('## ')) out.push((cur = { source: line.slice(3), text: '' }));
    else if (line.startsWith('#')) continue;
    else if (line.trim() === '') cur = undefined;
    else if (cur) cur.text += `${cur.text ? '\n' : ''}${line}`;
  }
  return out;
}

export interface Parsed {
  binary: string;
  args: string[];
  /** `> FILE`: where the shell would write stdout. */
  stdoutTo?: string;
}

/** Shell words of `text` with `env` substituted (an unset variable is an error: the test must give every one). */
export function shellWords(text: string, env: Record<string, string>): Parsed {
  // A block that ends in a backslash (configuring-network.md:51) is pasted with its newline: a continuation too.
  const s = `${text}\n`.replace(/\\\n/g, '');
  const words: string[] = [];
  let word: string | undefined;
  const expand = (name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`$${name} is not set for: ${text}`);
    return v;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      word = (word ?? '') + s.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      const end = s.indexOf('"', i + 1);
      word = (word ?? '') + s.slice(i + 1, end).replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a, b) => expand(a ?? b));
      i = end;
    } else if (c === '$') {
      const m = /^\$\{(\w+)\}|^\$(\w+)/.exec(s.slice(i))!;
      word = (word ?? '') + expand(m[1] ?? m[2]!);
      i += m[0].length - 1;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  const at = words.indexOf('>');
  const stdoutTo = at >= 0 ? words[at + 1] : undefined;
  const argv = at >= 0 ? words.slice(0, at) : words;
  return { binary: argv[0]!, args: argv.slice(1), ...(stdoutTo ? { stdoutTo } : {}) };
}
