import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('cli', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: hcp-kv');
    expect(r.stdout).toContain('--kubeconfig');
  });

  it('prints its version', async () => {
    const r = await runCli(['version', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ hcpKv: expect.any(String) });
  });

  it('exits 2 on an unknown command, with a hint and no stack trace', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
