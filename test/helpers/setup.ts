// For every test file: a failing test prints the log of the embedded clusters it ran against (quiet otherwise).
import { beforeEach } from 'vitest';
import { runningSims } from './sim-logs.js';

beforeEach(({ onTestFailed }) => {
  const marks = new Map([...runningSims].map((s) => [s, s.logs.length]));
  onTestFailed(() => {
    for (const s of runningSims) {
      const lines = s.logs.slice(Math.max(0, (marks.get(s) ?? 0) - 20));
      if (lines.length) console.error(`--- ${s.name}: last ${lines.length} log lines ---\n${lines.join('\n')}`);
    }
  });
});
