// The real CRDs of crds/, inside the program: a single-file build (npm run build:single) has no crds/ folder
// beside it. Loaded only when that folder is not found (runtime.ts embeddedCrds), so the usual build reads the
// files. Generated from the folder's listing; test/repo/self-contained.test.ts keeps the two in step.
import c0 from '../../../crds/backups.velero.io.yaml?raw';
import c1 from '../../../crds/backupstoragelocations.velero.io.yaml?raw';
import c2 from '../../../crds/catalogsources.operators.coreos.com.yaml?raw';
import c3 from '../../../crds/clusterimagesets.hive.openshift.io.yaml?raw';
import c4 from '../../../crds/clusteroperators.config.openshift.io.yaml?raw';
import c5 from '../../../crds/clusterserviceversions.operators.coreos.com.yaml?raw';
import c6 from '../../../crds/clusterversions.config.openshift.io.yaml?raw';
import c7 from '../../../crds/dataprotectionapplications.oadp.openshift.io.yaml?raw';
import c8 from '../../../crds/hostedclusters.hypershift.openshift.io.yaml?raw';
import c9 from '../../../crds/hyperconvergeds.hco.kubevirt.io.yaml?raw';
import c10 from '../../../crds/infrastructures.config.openshift.io.yaml?raw';
import c11 from '../../../crds/ingresscontrollers.operator.openshift.io.yaml?raw';
import c12 from '../../../crds/ingresses.config.openshift.io.yaml?raw';
import c13 from '../../../crds/installplans.operators.coreos.com.yaml?raw';
import c14 from '../../../crds/ipaddresspools.metallb.io.yaml?raw';
import c15 from '../../../crds/l2advertisements.metallb.io.yaml?raw';
import c16 from '../../../crds/lvmclusters.lvm.topolvm.io.yaml?raw';
import c17 from '../../../crds/managedclusteraddons.addon.open-cluster-management.io.yaml?raw';
import c18 from '../../../crds/managedclusters.cluster.open-cluster-management.io.yaml?raw';
import c19 from '../../../crds/metallbs.metallb.io.yaml?raw';
import c20 from '../../../crds/multiclusterengines.multicluster.openshift.io.yaml?raw';
import c21 from '../../../crds/network-attachment-definitions.k8s.cni.cncf.io.yaml?raw';
import c22 from '../../../crds/networks.config.openshift.io.yaml?raw';
import c23 from '../../../crds/nodepools.hypershift.openshift.io.yaml?raw';
import c24 from '../../../crds/operatorgroups.operators.coreos.com.yaml?raw';
import c25 from '../../../crds/restores.velero.io.yaml?raw';
import c26 from '../../../crds/routes.route.openshift.io.yaml?raw';
import c27 from '../../../crds/schedules.velero.io.yaml?raw';
import c28 from '../../../crds/storageclusters.ocs.openshift.io.yaml?raw';
import c29 from '../../../crds/subscriptions.operators.coreos.com.yaml?raw';

export const EMBEDDED_CRDS: Record<string, string> = {
  'backups.velero.io': c0,
  'backupstoragelocations.velero.io': c1,
  'catalogsources.operators.coreos.com': c2,
  'clusterimagesets.hive.openshift.io': c3,
  'clusteroperators.config.openshift.io': c4,
  'clusterserviceversions.operators.coreos.com': c5,
  'clusterversions.config.openshift.io': c6,
  'dataprotectionapplications.oadp.openshift.io': c7,
  'hostedclusters.hypershift.openshift.io': c8,
  'hyperconvergeds.hco.kubevirt.io': c9,
  'infrastructures.config.openshift.io': c10,
  'ingresscontrollers.operator.openshift.io': c11,
  'ingresses.config.openshift.io': c12,
  'installplans.operators.coreos.com': c13,
  'ipaddresspools.metallb.io': c14,
  'l2advertisements.metallb.io': c15,
  'lvmclusters.lvm.topolvm.io': c16,
  'managedclusteraddons.addon.open-cluster-management.io': c17,
  'managedclusters.cluster.open-cluster-management.io': c18,
  'metallbs.metallb.io': c19,
  'multiclusterengines.multicluster.openshift.io': c20,
  'network-attachment-definitions.k8s.cni.cncf.io': c21,
  'networks.config.openshift.io': c22,
  'nodepools.hypershift.openshift.io': c23,
  'operatorgroups.operators.coreos.com': c24,
  'restores.velero.io': c25,
  'routes.route.openshift.io': c26,
  'schedules.velero.io': c27,
  'storageclusters.ocs.openshift.io': c28,
  'subscriptions.operators.coreos.com': c29,
};
