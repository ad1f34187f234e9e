// Cold start: `hcp-kv --help` and `hcp-kv version` against `node -e 0`, interleaved; for each case the median of
// the per-pair ratios (each run divided by the `node -e 0` run just before it), which a shared, busy machine
// disturbs far less than a ratio of medians.
import { spawnSync } from 'node:child_process';

const runs = Number(process.env.RUNS ?? 21);
const cases = { node: ['-e', '0'], help: ['dist/cli.js', '--help'], version: ['dist/cli.js', 'version'] };
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const pairRatio = (name) => +median(times[name].map((ms, i) => ms / times.node[i])).toFixed(2);
const out = { runs, nodeMs: median(times.node), helpMs: median(times.help), versionMs: median(times.version) };
out.helpRatio = pairRatio('help');
out.versionRatio = pairRatio('version');
console.log(JSON.stringify(out));
