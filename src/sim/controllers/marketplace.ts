// The marketplace and the package server: the OperatorHub cluster config and its default source
// (redhat-operators), each CatalogSource's connection state, and the PackageManifests of every READY catalog.
// - OperatorHub cluster spec.disableAllDefaultSources: true removes the default CatalogSource (and so its
//   packages), as the marketplace operator does (operator-framework/operator-marketplace
//   pkg/controller/operatorhub, OpenShift docs "Disabling the default OperatorHub catalog sources").
// - A CatalogSource is READY when its index image can be pulled, TRANSIENT_FAILURE when not (catalog.ts: on
//   `sim --disconnected` the public registries are unreachable) — status.connectionState.lastObservedState as
//   OLM's catalog operator sets it from the gRPC connection state.
// - PackageManifests are labelled `catalog` and carry status.catalogSource like OLM's packageserver
//   (operator-lifecycle-manager pkg/package-server/provider/registry.go). The real server lists a package once
//   per catalog under the same name; this store keys objects by name, so a package a second catalog also serves
//   is stored as `<package>.<catalog>` (status.packageName holds the package).
import type { Obj } from './client.js';
import { catalog, reachable, servesRedHatIndex } from './catalog.js';
import { now, type Controller, type SimContext } from './runtime.js';

const OLM = 'operators.coreos.com/v1alpha1';
const PM = 'packages.operators.coreos.com/v1';
const NS = 'openshift-marketplace';
const DEFAULT_SOURCE = { name: 'redhat-operators', displayName: 'Red Hat Operators', publisher: 'Red Hat', image: 'registry.redhat.io/redhat/redhat-operator-index:v4.12' };

async function publish(ctx: SimContext, cs: Obj): Promise<void> {
  const c = ctx.client;
  const name = cs.metadata.name as string;
  const packages = servesRedHatIndex(cs.spec?.image) ? catalog(ctx.versions.ocp, ctx.versions.mce) : [];
  const mine = (await c.list(PM, 'PackageManifest', { namespace: NS, labelSelector: `catalog=${name}` })).items;
  for (const p of packages) {
    // Once published, a package keeps its name (another catalog's copy going away does not rename it).
    let pm = mine.find((x) => x.metadata.name === p.name || x.metadata.name === `${p.name}.${name}`);
    if (pm?.status?.channels) continue;
    if (!pm) {
      const taken = await c.get(PM, 'PackageManifest', p.name, NS);
      const pmName = !taken ? p.name : `${p.name}.${name}`;
      pm = await c.ensure({ apiVersion: PM, kind: 'PackageManifest', metadata: { name: pmName, namespace: NS, labels: { catalog: name, 'catalog-namespace': NS } }, spec: {} });
    }
    const status = {
      catalogSource: name,
      catalogSourceNamespace: NS,
      catalogSourceDisplayName: cs.spec?.displayName ?? name,
      catalogSourcePublisher: cs.spec?.publisher ?? '',
      provider: { name: 'Red Hat' },
      packageName: p.name,
      defaultChannel: p.defaultChannel,
      channels: p.channels.map((ch) => ({ name: ch.name, currentCSV: ch.csv, currentCSVDesc: { displayName: p.displayName, version: ch.version } })),
    };
    if (pm) await c.patchStatus(pm as Obj, status);
  }
}

async function unpublish(ctx: SimContext, name: string): Promise<void> {
  const { items } = await ctx.client.list(PM, 'PackageManifest', { namespace: NS, labelSelector: `catalog=${name}` });
  for (const pm of items) await ctx.client.delete(PM, 'PackageManifest', pm.metadata.name, NS);
}

async function reconcileCatalog(ctx: SimContext, cs: Obj, disconnected: boolean): Promise<void> {
  const name = cs.metadata.name as string;
  const ready = reachable(cs.spec?.image, disconnected);
  const state = ready ? 'READY' : 'TRANSIENT_FAILURE';
  if (ready) await publish(ctx, cs);
  else await unpublish(ctx, name);
  if (cs.status?.connectionState?.lastObservedState !== state) {
    await ctx.client.patchStatus(cs, { connectionState: { lastObservedState: state, address: `${name}.${NS}.svc:50051`, lastConnect: now() }, registryService: { protocol: 'grpc', serviceName: name, serviceNamespace: NS, port: '50051' } });
    ctx.log('marketplace', `catalog ${name} ${state}`);
  }
}

type Serially = (key: string, work: () => Promise<void>) => Promise<void>;

async function reconcileDefaults(ctx: SimContext, serially: Serially): Promise<void> {
  const c = ctx.client;
  const hub = await c.get('config.openshift.io/v1', 'OperatorHub', 'cluster');
  const disabled = hub?.spec?.disableAllDefaultSources === true;
  if (disabled) {
    if (await c.delete(OLM, 'CatalogSource', DEFAULT_SOURCE.name, NS)) ctx.log('marketplace', `default source ${DEFAULT_SOURCE.name} removed (disableAllDefaultSources)`);
    await serially(DEFAULT_SOURCE.name, () => unpublish(ctx, DEFAULT_SOURCE.name));
  } else {
    await c.ensure({
      apiVersion: OLM,
      kind: 'CatalogSource',
      metadata: { name: DEFAULT_SOURCE.name, namespace: NS },
      spec: { sourceType: 'grpc', displayName: DEFAULT_SOURCE.displayName, publisher: DEFAULT_SOURCE.publisher, image: DEFAULT_SOURCE.image },
    });
  }
  if (hub) await c.patchStatus(hub, { sources: [{ name: DEFAULT_SOURCE.name, disabled, status: 'Success' }] });
}

export function marketplace(disconnected: boolean): Controller {
  return {
    name: 'marketplace',
    async start(ctx) {
      const c = ctx.client;
      // OperatorHub, the package server and what oc-mirror's results apply (mirror sets; ICSP up to 4.12): one batch,
      // so their CRDs are established together.
      const apis: Array<[string, string, string]> = [
        ['config.openshift.io/v1', 'OperatorHub', 'operatorhubs.config.openshift.io'],
        [PM, 'PackageManifest', 'packagemanifests.packages.operators.coreos.com'],
        ['config.openshift.io/v1', 'ImageDigestMirrorSet', 'imagedigestmirrorsets.config.openshift.io'],
        ['config.openshift.io/v1', 'ImageTagMirrorSet', 'imagetagmirrorsets.config.openshift.io'],
        ['operator.openshift.io/v1alpha1', 'ImageContentSourcePolicy', 'imagecontentsourcepolicies.operator.openshift.io'],
      ];
      const missing: string[] = [];
      for (const [apiVersion, kind, crd] of apis) if (!(await c.hasResource(apiVersion, kind))) missing.push(crd);
      if (missing.length) await ctx.registerCrds(missing);
      await c.ensure({ apiVersion: 'config.openshift.io/v1', kind: 'OperatorHub', metadata: { name: 'cluster' }, spec: disconnected ? { disableAllDefaultSources: true } : {} });
      // One reconcile at a time per catalog: publishing and removing its packages never interleave.
      const queue = new Map<string, Promise<void>>();
      const serially: Serially = (key, work) => {
        const next = (queue.get(key) ?? Promise.resolve()).then(work, work);
        queue.set(
          key,
          next.catch(() => undefined),
        );
        return next;
      };
      // The starting state is settled before the simulator reports itself started.
      await reconcileDefaults(ctx, serially);
      for (const cs of (await c.list(OLM, 'CatalogSource', { namespace: NS })).items) await reconcileCatalog(ctx, cs, disconnected);
      ctx.spawn('marketplace', () =>
        c.watch('config.openshift.io/v1', 'OperatorHub', { signal: ctx.signal }, (type) => {
          if (type !== 'DELETED') ctx.spawn('marketplace', () => reconcileDefaults(ctx, serially));
        }),
      );
      ctx.spawn('marketplace', () =>
        c.watch(OLM, 'CatalogSource', { namespace: NS, signal: ctx.signal }, (type, cs) => {
          const name = cs.metadata.name as string;
          ctx.spawn('marketplace', () =>
            serially(name, async () => {
              if (type === 'DELETED') return unpublish(ctx, name);
              // Act on the current object: queued events may be stale.
              const live = await c.get(OLM, 'CatalogSource', name, NS);
              if (live) await reconcileCatalog(ctx, live, disconnected);
            }),
          );
        }),
      );
    },
  };
}
