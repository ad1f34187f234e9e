// Every file hcp-kv writes for the user (--render-into, --kubeconfig-out, create-kubeconfig --out, --junit,
// dump --archive, infra-credentials --out) goes through here:
// - atomic: a temporary file in the same directory, then link (new file) or rename (--force): never half-written;
// - files holding secrets are created with mode 0600 (open(2) with the mode, O_EXCL|O_NOFOLLOW), never chmod-ed
//   afterwards;
// - an existing file is replaced only with force (checked again at write time: link(2) fails on a file that
//   appeared meanwhile);
// - a symlink is never followed or replaced, and a directory never replaced;
// - never the management cluster's kubeconfig (--kubeconfig, every $KUBECONFIG entry, ~/.kube/config), not even
//   with force: writing there would point every later command at another cluster.
import { io } from '../run/io.js';
import { closeSync, constants, fsyncSync, linkSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { link, open, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

/**
 * Random hex for a temporary file's name, from the Web Crypto global: it loads node:crypto only when a file is
 * written, not when the program starts (perf: `hcp-kv --help` imports this module).
 */
const tmpSuffix = () => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(4))).toString('hex');

export interface OutputFileOptions {
  /** The flag that named the file, for messages (e.g. "--junit"). */
  flag: string;
  /** Replace an existing regular file. */
  force?: boolean;
  /** Mode 0600 (secrets); else 0644 less the umask. */
  private?: boolean;
  /** The flag that allows replacing (default --force), for the hint. */
  forceFlag?: string;
  /** The management kubeconfig as given with --kubeconfig (the environment's are always protected). */
  kubeconfig?: string;
  /** Replace an existing file without force when this says it is ours to replace (e.g. an earlier report). */
  replaceable?: (path: string) => boolean;
}

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    // Not there (yet): its directory's real path and its name.
    try {
      return join(realpathSync(dirname(resolve(p))), basename(p));
    } catch {
      return resolve(p);
    }
  }
};

/** The kubeconfig files a command reads the management cluster from, or would: never written over. */
export function managementKubeconfigs(flag?: string, env: NodeJS.ProcessEnv = io().env, home = homedir()): string[] {
  const files = [...(flag ? [flag] : []), ...(env.KUBECONFIG ?? '').split(delimiter).filter(Boolean)];
  if (!env.KUBECONFIG) files.push(join(home, '.kube', 'config'));
  return [...new Set(files.map(real))];
}

function lstatOrUndefined(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function isManagementKubeconfig(path: string, o: OutputFileOptions, st: Stats | undefined): boolean {
  const protectedFiles = managementKubeconfigs(o.kubeconfig);
  if (protectedFiles.includes(real(path))) return true;
  // The same file under another name (a hard link).
  return (
    Boolean(st) &&
    protectedFiles.some((p) => {
      try {
        const s = statSync(p);
        return s.ino === st!.ino && s.dev === st!.dev;
      } catch {
        return false;
      }
    })
  );
}

/** Checks, before any work, that `path` may be written; throws a usage error (exit 2) saying why not. */
export function checkOutputFile(path: string, o: OutputFileOptions): void {
  const abs = resolve(path);
  const dir = dirname(abs);
  let d: Stats;
  try {
    d = statSync(dir);
  } catch {
    throw usageError(`${o.flag} ${path}: directory ${dir} does not exist`, `create it first, or pass another path to ${o.flag}`);
  }
  if (!d.isDirectory()) throw usageError(`${o.flag} ${path}: ${dir} is not a directory`, `pass another path to ${o.flag}`);
  const st = lstatOrUndefined(abs);
  if (isManagementKubeconfig(abs, o, st)) throw usageError(`${o.flag} ${path} is the management cluster's kubeconfig; hcp-kv never writes over it`, `pass another path to ${o.flag}`);
  if (!st) return;
  if (st.isSymbolicLink()) throw usageError(`${o.flag} ${path} is a symbolic link; hcp-kv does not write through links`, `pass the real path, or another path, to ${o.flag}`);
  if (st.isDirectory()) throw usageError(`${o.flag} ${path} is a directory; it must name a file`, `e.g. ${o.flag} ${join(path, 'out')}`);
  if (!st.isFile()) throw usageError(`${o.flag} ${path} exists and is not a regular file`, `pass another path to ${o.flag}`);
  if (!o.force && !o.replaceable?.(abs)) throw usageError(`${o.flag} ${path} already exists`, `${o.forceFlag === '' ? 'remove it' : `pass ${o.forceFlag ?? '--force'} to replace it`}, or pass another path to ${o.flag}`);
}

/** Writes `data` to `path` under the rules above (checkOutputFile again, then the atomic write). */
export async function writeOutputFile(path: string, data: string | Uint8Array, o: OutputFileOptions): Promise<void> {
  checkOutputFile(path, o);
  const abs = resolve(path);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${tmpSuffix()}.tmp`);
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, o.private ? 0o600 : 0o644);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    const replace = Boolean(lstatOrUndefined(abs)) && (o.force || Boolean(o.replaceable?.(abs)));
    if (replace)
      await rename(tmp, abs); // rename(2) replaces the name itself; it never follows a link
    else {
      await link(tmp, abs).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST')
          throw usageError(
            `${o.flag} ${path} already exists (it appeared while this command ran); it was not replaced`,
            `${o.forceFlag === '' ? 'remove it' : `pass ${o.forceFlag ?? '--force'} to replace it`}, or pass another path to ${o.flag}`,
          );
        throw e;
      });
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The same, synchronously: for the last moments of a process (a failure report written on the way out). */
export function writeOutputFileSync(path: string, data: string, o: OutputFileOptions): void {
  checkOutputFile(path, o);
  const abs = resolve(path);
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${tmpSuffix()}.tmp`);
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, o.private ? 0o600 : 0o644);
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (lstatOrUndefined(abs) && (o.force || o.replaceable?.(abs))) renameSync(tmp, abs);
    else linkSync(tmp, abs);
  } finally {
    rmSync(tmp, { force: true });
  }
}
