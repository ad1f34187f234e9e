import type { Command } from 'commander';
import type { ClusterFlags } from '../config/cluster.js';
import { usageError } from '../errors.js';
import type { Kube } from '../kube/types.js';
import type { ProgressMode } from '../run/progress.js';
import type { RunSummary } from '../run/runner.js';
import type { CreateOptions } from '../steps/cluster/context.js';
import { connectKube, globals, outputFormat } from './common.js';

interface Flags extends ClusterFlags {
  wait: boolean;
  kubeconfigOut?: string;
  force?: boolean;
  render?: boolean;
  renderSensitive?: boolean;
  skipVersionCheck?: boolean;
  engine: string;
  output?: string;
  junit?: string;
}

export function clusterFlags(cmd: Command): Command {
  return cmd
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--replicas <n>', 'worker VMs in the node pool (default 2)')
    .option('--node-pool-replicas <n>', 'same as --replicas (hypershift CLI name)')
    .option('--memory <quantity>', 'memory per worker VM', '8Gi')
    .option('--cores <n>', 'cores per worker VM', '2')
    .option('--release <x.y.z>', 'OpenShift release (default: the newest the HyperShift operator supports)')
    .option('--release-image <image>', 'release image instead of --release')
    .option('--pull-secret <file>', 'pull secret file (env PULL_SECRET: a path or the JSON)')
    .option('--ssh-key <file>', 'SSH public key for the workers')
    .option('--root-volume-size <Gi>', 'root volume size in Gi (min 16)', '32')
    .option('--root-volume-storage-class <sc>', 'StorageClass of the VM root volumes')
    .option('--root-volume-access-modes <modes>', 'e.g. ReadWriteMany')
    .option('--root-volume-volume-mode <mode>', 'Block or Filesystem')
    .option('--etcd-storage-class <sc>', 'StorageClass for etcd')
    .option('--infra-storage-class-mapping <pairs>', 'INFRA/GUEST storage class pairs, comma-separated')
    .option('--base-domain <domain>', "DNS base domain (default: the management cluster's apps domain)")
    .option('--control-plane-availability-policy <policy>', 'SingleReplica or HighlyAvailable', 'SingleReplica')
    .option('--vm-node-selector <k=v,...>', 'schedule the VMs on these infra nodes');
}

export interface CreateRun {
  summary: RunSummary;
  opts: CreateOptions;
}

/** The whole command's deadline: every wait gets --timeout, and the run as a whole a minute more. */
export const createDeadlineMs = (opts: { timeoutMs: number }) => opts.timeoutMs + 60_000;

export async function runCreateCluster(kube: Kube, opts: CreateOptions, o: { progress: ProgressMode; signal?: AbortSignal; deadlineStarted?: boolean }): Promise<CreateRun> {
  const { CREATE_CLUSTER_STEPS } = await import('../steps/cluster/create-cluster.js');
  const { runSteps } = await import('../run/runner.js');
  const summary = await runSteps(CREATE_CLUSTER_STEPS, { opts, kube, dryRun: false }, { progress: o.progress, timeoutMs: o.deadlineStarted ? undefined : createDeadlineMs(opts), signal: o.signal, title: `create-cluster ${opts.name}` });
  return { summary, opts };
}

export function registerCreateCluster(program: Command): void {
  clusterFlags(program.command('create-cluster [name]').description('create a KubeVirt hosted cluster and wait until it is ready (NAME also from KUBEVIRT_CLUSTER_NAME)'))
    .option('--wait', 'wait until the cluster is ready (the default)')
    .option('--no-wait', 'return once the objects are applied')
    .option('--timeout <duration>', 'how long to wait for the cluster', '30m')
    .option('--kubeconfig-out <file>', 'where to write the admin kubeconfig (default <NAME>-kubeconfig)')
    .option('--force', 'overwrite an existing kubeconfig file')
    .option('--skip-version-check', 'do not refuse releases the HyperShift operator does not list as supported')
    .option('--render', 'print the manifests as YAML instead of applying them (secrets omitted)')
    .option('--render-sensitive', 'with --render: include the secret data')
    .option('--engine <engine>', 'native (hcp-kv applies the objects) or hypershift (run the hypershift binary)', 'native')
    .option('-o, --output <format>', 'text or json (summary on stdout)', 'text')
    .option('--junit <file>', 'write a JUnit report with one test case per step')
    .action(async (name: string | undefined, f: Flags, cmd: Command) => {
      const g = globals(cmd);
      const output = outputFormat(f.output, ['text', 'json']) as 'text' | 'json';
      if (f.engine !== 'native' && f.engine !== 'hypershift') throw usageError(`--engine must be native or hypershift, got "${f.engine}"`);
      if (f.renderSensitive && !f.render) throw usageError('--render-sensitive needs --render');
      if (f.render) {
        const { renderCluster } = await import('./render-cluster-impl.js');
        process.stdout.write(renderCluster(name, f, Boolean(f.renderSensitive)));
        return;
      }
      const { resolveClusterInput } = await import('../config/cluster.js');
      const input = resolveClusterInput(name, f, process.env, { requirePullSecret: true });
      const wait = f.wait !== false;
      const { validateOutputFile } = await import('../config/cluster.js');
      if (f.junit) validateOutputFile('--junit', f.junit);
      // The kubeconfig is written only when waiting; then its path must be writable and must not be the
      // management cluster's own kubeconfig (overwriting that would lock the user out).
      if (wait) {
        const out = f.kubeconfigOut ?? `${input.name}-kubeconfig`;
        validateOutputFile('--kubeconfig-out', out);
        const { kubeconfigFiles } = await import('../kube/config.js');
        const { resolve } = await import('node:path');
        const { realpathSync } = await import('node:fs');
        const real = (p: string) => {
          try {
            return realpathSync(p);
          } catch {
            return resolve(p);
          }
        };
        const management = (() => {
          try {
            return kubeconfigFiles(g.kubeconfig).map(real);
          } catch {
            return [];
          }
        })();
        if (management.includes(real(out))) throw usageError(`--kubeconfig-out ${out} is the management cluster's kubeconfig`, 'write the hosted cluster\'s kubeconfig to another file, e.g. --kubeconfig-out ' + `${input.name}-kubeconfig`);
      }
      const opts: CreateOptions = { ...input, wait, skipVersionCheck: Boolean(f.skipVersionCheck), kubeconfigOut: f.kubeconfigOut ?? `${input.name}-kubeconfig`, force: Boolean(f.force), engine: f.engine as 'native' | 'hypershift', writeKubeconfig: true };
      const { interruptSignal } = await import('../run/interrupt.js');
      const { startDeadline } = await import('../run/deadline.js');
      const deadline = startDeadline(`create-cluster ${opts.name}`, createDeadlineMs(opts), interruptSignal);
      const kube = await connectKube(g, deadline.signal);
      try {
        const { printSummary, writeJUnit } = await import('../output/summary.js');
        const { summary } = await runCreateCluster(kube, opts, { progress: g.progress, signal: deadline.signal, deadlineStarted: true });
        printSummary(summary, { output, extra: { command: 'create-cluster', cluster: { name: opts.name, namespace: opts.namespace, release: opts.release ?? opts.releaseImage, replicas: opts.replicas }, ...(opts.wait ? { kubeconfig: opts.kubeconfigOut } : {}) } });
        if (f.junit) await writeJUnit(f.junit, 'create-cluster', summary);
        if (summary.error) throw summary.error;
        if (output === 'text') {
          process.stderr.write(opts.wait
            ? `\nHosted cluster ${opts.name} is ready. Next:\n  oc --kubeconfig ${opts.kubeconfigOut} get nodes\n  hcp-kv status ${opts.name}\n`
            : `\nObjects applied. Follow it with: hcp-kv status ${opts.name}\n`);
        }
      } finally {
        deadline.dispose();
        kube.close();
      }
    });
}

