// Not a step: preflight's checks for --with-oadp, before anything is written. The credentials Secret the location
// will use must exist or come from --oadp-credentials (the operator refuses a location whose Secret is missing:
// openshift/oadp-operator internal/controller/bsl.go ensureSecretDataExists@b3e7f02d6fdc), and a Secret already
// there is never overwritten with other content. OADP reconciles one DataProtectionApplication per namespace
// (internal/controller/validator.go): one of another name is used when it is ready for hosted-cluster backups,
// and refused — never changed — when it is not.
import { usageError } from '../errors.js';
import type { KubeObject } from '../kube/types.js';
import { readBackupReadiness } from '../backup/readiness.js';
import { CREDENTIALS_KEY, CREDENTIALS_SECRET, DPA_NAME, OADP_API, OADP_NAMESPACE } from '../manifests/oadp.js';
import type { BootstrapContext } from '../steps/bootstrap/context.js';

type Secret = KubeObject & { data?: Record<string, string> };

export async function checkOadp(ctx: BootstrapContext): Promise<string> {
  const o = ctx.opts.oadp;
  if (!o) return '';
  const name = CREDENTIALS_SECRET[o.provider];
  const secret = await ctx.kube.get<Secret>({ apiVersion: 'v1', kind: 'Secret', name, namespace: OADP_NAMESPACE }, { signal: ctx.signal });
  const create = `oc create secret generic ${name} -n ${OADP_NAMESPACE} --from-file ${CREDENTIALS_KEY}=FILE`;
  if (o.credentials === undefined && !secret?.data?.[CREDENTIALS_KEY]) {
    throw usageError(
      `--with-oadp: no storage credentials: Secret ${OADP_NAMESPACE}/${name} ${secret ? `has no key "${CREDENTIALS_KEY}"` : 'does not exist'} and --oadp-credentials was not given`,
      `pass --oadp-credentials FILE (hcp-kv stores it as that Secret), or create it yourself: \`${create}\``,
    );
  }
  if (o.credentials !== undefined && secret && secret.data?.[CREDENTIALS_KEY] !== Buffer.from(o.credentials, 'utf8').toString('base64')) {
    throw usageError(
      `--with-oadp: Secret ${OADP_NAMESPACE}/${name} already holds other credentials than ${o.credentialsFile}; hcp-kv does not overwrite it`,
      `leave out --oadp-credentials to use the Secret as it is, or replace it yourself (\`oc delete secret ${name} -n ${OADP_NAMESPACE}\`, then run bootstrap again)`,
    );
  }
  if (!(await ctx.kube.hasKind(OADP_API, 'DataProtectionApplication'))) return 'OADP not installed yet';
  const other = (await ctx.kube.list(OADP_API, 'DataProtectionApplication', { namespace: OADP_NAMESPACE, signal: ctx.signal })).find((d) => d.metadata.name !== DPA_NAME);
  if (!other) return 'no other DataProtectionApplication';
  const r = await readBackupReadiness(ctx.kube, { signal: ctx.signal });
  if (r.dpa?.name === other.metadata.name && r.ready) return `DataProtectionApplication ${other.metadata.name} is ready for hosted-cluster backups: used as it is`;
  throw usageError(
    `--with-oadp: DataProtectionApplication ${OADP_NAMESPACE}/${other.metadata.name} already exists and OADP reconciles only one per namespace; it is not ready for hosted-cluster backups: ${r.problems.join('; ')}`,
    `hcp-kv does not change it: fix it (enable the plugins ${['openshift', 'kubevirt', 'csi', 'hypershift'].join(', ')} and an Available location), or delete it and run bootstrap --with-oadp again`,
  );
}
