// Kubeconfig resolution: --kubeconfig, else $KUBECONFIG, else ~/.kube/config — and never client-node's silent
// fallback to http://localhost:8080 when none exists.
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { unreachableError, usageError } from '../errors.js';
import { io } from '../run/io.js';

export interface ResolvedConfig {
  kc: KubeConfig;
  files: string[];
  context: string;
  server: string;
}

export function kubeconfigFiles(flag: string | undefined, env: NodeJS.ProcessEnv = io().env, home = homedir()): string[] {
  if (flag) {
    if (!existsSync(flag)) throw unreachableError(`kubeconfig ${flag} does not exist`, 'pass the path of an existing kubeconfig with --kubeconfig');
    if (statSync(flag).isDirectory()) throw usageError(`kubeconfig ${flag} is a directory, not a file`, 'pass the kubeconfig file itself with --kubeconfig');
    return [flag];
  }
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(delimiter).filter((f) => f && existsSync(f));
    if (files.length) return files;
    throw unreachableError(`none of the files in KUBECONFIG exists (${env.KUBECONFIG})`, 'fix KUBECONFIG, or log in with `oc login` to create ~/.kube/config');
  }
  const def = join(home, '.kube', 'config');
  if (existsSync(def)) return [def];
  throw unreachableError('no kubeconfig found (no --kubeconfig, no KUBECONFIG, no ~/.kube/config)', 'log in with `oc login`, pass --kubeconfig FILE, or try the embedded cluster: `hcp-kv sim` writes sim.kubeconfig');
}

export function loadKubeconfig(o: { kubeconfig?: string; context?: string }, env: NodeJS.ProcessEnv = io().env): ResolvedConfig {
  const files = kubeconfigFiles(o.kubeconfig, env);
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(files[0]!);
    for (const f of files.slice(1)) {
      const extra = new KubeConfig();
      extra.loadFromFile(f);
      kc.mergeConfig(extra, true);
    }
  } catch (e) {
    throw usageError(`kubeconfig ${files.join(delimiter)} is not valid: ${(e as Error).message.split('\n')[0]}`, 'check the file, e.g. with `oc config view`', e);
  }
  if (o.context) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(o.context)) throw usageError(`context "${o.context}" is not in the kubeconfig`, names.length ? `available contexts: ${names.join(', ')}` : 'the kubeconfig has no contexts');
    kc.setCurrentContext(o.context);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster?.server)
    throw usageError(
      `kubeconfig ${files[0]} has no current context with a cluster server`,
      `pick one with --context${
        kc.getContexts().length
          ? ` (contexts: ${kc
              .getContexts()
              .map((c) => c.name)
              .join(', ')})`
          : ''
      }`,
    );
  const server = cluster.server.replace(/\/+$/, '');
  requireTls(server, context);
  requireCertificateFiles(kc, context);
  return { kc, files, context, server };
}

// Certificate and key files the kubeconfig points to are read at the first request; a missing one would surface
// there as an unexplained ENOENT. Check them now, with the file named.
function requireCertificateFiles(kc: KubeConfig, context: string): void {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const files: Array<[string, string | undefined]> = [
    ['certificate-authority', cluster?.caFile],
    ['client-certificate', user?.certFile],
    ['client-key', user?.keyFile],
  ];
  for (const [field, file] of files) {
    if (!file) continue;
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch {
      throw unreachableError(`the kubeconfig's ${field} file ${file} (context ${context}) does not exist`, `fix the path in the kubeconfig, or embed the data with ${field}-data`);
    }
    if (!isFile) throw unreachableError(`the kubeconfig's ${field} file ${file} (context ${context}) is not a file`, `fix the path in the kubeconfig, or embed the data with ${field}-data`);
  }
}

// Refused here, before any request: client-node would otherwise fail each call with "HTTP protocol is not
// allowed when skipTLSVerify is not set" (or, with insecure-skip-tls-verify, send the token in clear text).
function requireTls(server: string, context: string): void {
  if (!/^http:\/\//i.test(server)) return;
  throw unreachableError(
    `the kubeconfig's server ${server} (context ${context}) uses plain HTTP; hcp-kv only talks TLS`,
    'use the https:// address of the API server (e.g. https://api.CLUSTER.DOMAIN:6443), not a `kubectl proxy` or insecure port',
  );
}
