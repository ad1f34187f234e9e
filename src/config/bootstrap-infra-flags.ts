// bootstrap's flags for isolated control planes, storage per role and host devices (issue 12), declared in
// one place so that bootstrap and the demo offer the same ones.
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { repeatable as collect } from './values/flag-args.js';

export function addInfraBootstrapFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Command<A, O, G>) {
  return cmd
    .option('--infra-only', 'prepare an infrastructure cluster for external infrastructure: storage, OpenShift Virtualization, MetalLB; no multicluster engine')
    .option('--control-plane-nodes <selector>', 'label and taint these nodes (key=value,...) hypershift.openshift.io/control-plane=true: hosted control planes only')
    .option('--vm-nodes <selector>', "with --control-plane-nodes: the nodes for worker VMs (key=value,...), recorded as create-cluster's default VM node selector")
    .option('--etcd-storage-class <name>', "record this StorageClass as create-cluster's default for etcd (lvms: lvms-vg1)")
    .option('--permitted-host-device <spec>', 'permit a PCI host device in HyperConverged: pciVendorSelector=VVVV:DDDD,resourceName=R[,external=true] (repeatable)', collect);
}
