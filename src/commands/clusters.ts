import type { Command } from 'commander';
import { connectKube, globals, outputFormat } from './common.js';

// Registration only; the work lives in clusters-impl.ts, loaded when a command runs.
export function registerClusterViews(program: Command): void {
  program
    .command('list')
    .description('list hosted clusters (like `oc get hc -A`)')
    .option('-A, --all-namespaces', 'all namespaces')
    .option('--namespace <ns>', 'namespace', 'clusters')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (f: { allNamespaces?: boolean; namespace: string; output?: string }, cmd: Command) => {
      const output = outputFormat(f.output, ['table', 'json', 'yaml']);
      const kube = await connectKube(globals(cmd));
      try {
        const { listClusters, listTable } = await import('./clusters-impl.js');
        const { dump } = await import('js-yaml');
        const rows = await listClusters(kube, f.allNamespaces ? undefined : f.namespace);
        if (output === 'json') (await import('../output/json.js')).writeJson({ ok: true, items: rows });
        else process.stdout.write(output === 'yaml' ? dump(rows) : rows.length ? listTable(rows) : 'No hosted clusters found.\n');
      } finally {
        kube.close();
      }
    });

  program
    .command('status <name>')
    .description('conditions, node pools, control-plane pods, VMs, and the hosted cluster\'s nodes and ClusterOperators')
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('-o, --output <format>', 'text, json or yaml', 'text')
    .action(async (name: string, f: { namespace: string; output?: string }, cmd: Command) => {
      const output = outputFormat(f.output, ['text', 'json', 'yaml']);
      const kube = await connectKube(globals(cmd));
      try {
        const { clusterStatus, statusText } = await import('./clusters-impl.js');
        const { dump } = await import('js-yaml');
        const s = await clusterStatus(kube, { name, namespace: f.namespace });
        if (output === 'json') (await import('../output/json.js')).writeJson({ ok: true, ...s });
        else process.stdout.write(output === 'yaml' ? dump(s) : statusText(s));
      } finally {
        kube.close();
      }
    });

  program
    .command('create-kubeconfig <name>')
    .description("write the hosted cluster's admin kubeconfig (mode 0600)")
    .option('--namespace <ns>', 'namespace of the HostedCluster', 'clusters')
    .option('--out <file>', 'file to write (default <NAME>-kubeconfig; - for stdout)')
    .action(async (name: string, f: { namespace: string; out?: string }, cmd: Command) => {
      const kube = await connectKube(globals(cmd));
      try {
        const { adminKubeconfig, writePrivateFile } = await import('../steps/cluster/write-kubeconfig.js');
        const text = await adminKubeconfig(kube, { name, namespace: f.namespace });
        if (f.out === '-') process.stdout.write(text);
        else {
          const out = f.out ?? `${name}-kubeconfig`;
          await writePrivateFile(out, text);
          process.stderr.write(`wrote ${out} (mode 0600)\n`);
        }
      } finally {
        kube.close();
      }
    });
}
