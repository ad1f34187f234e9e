import type { Command } from 'commander';
import { VERSION } from '../version.js';
import { enumOption } from './common.js';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the version of hcp-kv and of Node.js')
    .addOption(enumOption('-o, --output <format>', 'text or json', ['text', 'json'], 'text'))
    .action((o: { output: string }) => {
      const info = { hcpKv: VERSION, node: process.version };
      process.stdout.write(o.output === 'json' ? `${JSON.stringify(info)}\n` : `hcp-kv ${VERSION} (node ${process.version})\n`);
    });
}
