// For every test file (vitest setupFiles):
// - temporary folders: os.tmpdir() is a folder of this file's own (TMPDIR, which child processes inherit too),
//   removed after the file's last hook, so no test leaves `hcp-kv-*` folders (kubeconfigs, pull secrets) behind;
// - kubectl's discovery cache is in that folder too (KUBECACHEDIR, read by k8s.io/cli-runtime's
//   genericclioptions for --cache-dir's default): embedded clusters of other files reuse ports, and a cache
//   keyed by host:port would describe another cluster's API;
// - a failing test prints the log of the embedded clusters it ran against (quiet otherwise).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import { runningSims } from './sim-logs.js';

const root = mkdtempSync(join(tmpdir(), 'hcp-kv-test-'));
const previous = { TMPDIR: process.env.TMPDIR, KUBECACHEDIR: process.env.KUBECACHEDIR };
process.env.TMPDIR = root;
process.env.KUBECACHEDIR = join(root, 'kube-cache');

// Registered before the file's own hooks, so (vitest runs after-hooks as a stack) this runs after them.
afterAll(() => {
  for (const [name, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

beforeEach(({ onTestFailed }) => {
  const marks = new Map([...runningSims].map((s) => [s, s.logs.length]));
  onTestFailed(() => {
    for (const s of runningSims) {
      const lines = s.logs.slice(Math.max(0, (marks.get(s) ?? 0) - 20));
      if (lines.length) console.error(`--- ${s.name}: last ${lines.length} log lines ---\n${lines.join('\n')}`);
    }
  });
});
