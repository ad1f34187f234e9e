import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BootstrapStep } from '../../src/steps/bootstrap/context.js';
import type { UpgradeStep } from '../../src/steps/upgrade/context.js';

// The README promises one step per file with id = file name: --only/--skip, the summary and the tests all
// refer to steps by id, so the id tells where the step lives.
const STEPS = fileURLToPath(new URL('../../src/steps/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const isStep = (v: unknown): v is { id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { title?: unknown }).title === 'string' && typeof (v as { run?: unknown }).run === 'function';

describe('src/steps', () => {
  it('every exported Step has id = its file name, and a file exports at most one Step', async () => {
    const found: Array<[file: string, ids: string[]]> = [];
    for (const file of tsFiles(STEPS)) {
      const mod = (await import(file)) as Record<string, unknown>;
      const ids = Object.values(mod)
        .filter(isStep)
        .map((s) => s.id);
      if (ids.length) found.push([relative(STEPS, file), ids]);
    }
    expect(found.length).toBeGreaterThan(20);
    for (const [file, ids] of found) expect(ids, file).toEqual([basename(file, '.ts')]);
  });
});

// Each flow declares its step ids `as const` beside its context: Step's `id` and `needs` are typed to that union,
// so a misspelt id or need fails typecheck (`npx tsc --noEmit -p .`, which covers test/), and the lists below
// must name exactly the steps the flow runs, in its order.
describe('step ids are a literal type per flow', () => {
  it('each flow runs exactly the ids it declares, in that order', async () => {
    const bootstrap = await import('../../src/steps/bootstrap/index.js');
    const bootstrapCtx = await import('../../src/steps/bootstrap/context.js');
    const create = await import('../../src/steps/cluster/create-cluster.js');
    const destroy = await import('../../src/steps/cluster/destroy-cluster.js');
    const clusterCtx = await import('../../src/steps/cluster/context.js');
    const nodepool = await import('../../src/steps/nodepool/index.js');
    const nodepoolCtx = await import('../../src/steps/nodepool/context.js');
    const infra = await import('../../src/steps/infra-credentials/index.js');
    const infraCtx = await import('../../src/steps/infra-credentials/context.js');
    const upgrade = await import('../../src/steps/upgrade/index.js');
    const upgradeCtx = await import('../../src/steps/upgrade/context.js');
    const ids = (steps: Array<{ id: string }>) => steps.map((s) => s.id);
    expect(ids(bootstrap.BOOTSTRAP_STEPS)).toEqual([...bootstrapCtx.BOOTSTRAP_STEP_IDS]);
    expect(ids(create.CREATE_CLUSTER_STEPS)).toEqual([...clusterCtx.CREATE_STEP_IDS]);
    expect(ids(destroy.DESTROY_STEPS)).toEqual([...clusterCtx.DESTROY_STEP_IDS]);
    expect(ids(infra.INFRA_CREDENTIALS_STEPS)).toEqual([...infraCtx.INFRA_CREDENTIALS_STEP_IDS]);
    expect(ids(upgrade.UPGRADE_STEPS)).toEqual([...upgradeCtx.UPGRADE_STEP_IDS]);
    const pools = new Set([...nodepool.CREATE_NODEPOOL_STEPS, ...nodepool.SCALE_NODEPOOL_STEPS, ...nodepool.DELETE_NODEPOOL_STEPS].map((s) => s.id));
    expect([...pools].sort()).toEqual([...nodepoolCtx.NODEPOOL_STEP_IDS].sort());
  });

  it('a misspelt id or need does not typecheck', () => {
    const step = (s: BootstrapStep) => s;
    const run = async () => undefined;
    // @ts-expect-error 'install-cvn' is not a bootstrap step id
    step({ id: 'hyperconverged', title: 'x', needs: ['install-cvn'], run });
    // @ts-expect-error 'hyperconvereged' is not a bootstrap step id
    step({ id: 'hyperconvereged', title: 'x', run });
    // @ts-expect-error 'apply-cluster' is a create-cluster step, not an upgrade step
    const up: UpgradeStep = { id: 'check-upgrade', title: 'x', needs: ['apply-cluster'], run };
    expect(step({ id: 'hyperconverged', title: 'x', needs: ['install-cnv'], run }).needs).toEqual(['install-cnv']);
    expect(up.id).toBe('check-upgrade');
  });
});
