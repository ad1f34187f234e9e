import type { Command } from 'commander';
import { VERSION } from '../version.js';
import { enumOption, outputFormat } from './common.js';
import { writeJson } from '../output/json.js';
import { io } from '../run/io.js';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the version of hcp-kv and of Node.js')
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'))
    .action((o: { output: string }) => {
      if (outputFormat(o.output, ['text', 'json']) === 'json') writeJson({ ok: true, hcpKv: VERSION, node: process.version });
      else io().stdout.write(`hcp-kv ${VERSION} (node ${process.version})\n`);
    });
}
