// The bootstrap, in order. Independent chains (storage, virtualization, MetalLB, MCE → local-cluster → addon →
// operator, ingress) run at the same time: each step waits only for what it `needs`.
import type { BootstrapStep } from './context.js';
import { preflight } from './preflight.js';
import { mirrorResources } from './mirror-resources.js';
import { installLocalStorage } from './install-local-storage.js';
import { installOdf } from './install-odf.js';
import { installLvms } from './install-lvms.js';
import { lvmClusterStep } from './lvm-cluster.js';
import { installCnv } from './install-cnv.js';
import { installMetallb } from './install-metallb.js';
import { installMce } from './install-mce.js';
import { installOadp } from './install-oadp.js';
import { dataProtection } from './data-protection.js';
import { storage } from './storage.js';
import { defaultStorageClass } from './default-storage-class.js';
import { hyperconverged } from './hyperconverged.js';
import { metallb } from './metallb.js';
import { multiclusterEngine } from './multicluster-engine.js';
import { localCluster } from './local-cluster.js';
import { hypershiftAddon } from './hypershift-addon.js';
import { hypershiftOperator } from './hypershift-operator.js';
import { wildcardIngress } from './wildcard-ingress.js';
import { controlPlaneNodes } from './control-plane-nodes.js';
import { recordSettings } from './record-settings.js';

export const BOOTSTRAP_STEPS: BootstrapStep[] = [
  preflight,
  mirrorResources,
  installLocalStorage,
  installOdf,
  installLvms,
  installCnv,
  installMetallb,
  installMce,
  installOadp,
  storage,
  lvmClusterStep,
  defaultStorageClass,
  hyperconverged,
  metallb,
  multiclusterEngine,
  localCluster,
  hypershiftAddon,
  hypershiftOperator,
  dataProtection,
  wildcardIngress,
  controlPlaneNodes,
  recordSettings,
];
