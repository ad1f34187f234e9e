// The embedded management cluster as the CLI uses it: started in this process, its kubeconfig written to a
// private temporary folder, and a client connected to it. demo, density --embedded and the bench share this.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type KubeClient } from '../kube/client.js';
import { startSim, type Sim, type SimOptions } from '../sim/index.js';

export interface Embedded {
  sim: Sim;
  /** Folder of the kubeconfig; removed by stop(), so callers may put their own files in it. */
  dir: string;
  kubeconfig: string;
  kube: KubeClient;
  stop(): Promise<void>;
}

export async function startEmbedded(o: SimOptions & { verbose?: number } = {}): Promise<Embedded> {
  const { verbose, ...simOptions } = o;
  const dir = await mkdtemp(join(tmpdir(), 'hcp-kv-embedded-'));
  const sim = await startSim(simOptions);
  const kubeconfig = join(dir, 'sim.kubeconfig');
  await sim.api.writeKubeconfig(kubeconfig);
  const kube = await connect({ kubeconfig, verbose });
  return {
    sim,
    dir,
    kubeconfig,
    kube,
    async stop() {
      kube.close();
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
