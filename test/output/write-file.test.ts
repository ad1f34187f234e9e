// The one writer for user-named files: atomic, 0600 from creation, no replacing without force, no symlinks,
// never the management kubeconfig.
import { linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkOutputFile, managementKubeconfigs, writeOutputFile } from '../../src/output/write-file.js';

const dir = mkdtempSync(join(tmpdir(), 'hcp-kv-wf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.KUBECONFIG;
  process.env.KUBECONFIG = join(dir, 'mgmt.kubeconfig');
  writeFileSync(process.env.KUBECONFIG, 'management');
});
afterEach(() => {
  if (saved === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = saved;
});

describe('writeOutputFile', () => {
  it('creates a private file with mode 0600 whatever the umask, and leaves no temporary file', async () => {
    const old = process.umask(0);
    try {
      const f = join(dir, 'secret.yaml');
      await writeOutputFile(f, 'token: x', { flag: '--out', private: true });
      expect(statSync(f).mode & 0o777).toBe(0o600);
      expect(readFileSync(f, 'utf8')).toBe('token: x');
      const pub = join(dir, 'report.xml');
      await writeOutputFile(pub, '<x/>', { flag: '--junit' });
      expect(statSync(pub).mode & 0o777).toBe(0o644);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      process.umask(old);
    }
  });

  it('refuses an existing file without force, replaces it with force (still 0600)', async () => {
    const f = join(dir, 'existing');
    writeFileSync(f, 'keep me', { mode: 0o644 });
    await expect(writeOutputFile(f, 'new', { flag: '--out', private: true })).rejects.toThrow(/--out .*existing already exists/);
    expect(readFileSync(f, 'utf8')).toBe('keep me');
    await writeOutputFile(f, 'new', { flag: '--out', private: true, force: true });
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('replaces a file its owner says is replaceable, and names no --force when the command has none', async () => {
    const f = join(dir, 'own.xml');
    writeFileSync(f, 'mine');
    await writeOutputFile(f, 'again', { flag: '--junit', replaceable: (p) => readFileSync(p, 'utf8') === 'mine' });
    expect(readFileSync(f, 'utf8')).toBe('again');
    expect(() => checkOutputFile(f, { flag: '--junit', forceFlag: '', replaceable: () => false })).toThrow(expect.objectContaining({ hint: expect.stringMatching(/^remove it, or pass another path to --junit/) }));
  });

  it('never writes through or over a symbolic link, even with force', async () => {
    const target = join(dir, 'target');
    writeFileSync(target, 'target');
    const link = join(dir, 'link');
    symlinkSync(target, link);
    for (const force of [false, true]) await expect(writeOutputFile(link, 'x', { flag: '--render-into', force, private: true })).rejects.toThrow(/--render-into .*link is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('target');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('never writes over the management kubeconfig: $KUBECONFIG, --kubeconfig, a hard link to it, even with force', async () => {
    const mgmt = process.env.KUBECONFIG!;
    await expect(writeOutputFile(mgmt, 'x', { flag: '--out', force: true, private: true })).rejects.toThrow(/is the management cluster's kubeconfig/);
    const flagged = join(dir, 'flag.kubeconfig');
    writeFileSync(flagged, 'flag');
    await expect(writeOutputFile(flagged, 'x', { flag: '--out', force: true, kubeconfig: flagged })).rejects.toThrow(/is the management cluster's kubeconfig/);
    const hard = join(dir, 'hard');
    linkSync(mgmt, hard);
    await expect(writeOutputFile(hard, 'x', { flag: '--out', force: true })).rejects.toThrow(/is the management cluster's kubeconfig/);
    await expect(writeOutputFile(join(dir, '.', 'mgmt.kubeconfig'), 'x', { flag: '--out', force: true })).rejects.toThrow(/management/);
    expect(readFileSync(mgmt, 'utf8')).toBe('management');
    expect(managementKubeconfigs(undefined, {}, join(dir, 'home'))).toEqual([join(dir, 'home', '.kube', 'config')]);
  });

  it('refuses a missing directory and a directory as the target', async () => {
    await expect(writeOutputFile(join(dir, 'nope', 'f'), 'x', { flag: '--out' })).rejects.toThrow(/directory .*nope does not exist/);
    await expect(writeOutputFile(dir, 'x', { flag: '--out', force: true })).rejects.toThrow(/is a directory; it must name a file/);
  });
});
