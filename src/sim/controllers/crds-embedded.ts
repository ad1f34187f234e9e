// The real CRDs of crds/, inside the program: a single-file build (npm run build:single) has no crds/ folder
// beside it. Loaded only when that folder is not found (runtime.ts embeddedCrds), so the usual build reads the
// files. Generated from the folder's listing; test/repo/self-contained.test.ts keeps the two in step.
import c0 from '../../../crds/catalogsources.operators.coreos.com.yaml?raw';
import c1 from '../../../crds/clusterimagesets.hive.openshift.io.yaml?raw';
import c2 from '../../../crds/clusteroperators.config.openshift.io.yaml?raw';
import c3 from '../../../crds/clusterserviceversions.operators.coreos.com.yaml?raw';
import c4 from '../../../crds/clusterversions.config.openshift.io.yaml?raw';
import c5 from '../../../crds/hostedclusters.hypershift.openshift.io.yaml?raw';
import c6 from '../../../crds/hyperconvergeds.hco.kubevirt.io.yaml?raw';
import c7 from '../../../crds/infrastructures.config.openshift.io.yaml?raw';
import c8 from '../../../crds/ingresscontrollers.operator.openshift.io.yaml?raw';
import c9 from '../../../crds/ingresses.config.openshift.io.yaml?raw';
import c10 from '../../../crds/installplans.operators.coreos.com.yaml?raw';
import c11 from '../../../crds/ipaddresspools.metallb.io.yaml?raw';
import c12 from '../../../crds/l2advertisements.metallb.io.yaml?raw';
import c13 from '../../../crds/lvmclusters.lvm.topolvm.io.yaml?raw';
import c14 from '../../../crds/managedclusteraddons.addon.open-cluster-management.io.yaml?raw';
import c15 from '../../../crds/managedclusters.cluster.open-cluster-management.io.yaml?raw';
import c16 from '../../../crds/metallbs.metallb.io.yaml?raw';
import c17 from '../../../crds/multiclusterengines.multicluster.openshift.io.yaml?raw';
import c18 from '../../../crds/network-attachment-definitions.k8s.cni.cncf.io.yaml?raw';
import c19 from '../../../crds/networks.config.openshift.io.yaml?raw';
import c20 from '../../../crds/nodepools.hypershift.openshift.io.yaml?raw';
import c21 from '../../../crds/operatorgroups.operators.coreos.com.yaml?raw';
import c22 from '../../../crds/routes.route.openshift.io.yaml?raw';
import c23 from '../../../crds/storageclusters.ocs.openshift.io.yaml?raw';
import c24 from '../../../crds/subscriptions.operators.coreos.com.yaml?raw';

export const EMBEDDED_CRDS: Record<string, string> = {
  'catalogsources.operators.coreos.com': c0,
  'clusterimagesets.hive.openshift.io': c1,
  'clusteroperators.config.openshift.io': c2,
  'clusterserviceversions.operators.coreos.com': c3,
  'clusterversions.config.openshift.io': c4,
  'hostedclusters.hypershift.openshift.io': c5,
  'hyperconvergeds.hco.kubevirt.io': c6,
  'infrastructures.config.openshift.io': c7,
  'ingresscontrollers.operator.openshift.io': c8,
  'ingresses.config.openshift.io': c9,
  'installplans.operators.coreos.com': c10,
  'ipaddresspools.metallb.io': c11,
  'l2advertisements.metallb.io': c12,
  'lvmclusters.lvm.topolvm.io': c13,
  'managedclusteraddons.addon.open-cluster-management.io': c14,
  'managedclusters.cluster.open-cluster-management.io': c15,
  'metallbs.metallb.io': c16,
  'multiclusterengines.multicluster.openshift.io': c17,
  'network-attachment-definitions.k8s.cni.cncf.io': c18,
  'networks.config.openshift.io': c19,
  'nodepools.hypershift.openshift.io': c20,
  'operatorgroups.operators.coreos.com': c21,
  'routes.route.openshift.io': c22,
  'storageclusters.ocs.openshift.io': c23,
  'subscriptions.operators.coreos.com': c24,
};
