// Repeatable and list flags, in pflag's grammars (spf13/pflag@v1.0.5 string_array.go, string_slice.go,
// string_to_string.go): StringArray (repeat the flag, each value whole), StringSlice (repeatable and
// comma-separated) and StringToString (comma-separated key=value, repeatable).
import { QUALIFIED_NAME } from '../kube-values.js';
import { bad, ok, type Parsed } from './problem.js';

export { repeatable, repeatableList } from './flag-args.js';

/** Repeatable key=value (--annotations, --labels): the value keeps any further "=". */
export function keyValuePairs(flag: string, items: readonly string[] | undefined): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const at = item.indexOf('=');
    if (at < 0) return bad(`--${flag} "${item}" is not key=value`, `e.g. --${flag} team=platform`);
    const key = item.slice(0, at);
    if (!QUALIFIED_NAME.test(key)) return bad(`--${flag} "${item}": "${key}" is not a valid key`, 'an optional DNS prefix and a name of letters, digits, "-", "_" and "."');
    out[key] = item.slice(at + 1);
  }
  return ok(out);
}

/** pflag StringToString: comma-separated key=value, repeatable, the value keeps any further "="; none: undefined. */
export function keyValueMap(flag: string, values: readonly string[] | string | undefined): Parsed<Record<string, string> | undefined> {
  const list = typeof values === 'string' ? [values] : values;
  if (!list?.length) return ok(undefined);
  const out: Record<string, string> = {};
  for (const entry of list.flatMap((v) => v.split(','))) {
    if (!entry) continue;
    const at = entry.indexOf('=');
    const key = at < 0 ? entry : entry.slice(0, at);
    if (at < 0 || !QUALIFIED_NAME.test(key)) return bad(`--${flag} entry "${entry}" is not key=value`, `e.g. --${flag} role=kubevirt,size=large`);
    out[key] = entry.slice(at + 1);
  }
  return ok(out);
}

/** Every item through `parse`; the first problem wins. */
export function each<T>(items: readonly string[] | undefined, parse: (item: string) => Parsed<T>): Parsed<T[]> {
  const out: T[] = [];
  for (const item of items ?? []) {
    const r = parse(item);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}
