import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { VERSION } from '../version.js';
import { outputFormat } from './common.js';
import { defer, enumOption } from './flags.js';
import { writeJson } from '../output/json.js';
import { io } from '../run/io.js';

export function registerVersion(program: CommandUnknownOpts): void {
  defer(program.command('version').description('print the version of hcp-kv and of Node.js'), (cmd) =>
    cmd.addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text')).action((o) => {
      if (outputFormat(o.output, ['text', 'json']) === 'json') writeJson({ ok: true, hcpKv: VERSION, node: process.version });
      else io().stdout.write(`hcp-kv ${VERSION} (node ${process.version})\n`);
    }),
  );
}
