// Declaring flags: each flag is declared once, with commander's typed API (@commander-js/extra-typings), and the
// type of a command's flags is inferred from that declaration (FlagsOf) — the -impl modules import it as a type
// only, so they never load commander. scripts/build.mjs bundles @commander-js/extra-typings as commander itself
// (the same classes; the package adds types only).
//
// Start-up: `hcp-kv --help` needs every command's name, arguments and description, not its flags. `defer` keeps a
// command's flags and action for later when the program is built lazily (src/main.ts run()); they are declared
// when commander dispatches to the command, when its help is asked for, or when the whole tree is needed
// (completion). A program built eagerly (tests, buildProgram's default) declares everything at once.
import { type Command, type CommandUnknownOpts, Help, Option, type OptionValues } from '@commander-js/extra-typings';
import type { Command as UntypedCommand, Help as UntypedHelp } from 'commander';
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

const pending = new WeakMap<AnyCommand, (cmd: AnyCommand) => void>();
const lazyRoots = new WeakSet<AnyCommand>();

function rootOf(cmd: AnyCommand): AnyCommand {
  let c = cmd;
  while (c.parent) c = c.parent;
  return c;
}

/** Declares `cmd`'s flags and action with `declare`: now, or when needed if its program is built lazily. */
export function defer<C extends AnyCommand>(cmd: C, declare: (cmd: C) => unknown): C {
  if (lazyRoots.has(rootOf(cmd))) pending.set(cmd, declare as (cmd: AnyCommand) => void);
  else declare(cmd);
  return cmd;
}

/** Declares what `defer` kept for `cmd` (once). */
export function declareNow(cmd: AnyCommand): void {
  const declare = pending.get(cmd);
  if (!declare) return;
  pending.delete(cmd);
  declare(cmd);
}

/** Declares everything kept under `cmd` (completion scripts walk the whole tree). */
export function declareAll(cmd: AnyCommand): void {
  declareNow(cmd);
  for (const sub of cmd.commands) declareAll(sub);
}

/**
 * Builds `program`'s commands lazily: `register` adds them (names, arguments, descriptions; flags through
 * `defer`), and each command's own flags are declared just before commander parses for it or shows its help.
 */
export function registerLazily(program: AnyCommand, register: () => void): void {
  lazyRoots.add(program);
  register();
  const declareSub = (_parent: AnyCommand, sub: AnyCommand) => declareNow(sub);
  const hook = (cmd: AnyCommand) => {
    if (cmd.commands.length) cmd.hook('preSubcommand', declareSub);
    cmd.commands.forEach(hook);
  };
  hook(program);
}

/** In a lazily built program's help, a command whose flags are still to be declared is listed with `[options]`,
 * as it will have them: commander's own term (lib/help.js subcommandTerm) for the command with flags. */
export function subcommandTerm(this: UntypedHelp, cmd: UntypedCommand): string {
  const shown = pending.has(cmd as unknown as AnyCommand) && !cmd.options.length ? Object.create(cmd, { options: { value: [undefined] } }) : cmd;
  return Help.prototype.subcommandTerm.call(this, shown);
}

/** Declares the commands a `help NAME` in `args` asks about (commander shows that help without dispatching). */
export function declareHelpTargets(program: AnyCommand, args: readonly string[]): void {
  const names = new Set(args.filter((_, i) => i > 0 && args[i - 1] === 'help'));
  if (!names.size) return;
  const walk = (cmd: AnyCommand) => {
    if (names.has(cmd.name()) || cmd.aliases().some((a) => names.has(a))) declareNow(cmd);
    cmd.commands.forEach(walk);
  };
  walk(program);
}
