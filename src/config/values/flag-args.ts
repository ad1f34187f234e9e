// commander argParsers: how a flag's values are gathered as commander reads them (the flag declarations in
// src/commands use them at start-up, so this module imports nothing). Their items are checked by the rest of
// the kit (lists.ts and scalars.ts).

/** commander argParser for a repeatable flag (pflag StringArray): every value, in order. */
export const repeatable = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** commander argParser for pflag StringSlice: comma-separated and repeatable, empty items dropped. */
export const repeatableList = (v: string, prev: string[] | undefined): string[] => [
  ...(prev ?? []),
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

/** A comma-separated list (the last flag given wins), items trimmed, empty ones dropped; none: undefined. */
export function commaList(value: string | undefined): string[] | undefined {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}
