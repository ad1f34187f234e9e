import type { Command } from 'commander';
import { registerSim } from './sim.js';
import { registerVersion } from './version.js';

// One line per command; each command file lazily imports what it needs in its action.
export function registerCommands(program: Command): void {
  registerVersion(program);
  registerSim(program);
}
