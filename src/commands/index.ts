import type { Command } from 'commander';
import { registerBootstrap } from './bootstrap.js';
import { registerDoctor } from './doctor.js';
import { registerRender } from './render.js';
import { registerSim } from './sim.js';
import { registerVersion } from './version.js';

// One line per command; each command file lazily imports what it needs in its action.
export function registerCommands(program: Command): void {
  registerVersion(program);
  registerBootstrap(program);
  registerDoctor(program);
  registerRender(program);
  registerSim(program);
}
