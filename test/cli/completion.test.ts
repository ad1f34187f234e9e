// Shell completion comes from commander's registered commands, options and values: every flag `--help`
// shows is offered, enum values are completed, and the bash function works in a real bash.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const has = (shell: string) => spawnSync(shell, ['--version']).status === 0;
const BASH = has('bash');
const ZSH = has('zsh');
const FISH = has('fish');
let bashScript = '';
let scriptFile = '';

/** What bash offers after the words typed so far (the last word is the one being completed). */
function complete(...words: string[]): string[] {
  const line = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['--norc', '-c', `source '${scriptFile}'; COMP_WORDS=(hcp-kv ${line}); COMP_CWORD=${words.length}; _hcp_kv; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd: tmpdir() });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter(Boolean);
}

/** The long flags `hcp-kv ARGS --help` lists. */
async function helpFlags(args: string[]): Promise<string[]> {
  const r = await runCli([...args, '--help']);
  return [...r.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
}

describe('hcp-kv completion', () => {
  beforeAll(async () => {
    const r = await runCli(['completion', 'bash']);
    expect(r.code, r.stderr).toBe(0);
    bashScript = r.stdout;
    scriptFile = join(mkdtempSync(join(tmpdir(), 'hcp-kv-completion-')), 'hcp-kv.bash');
    writeFileSync(scriptFile, bashScript);
  });

  it('offers every flag that --help lists, for every command', async () => {
    const top = await runCli(['--help']);
    const commands = [...top.stdout.split('Commands:')[1]!.matchAll(/^\s{2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['bootstrap', 'create-cluster', 'doctor', 'completion']));
    for (const command of commands) {
      const flags = await helpFlags([command]);
      const line = new RegExp(`^    '${command}'\\) echo '([^']*)' ;;$`, 'm').exec(bashScript.split('_options()')[1]!)?.[1] ?? '';
      for (const flag of flags) expect(line.split(' '), `${command} ${flag}`).toContain(flag);
    }
  });

  it.skipIf(!BASH)('completes commands, subcommands, flags and enum values in bash', () => {
    expect(complete('')).toEqual(expect.arrayContaining(['bootstrap', 'create-cluster', 'doctor', 'list', 'status', 'completion']));
    expect(complete('create-cluster', '--control-plane-availability-policy', '')).toEqual(['SingleReplica', 'HighlyAvailable']);
    expect(complete('create-cluster', '--control-plane-availability-policy=H')).toEqual(['HighlyAvailable']);
    expect(complete('create-cluster', '--eng')).toEqual(['--engine']);
    expect(complete('create-cluster', 'kv-00', '--engine', '')).toEqual(['native', 'hypershift']);
    expect(complete('bootstrap', '--sto')).toEqual(['--storage', '--storage-class']);
    expect(complete('bootstrap', '--storage', '')).toEqual(['odf-local', 'lvms', 'existing']);
    expect(complete('render', '')).toEqual(['bootstrap', 'cluster']);
    expect(complete('render', 'bootstrap', '--meta')).toEqual(['--metallb-addresses']);
    expect(complete('--progress', '')).toEqual(['auto', 'tty', 'plain', 'none']);
    expect(complete('doctor', '-o', '')).toEqual(['table', 'json']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    // A global flag after a command.
    expect(complete('status', '--kubec')).toEqual(['--kubeconfig']);
  });

  it.skipIf(!BASH)('completes the day-2 commands, their subcommands and the enum values of their flags', async () => {
    expect(complete('')).toEqual(expect.arrayContaining(['nodepool', 'upgrade', 'diagnose', 'dump', 'destroy-cluster']));
    expect(complete('nodepool', '')).toEqual(['create', 'scale', 'delete', 'list']);
    expect(complete('nodepool', 'create', 'np2', '--qos-class', '')).toEqual(['Burstable', 'Guaranteed']);
    expect(complete('nodepool', 'create', 'np2', '--node-upgrade-type', '')).toEqual(['Replace', 'InPlace']);
    expect(complete('nodepool', 'create', 'np2', '--node-upgrade-type=I')).toEqual(['InPlace']);
    expect(complete('nodepool', 'create', 'np2', '--network-multiqueue', '')).toEqual(['Enable', 'Disable']);
    expect(complete('nodepool', 'create', 'np2', '--root-volume-volume-mode', '')).toEqual(['Block', 'Filesystem']);
    expect(complete('nodepool', 'create', 'np2', '--root-volume-cache-strategy', '')).toEqual(['None', 'PVC']);
    expect(complete('nodepool', 'scale', 'np2', '--rep')).toEqual(['--replicas']);
    expect(complete('nodepool', 'scale', 'np2', '-o', '')).toEqual(['text', 'json']);
    expect(complete('nodepool', 'list', '-o', '')).toEqual(['table', 'wide', 'json', 'yaml']);
    expect(complete('upgrade', 'kv-00', '--node')).toEqual(['--node-pools']);
    expect(complete('upgrade', 'kv-00', '-o', '')).toEqual(['text', 'json']);
    expect(complete('diagnose', 'kv-00', '-o', '')).toEqual(['text', 'json']);
    expect(complete('dump', 'kv-00', '--dump')).toEqual(['--dump-guest-cluster']);
    expect(complete('destroy-cluster', 'kv-00', '--f')).toEqual(['--force']);
    // Every flag `nodepool SUB --help` lists is offered after `nodepool SUB`.
    for (const sub of ['create', 'scale', 'delete', 'list']) {
      const offered = complete('nodepool', sub, '--');
      for (const flag of await helpFlags(['nodepool', sub])) expect(offered, `nodepool ${sub} ${flag}`).toContain(flag);
    }
  });

  it('zsh reuses the same generated function through bashcompinit; fish gets its own complete lines', async () => {
    const zsh = await runCli(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef hcp-kv\n/);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain(bashScript);
    const fish = await runCli(['completion', 'fish']);
    expect(fish.stdout).toContain("-l control-plane-availability-policy -x -a 'SingleReplica HighlyAvailable'");
    expect(fish.stdout).toMatch(/-a 'bootstrap' -d 'prepare the management cluster/);
    expect(fish.stdout).toMatch(/-s o -l output -x -a 'table json'/);
  });

  it.skipIf(!FISH)('fish completes enum values and subcommands', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hcp-kv-completion-')), 'hcp-kv.fish');
    writeFileSync(file, (await runCli(['completion', 'fish'])).stdout);
    const fish = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(fish('hcp-kv create-cluster --control-plane-availability-policy ')).toEqual(['HighlyAvailable', 'SingleReplica']);
    expect(fish('hcp-kv render ')).toEqual(['bootstrap', 'cluster']);
    expect(fish('hcp-kv render bootstrap --sto')).toEqual(['--storage', '--storage-class']);
    expect(fish('hcp-kv completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it.skipIf(!ZSH)('zsh loads the script through bashcompinit and gets the same answers', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hcp-kv-completion-')), 'hcp-kv.zsh');
    writeFileSync(file, (await runCli(['completion', 'zsh'])).stdout);
    // bashcompinit calls the function in sh emulation (0-based arrays); zsh itself then filters by prefix.
    const script = `autoload -U compinit && compinit -u -d '${file}.dump'; source '${file}'; print -r -- "\${_comps[hcp-kv]}"; t() { emulate -L sh; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _hcp_kv; echo "\${COMPREPLY[*]}"; }; t hcp-kv create-cluster --engine ''; t hcp-kv render ''`;
    const r = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(['_bash_complete -o filenames -F _hcp_kv', 'native hypershift', 'bootstrap cluster']);
  });

  it('refuses an unknown shell as bad input (exit 2)', async () => {
    const r = await runCli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});
