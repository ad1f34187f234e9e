import type { CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { type Cmd, defer, enumOption, type FlagsOf, globals, type NoFlags } from './flags.js';
import { addInfraBootstrapFlags } from '../config/bootstrap-infra-flags.js';
import { addOadpBootstrapFlags } from '../config/bootstrap-oadp-flags.js';

/** The flags that shape the bootstrap (BootstrapFlags): shared by `bootstrap` and `render bootstrap`. */
export function bootstrapFlags<A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) {
  return addOadpBootstrapFlags(addInfraBootstrapFlags(cmd))
    .option('--config <file>', 'YAML config file (flags override environment override file)')
    .option('--metallb-addresses <ranges>', 'MetalLB pool: ranges or CIDRs, comma-separated (env HCP_KV_METALLB_ADDRESSES)')
    .addOption(enumOption('--storage <mode>', 'odf-local (install ODF on local disks), lvms (LVM Storage on local disks, the low-latency class for etcd) or existing (use a StorageClass you have)', ['odf-local', 'lvms', 'existing']))
    .option('--storage-class <name>', 'StorageClass to make the default (default ocs-storagecluster-ceph-rbd)')
    .option('--mce-channel <channel>', 'multicluster engine channel (default: the catalog default)')
    .option('--catalog-source <name>', 'CatalogSource in openshift-marketplace every Subscription uses (default redhat-operators; env HCP_KV_CATALOG_SOURCE)')
    .option('--oc-mirror-results <dir>', 'apply the cluster resources oc-mirror wrote (v2 working-dir/cluster-resources, v1 results-*) before the operators install')
    .option('--disable-default-sources', 'disable the default OperatorHub catalog sources (disconnected sites)');
}

const bootstrapCommandFlags = <A extends unknown[], O extends OptionValues, G extends OptionValues>(cmd: Cmd<A, O, G>) =>
  bootstrapFlags(cmd)
    .option('--replace-metallb-addresses', 'replace the MetalLB pool even when LoadBalancer Services hold addresses the new one leaves out')
    .option('--only <ids>', 'run only these step ids (comma-separated; preflight always runs)')
    .option('--skip <ids>', 'skip these step ids (comma-separated)')
    .addOption(enumOption('--dry-run [mode]', 'client: print what would be applied, send nothing; server: let the server validate every object', ['client', 'server']))
    .option('--timeout <duration>', 'give up after this long (e.g. 45m)')
    .addOption(enumOption('-o, --output <format>', 'text or json (summary on stdout)', ['text', 'json'], 'text'))
    .option('--junit <file>', 'write a JUnit report with one test case per step');
export type BootstrapCommandFlags = FlagsOf<typeof bootstrapCommandFlags<[], NoFlags, NoFlags>>;

export function registerBootstrap(program: CommandUnknownOpts): void {
  const bootstrap = program.command('bootstrap').description('prepare the management cluster: ODF storage, OpenShift Virtualization, MetalLB, multicluster engine with HyperShift, local-cluster, addon, wildcard routes');
  defer(bootstrap, (cmd) =>
    bootstrapCommandFlags(cmd).action(async (f, c) => {
      const { run } = await import('./bootstrap-impl.js');
      await run(f, globals(c));
    }),
  );
}
