// A kubeconfig that comes from a cluster (the hosted cluster's admin kubeconfig Secret, the infrastructure
// kubeconfig Secret) is data, never code. Anyone who can write Secrets in the cluster's namespace chooses its
// content, so only inline credentials are taken from it: client-certificate-data + client-key-data or a token,
// and the server's CA inline (certificate-authority-data) or insecure-skip-tls-verify. `exec` and
// `auth-provider` (which run commands or contact other services on this machine's behalf), `tokenFile` and any
// file reference (which read files here), and every field not listed below are refused before anything is
// loaded. The client is built from the checked values alone, in memory: no temp file, and client-node never
// sees the original document.
//
// insecure-skip-tls-verify is accepted: it is data, and what it risks is only the credentials the same
// Secret carries (hcp-kv infra-credentials writes it when the management kubeconfig has it).
import { load } from 'js-yaml';
import { HcpError, unreachableError } from '../errors.js';
import type { HttpLimits } from './http.js';
import type { KubeClient } from './client.js';

/** Where the text came from, for messages: e.g. "Secret clusters/kv-00-admin-kubeconfig (key kubeconfig)". */
export interface KubeconfigSource {
  text: string;
  source: string;
}

export interface SafeKubeconfig {
  context: string;
  namespace?: string;
  cluster: { name: string; server: string; caData?: string; skipTLSVerify: boolean; tlsServerName?: string };
  user: { name: string; certData?: string; keyData?: string; token?: string };
}

const CLUSTER_FIELDS = new Set(['server', 'certificate-authority-data', 'insecure-skip-tls-verify', 'tls-server-name', 'disable-compression', 'extensions']);
const USER_FIELDS = new Set(['client-certificate-data', 'client-key-data', 'token', 'extensions']);
const CONTEXT_FIELDS = new Set(['cluster', 'user', 'namespace', 'extensions']);
/** Refused with their own reason (the rest: "not supported in a kubeconfig read from a cluster"). */
const WHY: Record<string, string> = {
  exec: 'runs a command on this machine',
  'auth-provider': 'runs a command or contacts another service on this machine',
  tokenFile: 'reads a file on this machine',
  'client-certificate': 'reads a file on this machine',
  'client-key': 'reads a file on this machine',
  'certificate-authority': 'reads a file on this machine',
  'proxy-url': 'sends the traffic through a proxy the cluster chooses',
  username: 'is basic authentication',
  password: 'is basic authentication',
};

type Named = { name?: unknown; [k: string]: unknown };

function refuse(src: KubeconfigSource, what: string): never {
  throw new HcpError(`refused the kubeconfig in ${src.source}: ${what}`, {
    hint: 'a kubeconfig read from a cluster may only carry inline credentials (client-certificate-data and client-key-data, or token) and certificate-authority-data; nothing in it was run or read. Check who wrote that Secret',
    exitCode: 1,
  });
}

function entry(src: KubeconfigSource, list: unknown, kind: string, name: unknown): Record<string, unknown> {
  const items = Array.isArray(list) ? (list as Named[]) : [];
  const found = items.find((i) => i && i.name === name);
  const body = found?.[kind];
  if (!found || !body || typeof body !== 'object') refuse(src, `its current context names ${kind} "${String(name)}", which it does not define`);
  return body as Record<string, unknown>;
}

function checkFields(src: KubeconfigSource, kind: string, name: string, body: Record<string, unknown>, allowed: Set<string>): void {
  for (const [field, value] of Object.entries(body)) {
    if (allowed.has(field) || value === undefined || value === null || value === '') continue;
    refuse(src, `${kind} "${name}" has "${field}", which ${WHY[field] ?? 'is not supported in a kubeconfig read from a cluster'}`);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Checks a cluster-supplied kubeconfig and keeps only what is safe to use; throws HcpError naming the source. */
export function parseClusterKubeconfig(src: KubeconfigSource): SafeKubeconfig {
  let doc: Record<string, unknown>;
  try {
    doc = load(src.text) as Record<string, unknown>;
  } catch (e) {
    return refuse(src, `it is not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (!doc || typeof doc !== 'object') refuse(src, 'it is not a kubeconfig');
  // Every user and cluster is checked, not only the current ones: a hostile entry is worth reporting.
  for (const u of Array.isArray(doc.users) ? (doc.users as Named[]) : []) if (u?.user && typeof u.user === 'object') checkFields(src, 'user', String(u.name), u.user as Record<string, unknown>, USER_FIELDS);
  for (const c of Array.isArray(doc.clusters) ? (doc.clusters as Named[]) : []) if (c?.cluster && typeof c.cluster === 'object') checkFields(src, 'cluster', String(c.name), c.cluster as Record<string, unknown>, CLUSTER_FIELDS);
  const contextName = str(doc['current-context']);
  if (!contextName) refuse(src, 'it has no current-context');
  const ctx = entry(src, doc.contexts, 'context', contextName);
  checkFields(src, 'context', contextName, ctx, CONTEXT_FIELDS);
  const cluster = entry(src, doc.clusters, 'cluster', ctx.cluster);
  const user = entry(src, doc.users, 'user', ctx.user);
  const server = str(cluster.server)?.replace(/\/+$/, '');
  if (!server || !/^https:\/\//i.test(server)) refuse(src, `cluster "${String(ctx.cluster)}" has ${server ? `server ${server}, not an https:// address` : 'no server'}`);
  const caData = str(cluster['certificate-authority-data']);
  const skipTLSVerify = cluster['insecure-skip-tls-verify'] === true;
  if (!caData && !skipTLSVerify) refuse(src, `cluster "${String(ctx.cluster)}" has no certificate-authority-data`);
  const certData = str(user['client-certificate-data']);
  const keyData = str(user['client-key-data']);
  const token = str(user.token);
  if (Boolean(certData) !== Boolean(keyData)) refuse(src, `user "${String(ctx.user)}" has ${certData ? 'client-certificate-data without client-key-data' : 'client-key-data without client-certificate-data'}`);
  if (!certData && !token) refuse(src, `user "${String(ctx.user)}" has no credentials (client-certificate-data and client-key-data, or token)`);
  return {
    context: contextName,
    namespace: str(ctx.namespace),
    cluster: { name: String(ctx.cluster), server, caData, skipTLSVerify, tlsServerName: str(cluster['tls-server-name']) },
    user: { name: String(ctx.user), certData, keyData, token },
  };
}

/** A client for the cluster a cluster-supplied kubeconfig reaches, built in memory from its checked values;
 * bound to the command's limits (--request-timeout, deadline and Ctrl-C through limits.signal). */
export async function connectWithClusterKubeconfig(src: KubeconfigSource, o: { limits?: HttpLimits; verbose?: number } = {}): Promise<KubeClient> {
  const safe = parseClusterKubeconfig(src);
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  const { cluster, user } = safe;
  kc.loadFromOptions({
    clusters: [{ name: cluster.name, server: cluster.server, caData: cluster.caData, skipTLSVerify: cluster.skipTLSVerify, tlsServerName: cluster.tlsServerName }],
    users: [{ name: user.name, certData: user.certData, keyData: user.keyData, token: user.token }],
    contexts: [{ name: safe.context, cluster: cluster.name, user: user.name, namespace: safe.namespace }],
    currentContext: safe.context,
  });
  const { connect } = await import('./client.js');
  try {
    return await connect({ resolved: { kc, files: [], context: safe.context, server: cluster.server }, verbose: o.verbose, limits: o.limits });
  } catch (e) {
    throw unreachableError(`cannot use the kubeconfig in ${src.source}: ${(e as Error).message}`, 'check that Secret', e);
  }
}

/** Runs `fn` with such a client and closes it afterwards. */
export async function withClusterKubeconfig<T>(src: KubeconfigSource, o: { limits?: HttpLimits; verbose?: number }, fn: (kube: KubeClient) => Promise<T>): Promise<T> {
  const kube = await connectWithClusterKubeconfig(src, o);
  try {
    return await fn(kube);
  } finally {
    kube.close();
  }
}

/** The limits of an existing client (a command's management-cluster client), to pass on to a derived one. */
export function limitsOf(kube: unknown): HttpLimits | undefined {
  return (kube as Partial<KubeClient> | undefined)?.http?.limits;
}
