// hcp-kv version: the version of hcp-kv and of Node.js.
import { writeJson } from '../output/json.js';
import { io } from '../run/io.js';
import { outputFormat } from './common.js';
import type { VersionFlags } from './version.js';

/** `version`: hcp-kv's own version as the program declares it (main.ts, from src/version.ts). The text line is
 * printed by version.ts itself (no module to load); it is here too, for a caller of `run`. */
export function run(f: VersionFlags, version: string): void {
  if (outputFormat(f.output, ['text', 'json']) === 'json') writeJson({ ok: true, hcpKv: version, node: process.version });
  else io().stdout.write(`hcp-kv ${version} (node ${process.version})\n`);
}
