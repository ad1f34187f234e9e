import type { Command } from 'commander';
import { registerBootstrap } from './bootstrap.js';
import { registerClusterViews } from './clusters.js';
import { registerCreateCluster } from './create-cluster.js';
import { registerDemo } from './demo.js';
import { registerDensity } from './density.js';
import { registerDestroyCluster } from './destroy-cluster.js';
import { registerDoctor } from './doctor.js';
import { registerNodePool } from './nodepool.js';
import { registerUpgrade } from './upgrade.js';
import { registerRenderCluster } from './render-cluster.js';
import { registerRender } from './render.js';
import { registerSim } from './sim.js';
import { registerVersion } from './version.js';

// One line per command; each command file lazily imports what it needs in its action.
export function registerCommands(program: Command): void {
  registerVersion(program);
  registerBootstrap(program);
  registerDoctor(program);
  registerRenderCluster(registerRender(program));
  registerCreateCluster(program);
  registerClusterViews(program);
  registerDestroyCluster(program);
  registerNodePool(program);
  registerUpgrade(program);
  registerDemo(program);
  registerDensity(program);
  registerSim(program);
}
