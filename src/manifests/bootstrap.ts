// Every object bootstrap applies, by step id: the same objects feed the steps, `render bootstrap` and tests.
import { chosenSettings, settingsObjects } from './placement.js';
import type { BootstrapOptions } from '../config/bootstrap.js';
import type { KubeObject } from '../kube/types.js';
import { hyperConverged } from './cnv.js';
import { wildcardRoutes } from './ingress.js';
import { hypershiftOverride, multiClusterEngine } from './mce.js';
import { ipAddressPool, l2Advertisement, metalLB } from './metallb.js';
import { hypershiftAddon, managedCluster } from './ocm.js';
import { OPERATORS, operatorInstall, type OperatorId } from './olm.js';
import { dataProtectionApplication } from './oadp.js';
import { localVolumeSet, lvmCluster, storageCluster } from './storage.js';

export const CHANNEL_KEYS: Record<OperatorId, keyof BootstrapOptions['channels']> = { 'local-storage': 'localStorage', odf: 'odf', lvms: 'lvms', cnv: 'cnv', metallb: 'metallb', mce: 'mce', oadp: 'oadp' };

export function operatorIds(o: Pick<BootstrapOptions, 'storage' | 'infraOnly' | 'oadp'>): OperatorId[] {
  const storage: OperatorId[] = o.storage === 'odf-local' ? ['local-storage', 'odf'] : o.storage === 'lvms' ? ['lvms'] : [];
  return [...storage, 'cnv', 'metallb', ...(o.infraOnly ? [] : ['mce' as const]), ...(o.oadp ? ['oadp' as const] : [])];
}

export function metallbObjects(o: Pick<BootstrapOptions, 'metallbAddresses' | 'poolName'>): KubeObject[] {
  return [metalLB(), ipAddressPool(o.poolName, o.metallbAddresses), l2Advertisement(o.poolName, [o.poolName])];
}

/**
 * What bootstrap would apply on a cluster it knows nothing about: channels as configured (else the catalog's
 * default, chosen at run time), and the MCE objects for the oldest supported behaviour (MCE 2.2: the
 * hypershift-preview override, local-cluster and addon applied as the seed does).
 */
export function bootstrapManifests(o: BootstrapOptions, mceVersion = '2.2.0'): Array<{ step: string; objects: KubeObject[] }> {
  const out: Array<{ step: string; objects: KubeObject[] }> = [];
  for (const id of operatorIds(o)) out.push({ step: `install-${id}`, objects: operatorInstall(OPERATORS[id], o.channels[CHANNEL_KEYS[id]], o.catalogSource) });
  if (o.storage === 'odf-local') out.push({ step: 'storage', objects: [localVolumeSet(), storageCluster()] });
  if (o.storage === 'lvms') out.push({ step: 'lvm-cluster', objects: [lvmCluster()] });
  out.push({ step: 'hyperconverged', objects: [hyperConverged(o)] });
  out.push({ step: 'metallb', objects: metallbObjects(o) });
  if (!o.infraOnly) {
    const override = hypershiftOverride('multiclusterengine', mceVersion);
    out.push({ step: 'multicluster-engine', objects: [multiClusterEngine(), ...(override ? [override] : [])] });
    out.push({ step: 'local-cluster', objects: [managedCluster()] });
    out.push({ step: 'hypershift-addon', objects: [hypershiftAddon()] });
  }
  // The credentials Secret is never rendered (it holds the key): only the DataProtectionApplication that names it.
  if (o.oadp) out.push({ step: 'data-protection', objects: [dataProtectionApplication(o.oadp)] });
  out.push({ step: 'wildcard-ingress', objects: [wildcardRoutes()] });
  const settings = chosenSettings(o);
  if (Object.keys(settings).length) out.push({ step: 'record-settings', objects: settingsObjects(settings) });
  return out;
}
