// The README's guided tour ("Try it by hand") runs as written: every command of its sh block, in order, against
// an embedded cluster (the block's `hcp-kv sim` line is the one this test starts in-process), exits as its comment
// says ("(exit N)", else 0), and prints the text the comment quotes. A stale tour fails here, not for a newcomer.
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

interface TourLine {
  command: string;
  exit: number;
  quotes: string[];
}

/** The tour's commands with their expectations, from the first sh block after the tour's heading. */
export function tourCommands(readme: string): TourLine[] {
  const section = readme.split(/^## Try it by hand.*$/m)[1];
  const block = section ? /```sh\n([\s\S]*?)```/.exec(section)?.[1] : undefined;
  if (!block) return [];
  return block
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^(.*?)\s+#\s(.*)$/.exec(line);
      const comment = m?.[2] ?? '';
      return { command: (m?.[1] ?? line).trim(), exit: Number(/\(exit (\d+)\)/.exec(comment)?.[1] ?? 0), quotes: [...comment.matchAll(/"([^"]+)"/g)].map((q) => q[1]!) };
    });
}

/** Words of a command line; single-quoted words kept whole (the tour's echo), $PWD expanded. */
function words(command: string, cwd: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!.replace('$PWD', cwd));
}

describe('the README tour', () => {
  const tour = tourCommands(README);
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant' });
  }, 60_000);
  afterAll(async () => {
    await env?.stop();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  it('is there: starts the sim, ends by destroying the cluster, at most 20 commands', () => {
    expect(tour[0]?.command).toBe('hcp-kv sim');
    expect(tour.at(-1)?.command).toMatch(/^hcp-kv destroy-cluster /);
    expect(tour.length).toBeGreaterThan(8);
    expect(tour.length).toBeLessThanOrEqual(20);
  });

  it('runs command by command as the README says', async () => {
    const env_ = { KUBECONFIG: env.kubeconfig };
    for (const t of tour) {
      const [program, ...args] = words(t.command, env.dir);
      if (t.command === 'hcp-kv sim' || program === 'export') continue;
      let r: { code: number | null; out: string };
      if (program === 'hcp-kv') {
        const c = await runCli(args, { env: env_, cwd: env.dir, timeout: 300_000 });
        r = { code: c.code, out: c.stdout + c.stderr };
      } else if (program === 'echo') {
        const c = spawnSync('sh', ['-c', t.command], { cwd: env.dir, encoding: 'utf8' });
        r = { code: c.status, out: c.stdout + c.stderr };
      } else if (program === 'kubectl') {
        if (!KUBECTL) continue;
        r = await promisify(execFile)('kubectl', args, { cwd: env.dir, env: { ...process.env, ...env_ }, encoding: 'utf8' }).then(
          (c) => ({ code: 0, out: c.stdout + c.stderr }),
          (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
        );
      } else throw new Error(`the tour has a command this test cannot run: ${t.command}`);
      expect(r.code, `${t.command}\n${r.out}`).toBe(t.exit);
      for (const q of t.quotes) expect(r.out.replace(/\s+/g, ' '), `${t.command}: "${q}"`).toContain(q);
    }
  }, 600_000);
});
