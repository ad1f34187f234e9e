// Loading the optional YAML config file and parsing flag values. Every failure is a usage error (exit 2)
// naming the file, the key path and, where js-yaml knows it, the line.
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import { z } from 'zod';
import { usageError } from '../errors.js';

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

export const MAX_TIMER_MS = 2 ** 31 - 1;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** '45m', '90s', '1h30m', '500ms' → milliseconds (Go-style durations, as `oc --request-timeout` takes). */
export function parseDuration(s: string): number {
  const text = s.trim();
  if (/^\d+$/.test(text)) throw usageError(`duration "${s}" has no unit`, 'write it like 90s, 45m or 1h30m');
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (!text || consumed !== text.length || total <= 0) throw usageError(`invalid duration "${s}"`, 'write it like 90s, 45m or 1h30m');
  // Node timers hold at most 2^31-1 ms (24.8 days); a longer one would fire at once.
  if (total > MAX_TIMER_MS) throw usageError(`duration "${s}" is too long (at most ${Math.floor(MAX_TIMER_MS / 86_400_000)} days)`, 'write a shorter duration, e.g. 2h');
  return Math.round(total);
}
