// Starts the simulated OpenShift operators against any Kubernetes API server reachable by a kubeconfig.
import { setMaxListeners } from 'node:events';
import { SimClient } from './client.js';
import { base } from './base.js';
import { nodeLifecycle } from './node-lifecycle.js';
import { tokens } from './tokens.js';
import { olm } from './olm.js';
import { marketplace } from './marketplace.js';
import { mirrorSite } from './mirror.js';
import { storage } from './storage.js';
import { cnv } from './cnv.js';
import { cdi } from './cdi.js';
import { metallb } from './metallb.js';
import { mce } from './mce.js';
import { ocm } from './ocm.js';
import { hypershift } from './hypershift.js';
import { oadp } from './oadp.js';
import { velero } from './velero.js';
import { releases } from './releases.js';
import { preinstall } from './preinstalled.js';
import { injectConfigMap, parseInject } from './inject.js';
import { crdFor, loadEmbeddedCrds, type Controller, type SimContext } from './runtime.js';
import { seededRandom } from '../apiserver/faults.js';
import { delayMs, type ProfileName } from '../profiles.js';

export interface ControllerOptions {
  kubeconfig: string; // YAML text
  profile?: ProfileName;
  timeScale?: number;
  seed?: number;
  ocpVersion?: string;
  mceVersion?: string;
  preinstalled?: boolean;
  /** Worker nodes (default 3), each 31.5 CPUs and 125 GiB allocatable: size it for what VMs will ask. */
  workers?: number;
  /** Real CRDs from this folder instead of the shipped crds/. */
  crdsDir?: string;
  /** Minimal stand-in CRDs instead of the real ones (faster start-up, looser validation). */
  minimalCrds?: boolean;
  /** A disconnected site: default catalog sources disabled, public registries unreachable (marketplace.ts). */
  disconnected?: boolean;
  /** Faults to inject (see inject.ts), e.g. "hang-finalizer=kv-00". */
  inject?: string;
  log?: (line: string) => void;
}

export interface RunningControllers {
  stop(): Promise<void>;
}

export async function startControllers(o: ControllerOptions): Promise<RunningControllers> {
  if (!o.minimalCrds && !o.crdsDir) await loadEmbeddedCrds();
  const client = SimClient.fromKubeconfig(o.kubeconfig);
  const controller = new AbortController();
  // Every watch and delay listens on this one signal.
  setMaxListeners(0, controller.signal);
  const stops: Array<() => Promise<void>> = [];
  const profile = o.profile ?? 'fast';
  const timeScale = o.timeScale ?? 1;
  const log = o.log ?? (() => {});
  const established = async (name: string) => {
    // Wait (watch-free: the server establishes within moments) until discovery serves the new kind.
    const crd = await client.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', name);
    const version = crd?.spec?.versions?.find((v: { served?: boolean }) => v.served !== false)?.name;
    const group = crd?.spec?.group;
    const kind = crd?.spec?.names?.kind;
    for (let i = 0; i < 200 && !controller.signal.aborted; i++) {
      client.forget(`${group}/${version}`, kind);
      if (await client.hasResource(`${group}/${version}`, kind)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const ctx: SimContext = {
    client,
    profile,
    timeScale,
    rng: seededRandom(o.seed ?? 1),
    signal: controller.signal,
    delay: (key) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delayMs(profile, key, timeScale));
        controller.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            resolve();
          },
          { once: true },
        );
      }),
    log: (c, m) => log(`[${c}] ${m}`),
    versions: { ocp: o.ocpVersion ?? '4.12.0', mce: o.mceVersion ?? '2.2.4' },
    preinstalled: o.preinstalled ?? false,
    disconnected: Boolean(o.disconnected),
    workers: o.workers ?? 3,
    crdsDir: o.crdsDir,
    minimalCrds: o.minimalCrds,
    async registerCrds(names) {
      for (const n of names) await client.ensure(crdFor(n, o.crdsDir, o.minimalCrds));
      for (const n of names) await established(n);
    },
    spawn(name, work) {
      void work().catch((e: unknown) => {
        if (!controller.signal.aborted) log(`[${name}] error: ${(e as Error).message}`);
      });
    },
    onStop(fn) {
      stops.push(fn);
    },
  };
  const controllers: Controller[] = [nodeLifecycle, base, marketplace(Boolean(o.disconnected)), mirrorSite, tokens, olm, storage, cnv, cdi, metallb, mce, ocm, releases, hypershift(), oadp, velero({ kubeconfig: o.kubeconfig })];
  for (const c of controllers) await c.start(ctx);
  if (o.inject) await client.apply(injectConfigMap(parseInject(o.inject)), 'hcp-kv-sim');
  if (ctx.preinstalled) await preinstall(client, ctx.versions, controller.signal);
  return {
    async stop() {
      controller.abort();
      for (const s of stops) await s().catch(() => undefined);
      client.close();
    },
  };
}
