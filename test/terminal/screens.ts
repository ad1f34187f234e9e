// What a person sees: doctor, bootstrap, create-cluster, doctor again, status, then the day-2 commands (nodepool
// scale and list, upgrade, diagnose) on a fresh embedded cluster, drawn by tmux on terminals of 80 and 120 columns. No
// line may be wider than the terminal, a clean run shows no warning glyph, and the last line of bootstrap,
// create-cluster, nodepool scale, upgrade and doctor names the command to run next. Issue 22: --help wraps with
// descriptions that start early, every cut table cell continues in a numbered note, a failed preflight is a few
// lines, a converged re-run is one line (with the next command).
// The screens are written to .tmp/screens/ (the README's examples are taken from there).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_STEPS } from '../../src/steps/bootstrap/index.js';
import { CREATE_CLUSTER_STEPS } from '../../src/steps/cluster/create-cluster.js';
import { SCALE_NODEPOOL_STEPS } from '../../src/steps/nodepool/index.js';
import { UPGRADE_STEPS } from '../../src/steps/upgrade/index.js';
import { POOL, simEnv, type SimEnv } from '../helpers/sim-env.js';
import { Terminal, TMUX, type Screen } from '../helpers/tmux.js';

const SCREENS = join(process.cwd(), '.tmp', 'screens');
const WARNING = '⚠';

function save(name: string, s: Screen): void {
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(join(SCREENS, `${name}.txt`), `${s.lines.join('\n')}\n`);
}

function expectFits(s: Screen, columns: number, what: string): void {
  const wide = s.lines.filter((l) => stringWidth(l) > columns);
  expect(wide, `${what}: lines wider than ${columns} columns`).toEqual([]);
}

const lastLine = (s: Screen) => s.lines[s.lines.length - 1] ?? '';

/** Every `…[n]` on the screen has its note `[n] …` under it, and nothing else ends in a bare ellipsis. */
function expectNotesForCuts(s: Screen, atLeast: number): void {
  const cuts = s.lines.flatMap((l, i) => [...l.matchAll(/…\[(\d+)\]/g)].map((m) => ({ n: m[1]!, i })));
  expect(cuts.length, s.lines.join('\n')).toBeGreaterThanOrEqual(atLeast);
  for (const c of cuts)
    expect(
      s.lines.slice(c.i + 1).some((l) => l.startsWith(`[${c.n}] `)),
      `note [${c.n}]`,
    ).toBe(true);
  // A header row too wide for a narrow terminal may be cut (a header has no note): upper case only.
  expect(
    s.lines.filter((l) => /…(?!\[\d)/.test(l) && !/^[A-Z][A-Z …]*$/.test(l)),
    'cut without a note',
  ).toEqual([]);
}

/** A port nothing listens on: bound by the OS, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}
/** A step's title as the tree draws it, found by step id, ready for a RegExp. */
const titleOf = (steps: Array<{ id: string; title: string }>, id: string) => steps.find((x) => x.id === id)!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The screens on a terminal `columns` wide: one file per width (terminal-80, terminal-120), so they run side by side. */
export function terminalSuite(columns: number): void {
  describe.skipIf(!TMUX)(`on a terminal${TMUX ? '' : ' (skipped: tmux is not installed, no pseudo-terminal to draw on)'}`, () => {
    describe(`${columns} columns`, () => {
      let env: SimEnv;
      let term: Terminal;
      const run = async (name: string, args: string[]) => {
        const s = await term.run(['--kubeconfig', env.kubeconfig, ...args]);
        save(`${columns}-${name}`, s);
        expectFits(s, columns, name);
        return s;
      };
      beforeAll(async () => {
        env = await simEnv({ timeScale: 0.5 });
        writeFileSync(join(env.dir, 'pull-secret.json'), JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('u:p').toString('base64') } } }));
        term = await new Terminal(columns, env.dir).start();
      });
      afterAll(async () => {
        term?.close();
        await env?.stop();
      });

      it('doctor on a fresh cluster: the verdict first, one bootstrap command last', async () => {
        const s = await run('doctor-fresh', ['doctor']);
        expect(s.code).toBe(1);
        expect(s.lines[0]).toMatch(/^not ready: bootstrap has not run — \d+ of \d+ steps to do$/);
        expect(lastLine(s)).toBe('Next: hcp-kv bootstrap --metallb-addresses START-END');
        // One command for what bootstrap fixes, not one hint per row.
        expect(s.lines.filter((l) => l.includes('hcp-kv bootstrap'))).toHaveLength(1);
        expect(s.lines.join('\n')).not.toMatch(/default-storage-class-count/);
      });

      it('bootstrap: the live tree is the record, then one line with the next command', async () => {
        const s = await run('bootstrap', ['bootstrap', '--metallb-addresses', POOL]);
        expect(s.code, s.lines.join('\n')).toBe(0);
        const text = s.lines.join('\n');
        expect(text).not.toContain(WARNING);
        // The addon usually brings the operator up first: then that step is "already done", which the tree leaves
        // out (-v, plain and JSON keep it).
        const operator = titleOf(BOOTSTRAP_STEPS, 'hypershift-operator');
        expect(text).not.toMatch(new RegExp(`^↓ ${operator} — already done`, 'm'));
        for (const line of s.lines.filter((l) => l.startsWith('↓'))) expect(line).toMatch(/^↓ .+ — not needed: /);
        // Steps waiting for others name only needs that are unfinished; nothing spins beside a finished line.
        expect(text).not.toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏].*\[\d/m);
        // No summary table after the tree on a terminal.
        expect(text).not.toMatch(/^STEP\s+STATUS/m);
        expect(text).toMatch(/✔ The management cluster is ready \(\d/);
        expect(lastLine(s)).toMatch(/hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret\.json$/);
      });

      it('bootstrap again: nothing to do is one line and the next command (at most 6 lines on screen)', async () => {
        const s = await run('bootstrap-converged', ['bootstrap', '--metallb-addresses', POOL]);
        expect(s.code, s.lines.join('\n')).toBe(0);
        expect(s.lines.length, s.lines.join('\n')).toBeLessThanOrEqual(6);
        expect(s.lines.filter((l) => l.trim())[0]).toMatch(/^✔ nothing to do — \d+ steps already done, \d+ not needed \(/);
        expect(lastLine(s)).toMatch(/hcp-kv create-cluster kv-00 --replicas 2 --pull-secret pull-secret\.json$/);
        // -v keeps every step in the tree.
        const v = await run('bootstrap-converged-v', ['-v', 'bootstrap', '--metallb-addresses', POOL]);
        expect(v.code).toBe(0);
        expect(v.lines.filter((l) => l.startsWith('↓') && l.includes('already done')).length).toBeGreaterThan(5);
      });

      it('bootstrap against a server that is down: the error once, the steps not started in one line (at most 8 lines)', async () => {
        const down = join(env.dir, 'down.kubeconfig');
        writeFileSync(down, readFileSync(env.kubeconfig, 'utf8').replace(/server: \S+/, `server: https://127.0.0.1:${await closedPort()}`));
        const s = await term.run(['--kubeconfig', down, 'bootstrap', '--metallb-addresses', POOL]);
        save(`${columns}-bootstrap-down`, s);
        expectFits(s, columns, 'bootstrap-down');
        expect(s.code).toBe(3);
        expect(s.lines.length, s.lines.join('\n')).toBeLessThanOrEqual(8);
        const text = s.lines.join('\n');
        expect(text).toMatch(new RegExp(`^✖ Failed after \\S+ at preflight — nothing was changed; ${BOOTSTRAP_STEPS.length - 1} steps not started$`, 'm'));
        expect(s.lines.filter((l) => l.startsWith('Error: '))).toHaveLength(1);
        expect(s.lines.filter((l) => /^hint: |^Hint: /i.test(l.trim()))).toHaveLength(1);
        expect(text).not.toContain('not run');
      });

      it('help fits the terminal and descriptions start by column 36', async () => {
        for (const args of [['create-cluster', '--help'], ['nodepool', 'create', '--help'], ['bootstrap', '--help'], ['--help']]) {
          const s = await run(`help-${args.slice(0, -1).join('-') || 'main'}`, args);
          expect(s.code).toBe(0);
          // An option line: two spaces, the flag, then its description; a long flag has the description below it.
          for (const line of s.lines.filter((l) => /^ {2}-/.test(l))) {
            const m = /^ {2}(\S.*?)( {2,})\S/.exec(line);
            if (m) expect(2 + m[1]!.length + m[2]!.length, line).toBeLessThanOrEqual(36);
          }
        }
      });

      it('create-cluster 4.12.3: the passthrough step is not needed, drawn as such', async () => {
        const s = await run('create-cluster', ['create-cluster', 'kv-00', '--replicas', '2', '--release', '4.12.3', '--pull-secret', 'pull-secret.json']);
        expect(s.code, s.lines.join('\n')).toBe(0);
        const text = s.lines.join('\n');
        expect(text).not.toContain(WARNING);
        expect(text.replace(/\n\s+/g, ' ')).toContain(`↓ ${CREATE_CLUSTER_STEPS.find((x) => x.id === 'ingress-passthrough')!.title} — not needed: 4.12.3 has the operator's ingress passthrough`);
        expect(lastLine(s)).toMatch(/oc --kubeconfig kv-00-kubeconfig get nodes$/);
      });

      it('doctor on the prepared cluster: ready, and the next command', async () => {
        const s = await run('doctor-ready', ['doctor']);
        expect(s.code).toBe(0);
        expect(s.lines[0]).toMatch(/^ready: hosted clusters can be created/);
        expect(s.lines.join('\n')).not.toContain(WARNING);
        expect(lastLine(s)).toMatch(/^Next: hcp-kv create-cluster /);
        // kv-00 exists by now: the suggestion names a cluster that does not.
        expect(lastLine(s)).toMatch(/ create-cluster kv-01 /);
      });

      it('status, list and doctor fit the terminal; every cut cell continues in a note', async () => {
        const status = await run('status', ['status', 'kv-00']);
        expect(status.code).toBe(0);
        expect(status.lines[1]).toBe('No problems found.');
        expectNotesForCuts(status, columns === 80 ? 1 : 0);
        const list = await run('list', ['list', '-A']);
        expect(list.code).toBe(0);
        expect(list.lines[1]).toMatch(/^clusters\s+kv-00\s+4\.12\.3\s+/);
        expectNotesForCuts(list, 0);
        const doctor = await run('doctor-ready-notes', ['doctor']);
        expectNotesForCuts(doctor, columns === 80 ? 1 : 0);
      });

      it('nodepool scale: skipped steps say why, the last line names the next command', async () => {
        const down = await run('nodepool-scale', ['nodepool', 'scale', 'kv-00', '--replicas', '1']);
        expect(down.code, down.lines.join('\n')).toBe(0);
        expect(down.lines.join('\n')).not.toContain(WARNING);
        expect(down.lines.join('\n')).not.toMatch(/^STEP\s+STATUS/m);
        expect(lastLine(down)).toMatch(/hcp-kv nodepool list --cluster-name kv-00$/);
        // The same scale again: nothing to do, one line; -v draws each step as a dim ↓ with the reason.
        const again = await run('nodepool-scale-again', ['nodepool', 'scale', 'kv-00', '--replicas', '1']);
        expect(again.code, again.lines.join('\n')).toBe(0);
        expect(again.lines.filter((l) => l.trim())[0]).toMatch(/^✔ nothing to do — \d+ steps? already done/);
        expect(lastLine(again)).toMatch(/hcp-kv nodepool list --cluster-name kv-00$/);
        const verbose = await run('nodepool-scale-again-v', ['-v', 'nodepool', 'scale', 'kv-00', '--replicas', '1']);
        const text = verbose.lines.join('\n');
        expect(text).not.toContain(WARNING);
        expect(text).toMatch(new RegExp(`^↓ ${titleOf(SCALE_NODEPOOL_STEPS, 'scale-nodepool')} — already done: replicas 1, 1 of 1 nodes ready$`, 'm'));
        expect(text).toMatch(new RegExp(`^↓ ${titleOf(SCALE_NODEPOOL_STEPS, 'wait-nodepool-replicas')} — already done: 1 of 1 nodes ready$`, 'm'));
      });

      it('nodepool list and diagnose of a healthy cluster fit the terminal', async () => {
        const list = await run('nodepool-list', ['nodepool', 'list', '--cluster-name', 'kv-00']);
        expect(list.code).toBe(0);
        expect(list.lines[0]).toMatch(/^NAME\s+CLUSTER\s+DESIRED\s+CURRENT\s+/);
        expect(list.lines[1]).toMatch(/^kv-00\s+kv-00\s+1\s+1\s+/);
        const d = await run('diagnose-healthy', ['diagnose', 'kv-00']);
        expect(d.code).toBe(0);
        expect(d.lines.join(' ')).toMatch(/^clusters\/kv-00 is healthy: control plane Available/);
        expect(d.lines.join('\n')).not.toContain(WARNING);
      });

      it('upgrade of the control plane only: the node-pool steps say why not, the last line names the next command', async () => {
        const s = await run('upgrade', ['upgrade', 'kv-00', '--release', '4.12.5', '--node-pools', 'none']);
        expect(s.code, s.lines.join('\n')).toBe(0);
        const text = s.lines.join('\n');
        expect(text).not.toContain(WARNING);
        // Long skipped lines wrap under their title at 80 columns.
        for (const id of ['upgrade-nodepools', 'wait-nodepools', 'check-upgraded-nodes']) expect(text.replace(/\n\s+/g, ' ')).toMatch(new RegExp(`^↓ ${titleOf(UPGRADE_STEPS, id)} — not needed: --node-pools none( |$)`, 'm'));
        expect(text).toMatch(/✔ Hosted cluster kv-00 runs 4\.12\.5 \(control plane only\) \(/);
        expect(lastLine(s)).toMatch(/hcp-kv status kv-00$/);
      });

      it('diagnose of VMs no node matches: the finding wraps to the width, the list keeps the message as a note', async () => {
        const create = await run('nodepool-create-pending', [
          'nodepool',
          'create',
          'np-sel',
          '--cluster-name',
          'kv-00',
          '--replicas',
          '1',
          '--vm-node-selector',
          'example.com/vm-host=nothing-has-this-label',
          '--timeout',
          '2s',
          '--skip-capacity-check',
        ]);
        expect(create.code).toBe(1);
        const d = await run('diagnose-findings', ['diagnose', 'kv-00']);
        expect(d.code).toBe(1);
        const text = d.lines.join('\n');
        expect(text).toMatch(/^1\. VMs are Pending: their node selector\b/m);
        expect(text).toMatch(/^ {3}evidence: VM np-sel-/m);
        // Wrapped, not cut: the whole next step is there once the lines are joined.
        expect(text).not.toContain('…');
        expect(text.replace(/\n\s+/g, ' ')).toContain('next: label the infra workers meant for VMs (oc label node <node> example.com/vm-host=nothing-has-this-label), or recreate node pool np-sel without --vm-node-selector');
        const list = await run('nodepool-list-pending', ['nodepool', 'list', '--cluster-name', 'kv-00']);
        expect(list.code).toBe(0);
        const row = list.lines.find((l) => /^np-sel\s+kv-00\s+1\s+0\s+/.test(l));
        expect(row, list.lines.join('\n')).toBeDefined();
        // Its message: in the row at 120 columns (cut at the width), a numbered note under the table at 80.
        if (columns === 80) {
          expect(row).toMatch(/\s\[1\]$/);
          expect(list.lines).toContainEqual(expect.stringMatching(/^\[1\] 0 of 1 machines are ready/));
        } else expect(row).toMatch(/0 of 1 machines are ready/);
      });

      it('a failed step: ✖ in the tree, then the error and hint once, wrapped to the width', async () => {
        const s = await run('create-cluster-failed', ['create-cluster', 'kv-late', '--release', '4.12.3', '--pull-secret', 'pull-secret.json', '--timeout', '100ms']);
        expect(s.code).toBe(1);
        const text = s.lines.join('\n');
        // One of the waits failed (which one depends on timing): it is drawn with ✖.
        const waits = CREATE_CLUSTER_STEPS.filter((x) => x.id.startsWith('wait-')).map((x) => titleOf(CREATE_CLUSTER_STEPS, x.id));
        expect(text).toMatch(new RegExp(`^✖ (${waits.join('|')})$`, 'm'));
        expect(text).toMatch(/^✖ Failed after \S+ at wait-/m);
        expect(text).toMatch(/^Error: timed out after 100ms waiting for /m);
        expect(s.lines.filter((l) => /^ *hint: /i.test(l))).toHaveLength(1);
        expect(s.lines.filter((l) => l.startsWith('Error: '))).toHaveLength(1);
        const list = await run('list-failed', ['list', '-A']);
        expectNotesForCuts(list, 0);
      });
    });
  });
}
