// upgrade, in order: checks → control plane → node pools.
import { checkUpgrade } from './check-upgrade.js';
import { checkUpgradedNodes } from './check-upgraded-nodes.js';
import type { UpgradeStep } from './context.js';
import { upgradeControlPlane } from './upgrade-control-plane.js';
import { upgradeNodePools } from './upgrade-nodepools.js';
import { waitControlPlane } from './wait-control-plane.js';
import { waitNodePools } from './wait-nodepools.js';

export const UPGRADE_STEPS: UpgradeStep[] = [checkUpgrade, upgradeControlPlane, waitControlPlane, upgradeNodePools, waitNodePools, checkUpgradedNodes];
