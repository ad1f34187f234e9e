// Loading the optional YAML config file and parsing flag values. Every failure is a usage error (exit 2)
// naming the file, the key path and, where js-yaml knows it, the line.
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { usageError } from '../errors.js';
import { must, timerDuration } from './values/index.js';

export async function loadYamlConfig<T>(path: string, schema: z.ZodType<T>): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw usageError(`config file ${path} is a directory, not a file`, 'pass the YAML file itself to --config', e);
    throw usageError(`cannot read config file ${path}: ${code ?? (e as Error).message}`, 'check the --config path', e);
  }
  return parseYamlConfig(text, path, schema);
}

export function parseYamlConfig<T>(text: string, path: string, schema: z.ZodType<T>): T {
  let data: unknown;
  // One document only: a second one would be silently ignored by some tools and merged by others.
  const documents = text.split(/^---\s*$/m).filter((d) => d.replace(/#.*$/gm, '').trim());
  if (documents.length > 1) throw usageError(`config file ${path} holds ${documents.length} YAML documents; hcp-kv reads exactly one`, 'merge them into one document (remove the --- separators)');
  try {
    data = load(text) ?? {};
  } catch (e) {
    const where = e instanceof YAMLException ? ` at line ${e.mark.line + 1}` : '';
    throw usageError(`config file ${path} is not valid YAML${where}: ${e instanceof YAMLException ? e.reason : String(e)}`, 'fix the YAML syntax', e);
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  // A misspelt key explains the "missing" one next to it: report unknown keys first.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
  const keyPath = issue.path.map(String);
  const line = lineOfKey(text, keyPath);
  const key = keyPath.join('.') || '(top level)';
  const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${[...keyPath, k].join('.')}"`).join(', ')}` : `${key}: ${issue.message}`;
  const unknownLine = issue.code === 'unrecognized_keys' ? lineOfKey(text, [...keyPath, issue.keys[0]!]) : line;
  throw usageError(
    `config file ${path}${unknownLine ? ` line ${unknownLine}` : ''}: ${message}`,
    issue.code === 'unrecognized_keys' ? 'check the spelling; `hcp-kv render bootstrap` shows the supported keys in use' : 'fix the value in the config file or override it with a flag',
  );
}

/** Best-effort line number of a nested key in block-style YAML (for error messages only). */
export function lineOfKey(text: string, keyPath: string[]): number | undefined {
  const lines = text.split('\n');
  let from = 0;
  let indent = -1;
  let found: number | undefined;
  for (const key of keyPath) {
    if (/^\d+$/.test(key)) continue; // list index: keep searching below the parent
    found = undefined;
    for (let i = from; i < lines.length; i++) {
      const m = /^(\s*)(?:- )?([A-Za-z0-9_.-]+|"[^"]+"):/.exec(lines[i]!);
      if (!m) continue;
      const ind = m[1]!.length;
      if (ind <= indent && i > from) break;
      if (m[2]!.replace(/"/g, '') === key && ind > indent) {
        found = i + 1;
        from = i + 1;
        indent = ind;
        break;
      }
    }
    if (found === undefined) return undefined;
  }
  return found;
}

/** '45m', '90s', '1h30m', '500ms' → milliseconds: a positive Go duration a timer can hold (values/scalars.ts). */
export function parseDuration(s: string): number {
  return must(timerDuration(s));
}
