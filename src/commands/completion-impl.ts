// Shell completion scripts generated from the commands, options and option values commander has registered,
// so a flag added anywhere is completed without touching this file. The scripts are static (no node start on
// TAB); `source <(hcp-kv completion bash)` in a shell's rc file regenerates them at every shell start.
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';

export interface CompletionNode {
  /** Subcommand path below the program, '' for the program itself: 'render bootstrap'. */
  path: string;
  description: string;
  subcommands: string[];
  /** Values of the first positional argument, when commander knows them (`completion <shell>`). */
  argumentValues: string[];
  options: Array<{ flags: string[]; takesValue: boolean; values: string[]; description: string }>;
}

/** Every command path with its subcommands and its options (the program's global options included). */
export function completionTree(program: Command): CompletionNode[] {
  const globalOptions = visibleOptions(program);
  const nodes: CompletionNode[] = [];
  const walk = (cmd: Command, path: string) => {
    const subs = cmd.commands.filter((c) => !(c as Command & { _hidden?: boolean })._hidden);
    const own = cmd === program ? [] : visibleOptions(cmd);
    nodes.push({
      path,
      description: cmd.description(),
      subcommands: subs.map((c) => c.name()),
      argumentValues: cmd.registeredArguments[0]?.argChoices ?? [],
      options: [...own, ...globalOptions, { flags: ['-h', '--help'], takesValue: false, values: [], description: 'show help' }],
    });
    for (const c of subs) walk(c, path ? `${path} ${c.name()}` : c.name());
  };
  walk(program, '');
  return nodes;
}

function visibleOptions(cmd: Command): CompletionNode['options'] {
  return (cmd.options as Option[])
    .filter((o) => !o.hidden)
    .map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
      takesValue: o.required || o.optional,
      values: o.argChoices ?? [],
      description: o.description,
    }));
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Commands whose NAME is an existing hosted cluster or node pool: completed from the cluster at TAB. */
export const NAME_FROM_CLUSTER: Record<string, 'clusters' | 'nodepools'> = {
  status: 'clusters',
  'create-kubeconfig': 'clusters',
  'destroy-cluster': 'clusters',
  diagnose: 'clusters',
  dump: 'clusters',
  upgrade: 'clusters',
  'nodepool scale': 'nodepools',
  'nodepool delete': 'nodepools',
};

export function bashScript(program: Command): string {
  const name = program.name();
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const nodes = completionTree(program);
  const subs = nodes.map((n) => `    ${q(n.path)}) echo ${q(n.subcommands.join(' '))} ;;`).join('\n');
  const args = nodes
    .filter((n) => n.argumentValues.length)
    .map((n) => `    ${q(n.path)}) echo ${q(n.argumentValues.join(' '))} ;;`)
    .join('\n');
  const opts = nodes.map((n) => `    ${q(n.path)}) echo ${q(n.options.flatMap((o) => o.flags).join(' '))} ;;`).join('\n');
  const values = nodes.flatMap((n) => n.options.filter((o) => o.takesValue).flatMap((o) => o.flags.map((f) => `    ${q(`${n.path}|${f}`)}) echo ${q(o.values.join(' '))}; return 0 ;;`))).join('\n');
  return `# bash completion for ${name}, generated from its commands: source <(${name} completion bash)
${fn}_subcommands() {
  case "$1" in
${subs}
  esac
}
${fn}_arguments() {
  case "$1" in
${args}
  esac
}
${fn}_options() {
  case "$1" in
${opts}
  esac
}
# Prints the values of an option that takes one (nothing for free text) and succeeds; fails for a flag.
${fn}_values() {
  case "$1|$2" in
${values}
  esac
  return 1
}
# Cluster or node-pool names from the cluster the typed --kubeconfig/--context/--namespace point at (2 s at most).
${fn}_names() {
  local kind="$1" i w args=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      --kubeconfig|--context|--namespace|--cluster-name) args+=("$w" "\${COMP_WORDS[i+1]}") ;;
      --kubeconfig=*|--context=*|--namespace=*|--cluster-name=*) args+=("$w") ;;
    esac
  done
  "\${COMP_WORDS[0]}" --progress none __complete "$kind" "\${args[@]}" 2>/dev/null
}
${fn}_name_kind() {
  case "$1" in
${Object.entries(NAME_FROM_CLUSTER)
  .filter(([p]) => nodes.some((n) => n.path === p))
  .map(([p, k]) => `    ${q(p)}) echo ${k} ;;`)
  .join('\n')}
  esac
}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" i w
  # The command path: the words that name a subcommand of the path so far.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    [[ "$w" == -* ]] && continue
    if [[ " $(${fn}_subcommands "$path") " == *" $w "* ]]; then path="\${path:+$path }$w"; fi
  done
  local values
  if [[ "$cur" == --*=* ]]; then
    if values=$(${fn}_values "$path" "\${cur%%=*}"); then
      if [[ -n "$values" ]]; then COMPREPLY=($(compgen -W "$values" -- "\${cur#*=}")); else COMPREPLY=($(compgen -f -- "\${cur#*=}")); fi
      return 0
    fi
  fi
  if [[ "$prev" == --cluster-name ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_names clusters)" -- "$cur"))
    return 0
  fi
  if [[ "$prev" == -* ]] && values=$(${fn}_values "$path" "$prev"); then
    if [[ -n "$values" ]]; then COMPREPLY=($(compgen -W "$values" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_options "$path")" -- "$cur"))
  else
    local kind
    kind=$(${fn}_name_kind "$path")
    if [[ -n "$kind" ]]; then
      COMPREPLY=($(compgen -W "$(${fn}_names "$kind")" -- "$cur"))
      return 0
    fi
    COMPREPLY=($(compgen -W "$(${fn}_subcommands "$path") $(${fn}_arguments "$path")" -- "$cur"))
    [[ \${#COMPREPLY[@]} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -o filenames -F ${fn} ${name}
`;
}

/** zsh runs the bash function through its bashcompinit layer: one generated tree for both shells. */
export function zshScript(program: Command): string {
  return `#compdef ${program.name()}
# zsh completion for ${program.name()}, generated from its commands: source <(${program.name()} completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashScript(program)}`;
}

export function fishScript(program: Command): string {
  const name = program.name();
  const fn = `__${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const nodes = completionTree(program);
  const lines = [
    `# fish completion for ${name}, generated from its commands: ${name} completion fish | source`,
    `function ${fn}_path --description 'the ${name} subcommand path typed so far'`,
    '    set -l path ""',
    '    for w in (commandline -opc)[2..-1]',
    '        string match -q -- "-*" $w; and continue',
    `        if contains -- $w (${fn}_subcommands $path)`,
    '            set path (string trim -- "$path $w")',
    '        end',
    '    end',
    '    echo $path',
    'end',
    `function ${fn}_subcommands`,
    '    switch "$argv[1]"',
    ...nodes.filter((n) => n.subcommands.length).map((n) => `        case ${q(n.path)}\n            printf '%s\\n' ${n.subcommands.map(q).join(' ')}`),
    '    end',
    'end',
    `complete -c ${name} -f`,
  ];
  for (const n of nodes) {
    const when = `-n ${q(`test (${fn}_path) = ${q(n.path)}`)}`;
    for (const s of n.subcommands) {
      const sub = program.commands.length ? findCommand(program, n.path ? `${n.path} ${s}` : s) : undefined;
      lines.push(`complete -c ${name} ${when} -a ${q(s)} -d ${q(firstLine(sub?.description() ?? ''))}`);
    }
    if (n.argumentValues.length) lines.push(`complete -c ${name} ${when} -a ${q(n.argumentValues.join(' '))}`);
    const kind = NAME_FROM_CLUSTER[n.path];
    if (kind) lines.push(`complete -c ${name} ${when} -a ${q(`(${name} --progress none __complete ${kind} 2>/dev/null)`)}`);
    for (const o of n.options) {
      const flags = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const value = o.takesValue ? (o.values.length ? ` -x -a ${q(o.values.join(' '))}` : ' -r -F') : '';
      lines.push(`complete -c ${name} ${when} ${flags}${value} -d ${q(firstLine(o.description))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function findCommand(program: Command, path: string): Command | undefined {
  let cmd: Command | undefined = program;
  for (const part of path.split(' ')) cmd = cmd?.commands.find((c) => c.name() === part);
  return cmd;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
