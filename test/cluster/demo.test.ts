import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('hcp-kv demo', () => {
  it('bootstraps the embedded cluster, creates kv-00 and shows it Available', async () => {
    const r = await runCli(['demo'], { timeout: 120_000 });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/clusters\s+kv-00\s+\S+\s+kv-00-admin-kubeconfig\s+Completed\s+True\s+False/);
    expect(r.stdout).toMatch(/Available\s+True\s+AsExpected\s+The hosted control plane is available/);
    expect(r.stderr).not.toMatch(/Warning/);
  }, 120_000);
});
