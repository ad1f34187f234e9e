// Declaring flags: each flag is declared once, with commander's typed API (@commander-js/extra-typings), and the
// type of a command's flags is inferred from that declaration (FlagsOf) — the -impl modules import it as a type
// only, so they never load commander. scripts/build.mjs bundles @commander-js/extra-typings as commander itself
// (the same classes; the package adds types only).
//
// Start-up: `hcp-kv --help` needs the top-level commands' names, arguments and descriptions, not their flags nor
// their subcommands. When the program is built lazily (src/main.ts run()), `defer` keeps a command's flags and
// action, and `deferSubcommands` a command's subcommands, for later: they are declared when commander dispatches
// to the command, when a `help` is asked for, or when the whole tree is needed (completion). A program built
// eagerly (tests, buildProgram's default) declares everything at once; test/cli/lazy-help.test.ts holds the two
// to the same help, byte for byte.
import { type Command, type CommandUnknownOpts, Option, type OptionValues } from '@commander-js/extra-typings';
import { type Command as UntypedCommand, Help as UntypedHelp } from 'commander';
import type { Globals } from './common.js';

/** A command of any arguments and flags. */
export type AnyCommand = CommandUnknownOpts;

/** No flags (yet): a command as `.command()` creates it. */
export type NoFlags = Record<never, never>;

/** The flags of a command as commander hands them to its action. */
export type OptsOf<C> = C extends Command<unknown[], infer O, OptionValues> ? O : never;

/** The flags a declaration function `(cmd) => cmd.option(…)…` adds, e.g. FlagsOf<typeof densityFlags<[], NoFlags, NoFlags>>,
 * as one flat object type. */
export type FlagsOf<F extends (cmd: Command<[], NoFlags, NoFlags>, ...more: never[]) => Command<unknown[], OptionValues, OptionValues>> = Flat<OptsOf<ReturnType<F>>>;

type Flat<T> = { [K in keyof T]: T[K] };

/** A command's generic shape, for declaration functions that add flags to whatever command they are given. */
export type Cmd<A extends unknown[], O extends OptionValues, G extends OptionValues> = Command<A, O, G>;

/**
 * An option with a fixed set of values, listed in --help and offered by shell completion. The command still
 * checks the value itself (not commander), so its message names where a bad value came from (flag,
 * environment or config file) with a hint, exactly as for its other inputs. Its value is the string typed.
 */
export function enumOption<const F extends string>(flags: F, description: string, values: readonly string[]): Option<F>;
export function enumOption<const F extends string>(flags: F, description: string, values: readonly string[], defaultValue: string): Option<F, undefined, string>;
export function enumOption(flags: string, description: string, values: readonly string[], defaultValue?: string): Option<string, undefined, string | undefined> {
  const option = new Option(flags, description);
  option.argChoices = [...values];
  return defaultValue === undefined ? option : option.default(defaultValue);
}

/**
 * The parser of a one-value flag whose value name ends in "..." (`--oadp-config <key=value,...>`): commander reads
 * such a flag as one string (it is variadic only when "..." follows a word: commander lib/option.js), while
 * extra-typings would type it as an array. The value is kept as typed.
 */
export const oneValue = (value: string): string => value;

/** The global flags as an action sees them. */
export function globals(cmd: AnyCommand): Globals {
  const o = cmd.optsWithGlobals() as Partial<Globals>;
  return { kubeconfig: o.kubeconfig, context: o.context, verbose: o.verbose ?? 0, progress: o.progress ?? 'auto', requestTimeout: o.requestTimeout, reconnectWindow: o.reconnectWindow };
}

/** What a lazily built program still has to declare, per command: its flags (and action), its subcommands. */
const pending = new WeakMap<AnyCommand, Array<{ declare: (cmd: AnyCommand) => unknown; flags: boolean }>>();
const lazyRoots = new WeakSet<AnyCommand>();
const hooked = new WeakSet<AnyCommand>();

function rootOf(cmd: AnyCommand): AnyCommand {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

function later<C extends AnyCommand>(cmd: C, declare: (cmd: C) => unknown, flags: boolean): C {
  if (!lazyRoots.has(rootOf(cmd))) {
    declare(cmd);
    return cmd;
  }
  const list = pending.get(cmd) ?? [];
  list.push({ declare: declare as (cmd: AnyCommand) => unknown, flags });
  pending.set(cmd, list);
  return cmd;
}

/** Declares `cmd`'s flags and action with `declare`: now, or when needed if its program is built lazily. */
export function defer<C extends AnyCommand>(cmd: C, declare: (cmd: C) => unknown): C {
  return later(cmd, declare, true);
}

/** Adds `cmd`'s subcommands with `declare`: now, or when needed if its program is built lazily. */
export function deferSubcommands<C extends AnyCommand>(cmd: C, declare: (cmd: C) => unknown): C {
  return later(cmd, declare, false);
}

/** Declares what `defer` and `deferSubcommands` kept for `cmd` (once). */
export function declareNow(cmd: AnyCommand): void {
  const list = pending.get(cmd);
  if (!list) return;
  pending.delete(cmd);
  for (const { declare } of list) declare(cmd);
  hookSubcommands(cmd);
}

/** Declares everything kept under `cmd` (completion scripts walk the whole tree). */
export function declareAll(cmd: AnyCommand): void {
  declareNow(cmd);
  for (const sub of cmd.commands) declareAll(sub);
}

/** Each command that has subcommands declares the one it dispatches to first (commander's preSubcommand hook). */
function hookSubcommands(cmd: AnyCommand): void {
  if (cmd.commands.length && !hooked.has(cmd)) {
    hooked.add(cmd);
    cmd.hook('preSubcommand', (_parent, sub) => declareNow(sub as unknown as AnyCommand)); // extra-typings types the hook's commands as commander's
  }
  cmd.commands.forEach(hookSubcommands);
}

/**
 * Builds `program`'s commands lazily: `register` adds them (names, arguments, descriptions; flags through
 * `defer`, subcommands through `deferSubcommands`), and each command's own part is declared just before
 * commander parses for it or shows its help.
 */
export function registerLazily(program: AnyCommand, register: () => void): void {
  lazyRoots.add(program);
  register();
  hookSubcommands(program);
}

/** In a lazily built program's help, a command whose flags are still to be declared is listed with `[options]`,
 * as it will have them (commander lib/help.js subcommandTerm: NAME[|ALIAS] [options] ARGS). */
export function subcommandTerm(this: UntypedHelp, cmd: UntypedCommand): string {
  const term = UntypedHelp.prototype.subcommandTerm.call(this, cmd);
  if (cmd.options.length || !pending.get(cmd as unknown as AnyCommand)?.some((p) => p.flags)) return term;
  const head = cmd.name() + (cmd.aliases()[0] ? `|${cmd.aliases()[0]}` : '');
  return `${head} [options]${term.slice(head.length)}`;
}

/** `help NAME` (at any level) shows NAME's help without dispatching to it: with a `help` word, all is declared. */
export function declareHelpTargets(program: AnyCommand, args: readonly string[]): void {
  if (args.includes('help')) declareAll(program);
}
