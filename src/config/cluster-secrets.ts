// The secrets and files create-cluster reads: the pull secret (a file or PULL_SECRET), the SSH public key, and
// the input and output file checks, each as one usage error naming the file.
import { usageError } from '../errors.js';
import { parseSshPublicKey } from './ssh-public-key.js';
import { must, readableFile, writableFilePath } from './values/index.js';

const SSH_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

/** A file argument: exists and is a regular file (not a directory), as one usage error line. */
export const readInputFile = (what: string, path: string, hint: string): string => must(readableFile(what, path, hint));

/** An output file argument: its directory exists and it is not itself a directory. */
export const validateOutputFile = (flag: string, path: string): void => void must(writableFilePath(flag, path));

export function readPullSecret(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const source = flag ?? env.PULL_SECRET;
  if (!source) return undefined;
  let text = source;
  let where = '(from PULL_SECRET)';
  if (!source.trim().startsWith('{')) {
    where = source;
    text = readInputFile('pull secret file', source, 'download it from console.redhat.com/openshift/install/pull-secret and pass --pull-secret FILE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw usageError(`pull secret ${where} is not valid JSON`, 'it must be the JSON document with an "auths" section');
  }
  const auths = parsed && typeof parsed === 'object' && 'auths' in parsed ? parsed.auths : undefined;
  if (!auths || typeof auths !== 'object') {
    throw usageError(`pull secret ${where} has no "auths" section`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  }
  if (!Object.keys(auths).length) throw usageError(`pull secret ${where} has an empty "auths" section: no registry could be pulled from`, 'use the pull secret from console.redhat.com/openshift/install/pull-secret');
  for (const [registry, entry] of Object.entries(auths)) {
    const auth: unknown = entry && typeof entry === 'object' && 'auth' in entry ? entry.auth : undefined;
    if (auth === undefined) continue;
    // "auth" is base64 of user:password; anything else fails only later, on a node, as an image pull error.
    if (typeof auth !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(auth) || auth.length % 4 !== 0 || !Buffer.from(auth, 'base64').toString('utf8').includes(':')) {
      throw usageError(`pull secret ${where}: the "auth" of ${registry} is not base64 of user:password`, 'download the pull secret again; do not edit the auth values by hand');
    }
  }
  return text.trim();
}

export function readSshKey(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const text = readInputFile('ssh key file', file, 'pass the PUBLIC key, e.g. --ssh-key ~/.ssh/id_rsa.pub').trim();
  if (/PRIVATE KEY/.test(text)) throw usageError(`ssh key file ${file} holds a private key`, 'pass the public key (the .pub file)');
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    if (!SSH_KEY.test(l.trim())) throw usageError(`ssh key file ${file} is not an OpenSSH public key`, 'expected a line like "ssh-ed25519 AAAA… user@host"');
    try {
      parseSshPublicKey(l);
    } catch (e) {
      throw usageError(`ssh key file ${file} line ${i + 1} is not a valid OpenSSH public key: ${e instanceof Error ? e.message : String(e)}`, 'pass the whole .pub file as ssh-keygen wrote it (ssh-keygen -l -f FILE checks it)');
    }
  });
  return text;
}
