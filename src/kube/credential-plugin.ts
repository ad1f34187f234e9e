// A user's kubeconfig may name a credential plugin (`exec`, client.authentication.k8s.io): client-node runs it
// before a request is sent (node_modules/@kubernetes/client-node/dist/exec_auth.js: child_process.spawn, no
// timeout, the promise settles only when the child closes). A plugin that never answers would hang every command
// past --request-timeout and --timeout, and its failures would read as the API server's. Here its run is bounded
// by the request's signal (--request-timeout, the command's deadline, Ctrl-C), the child is killed when that
// fires, and every failure names the plugin.
import type { ChildProcess } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';
import { DeadlineError, ExitCode, HcpError, isHcpError } from '../errors.js';
import { formatMs } from '../run/format.js';
import { RequestTimeoutError, WatchStalledError } from './errors.js';

/** A credential plugin failed or did not answer in time (not retried; never blamed on the API server). */
export class CredentialPluginError extends HcpError {}

type ExecUser = { name: string; exec?: { command?: string }; authProvider?: { name?: string; config?: { exec?: { command?: string } } } };
type SpawnFn = (command: string, args?: readonly string[], opts?: object) => ChildProcess;
type Authenticator = { execFn?: SpawnFn };

const children = new WeakMap<KubeConfig, Set<ChildProcess>>();

/** "exec plugin \"gke-gcloud-auth-plugin\" of user u" for a user with a plugin; undefined without one. */
export function pluginName(kc: KubeConfig): string | undefined {
  const user = kc.getCurrentUser() as ExecUser | null;
  const exec = user?.exec ?? user?.authProvider?.config?.exec;
  if (exec) return `credential plugin "${exec.command ?? '(no command)'}" (user ${user!.name}, exec)`;
  if (user?.authProvider?.name) return `auth-provider "${user.authProvider.name}" (user ${user.name})`;
  return undefined;
}

/** Records the children client-node's exec authenticator spawns for `kc`, so they can be killed. */
function track(kc: KubeConfig): Set<ChildProcess> {
  let set = children.get(kc);
  if (set) return set;
  set = new Set();
  children.set(kc, set);
  const live = set;
  for (const a of (kc as unknown as { authenticators?: Authenticator[] }).authenticators ?? []) {
    const spawnFn = a.execFn;
    if (typeof spawnFn !== 'function') continue;
    a.execFn = (command, args, opts) => {
      const child = spawnFn(command, args, opts);
      live.add(child);
      child.on('close', () => live.delete(child));
      return child;
    };
  }
  return set;
}

/** Stops every plugin still running for `kc` (a request gave up on it, or the client is closed). */
export function killPlugins(kc: KubeConfig): void {
  for (const child of children.get(kc) ?? []) child.kill('SIGKILL');
}

function gaveUp(plugin: string, reason: unknown): Error {
  if (reason instanceof RequestTimeoutError) {
    return new CredentialPluginError(`the kubeconfig's ${plugin} gave no credentials within ${formatMs(reason.ms)} (--request-timeout); nothing was sent to the API server`, {
      exitCode: ExitCode.unreachable,
      hint: 'run the plugin by hand to see what it waits for (a login prompt, a network call), or raise --request-timeout',
    });
  }
  if (reason instanceof WatchStalledError) {
    return new CredentialPluginError(`the kubeconfig's ${plugin} gave no credentials within ${formatMs(reason.ms)} (the watch idle limit); nothing was sent to the API server`, {
      exitCode: ExitCode.unreachable,
      hint: 'run the plugin by hand to see what it waits for (a login prompt, a network call)',
    });
  }
  if (reason instanceof DeadlineError) {
    return new CredentialPluginError(`${reason.title} did not finish within ${formatMs(reason.ms)}: still waiting for the kubeconfig's ${plugin} to give credentials`, {
      hint: 'run the plugin by hand to see what it waits for, or raise --timeout',
      details: [`deadline: ${reason.message}`],
    });
  }
  return isHcpError(reason) ? reason : new CredentialPluginError(`stopped while the kubeconfig's ${plugin} was running`, { exitCode: ExitCode.interrupted });
}

/** Runs client-node's credential step (`apply`) bounded by `signal`; a plugin's failure or silence names it. */
export async function withPluginBound<T>(kc: KubeConfig, apply: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const plugin = pluginName(kc);
  if (!plugin) return apply();
  track(kc);
  if (signal?.aborted) throw gaveUp(plugin, signal.reason);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      killPlugins(kc);
      reject(gaveUp(plugin, signal!.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  const run = apply().catch((e: unknown) => {
    if (signal?.aborted) throw gaveUp(plugin, signal.reason);
    const text = (e as Error)?.message?.trim().split('\n')[0] || String(e);
    throw new CredentialPluginError(`the kubeconfig's ${plugin} failed: ${text}`, { exitCode: ExitCode.unreachable, hint: 'run the plugin by hand to see why (log in again?); nothing was sent to the API server', cause: e });
  });
  try {
    return await Promise.race([run, aborted]);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    aborted.catch(() => {});
    run.catch(() => {});
  }
}
