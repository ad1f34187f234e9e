import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Command } from 'commander';
import { registerBackup } from './backup.js';
import { registerBootstrap } from './bootstrap.js';
import { registerCapacity } from './capacity.js';
import { registerClusterViews } from './clusters.js';
import { registerCompletion } from './completion.js';
import { registerCreateCluster } from './create-cluster.js';
import { registerDemo } from './demo.js';
import { registerDensity } from './density.js';
import { registerDestroyCluster } from './destroy-cluster.js';
import { registerDiagnose } from './diagnose.js';
import { registerDoctor } from './doctor.js';
import { registerDump } from './dump.js';
import { registerInfraCredentials } from './infra-credentials.js';
import { registerNodePool } from './nodepool.js';
import { registerUpgrade } from './upgrade.js';
import { registerRenderCluster } from './render-cluster.js';
import { registerRestore } from './restore.js';
import { registerRender } from './render.js';
import { registerSim } from './sim.js';
import { registerUpstreamTree } from './upstream.js';
import { registerVersion } from './version.js';

// One line per command. The convention for every command: `x.ts` declares the command and, through `defer`
// (flags.ts), its flags (typed at their declaration; the -impl module imports their type only) and its action,
// which does `const { run } = await import('./x-impl.js')`, so --help never loads the implementation (and never
// @kubernetes/client-node).
export function registerCommands(root: CommandUnknownOpts | Command): void {
  // A program typed with commander's own types is the same class: extra-typings adds types only.
  const program = root as CommandUnknownOpts;
  registerVersion(program);
  registerBootstrap(program);
  registerDoctor(program);
  registerCapacity(program);
  registerRenderCluster(registerRender(program));
  registerCreateCluster(program);
  registerClusterViews(program);
  registerDestroyCluster(program);
  registerNodePool(program);
  registerUpgrade(program);
  registerBackup(program);
  registerRestore(program);
  registerDiagnose(program);
  registerDump(program);
  registerInfraCredentials(program);
  registerUpstreamTree(program);
  registerDemo(program);
  registerDensity(program);
  registerSim(program);
  registerCompletion(program);
}
