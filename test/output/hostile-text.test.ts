// Text from the cluster is shown, never obeyed (issue 17.7): a HostedCluster and a NodePool whose condition
// messages carry ESC[2J (clear screen), a carriage return and a fake "all healthy", NUL and BEL. status, list and
// diagnose print no raw control character; the JUnit report stays well-formed XML 1.0; JSON stays valid.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl, xmlText } from '../../src/output/escape.js';
import { call } from '../helpers/https.js';
import { minimalCrd } from '../../src/sim/controllers/runtime.js';
import { condTrue, create, pathOf, waitUntil } from '../helpers/sim-api.js';
import { simEnv, type SimEnv } from '../helpers/sim-env.js';

const HS = 'hypershift.openshift.io/v1beta1';
const HOSTILE = 'boom\u001b[2J\u001b[H\rAll 12 checks healthy \u2714\u0000\u0007\u009b31m\u202eevil';
// Any C0 control but newline and tab, DEL, C1: none may reach a terminal.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

/** A strict well-formedness check for what junitXml writes: XML 1.0 characters, known entities, balanced tags. */
function assertWellFormedXml(doc: string): void {
  expect(doc).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  const body = doc.replace(/^<\?xml [^?]*\?>\n/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body))) {
    const [, close, name, attrs, self, text, stray] = m;
    if (stray) throw new Error(`stray "<" at ${m.index}`);
    for (const s of [attrs ?? '', text ?? '']) for (const amp of s.matchAll(/&[^;]*;?/g)) expect(amp[0]).toMatch(/^&(lt|gt|amp|apos|quot);$/);
    if (text !== undefined) continue;
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!self) stack.push(name!);
  }
  expect(stack).toEqual([]);
}

describe('hostile condition messages', () => {
  let env: SimEnv;
  beforeAll(async () => {
    env = await simEnv({ profile: 'instant', controllers: false });
    await create(env.sim.api, 'v1', 'namespaces', { kind: 'Namespace', metadata: { name: 'clusters' } });
    // No operators run: the two CRDs by hand, so nothing rewrites the statuses below.
    for (const crd of ['hostedclusters.hypershift.openshift.io', 'nodepools.hypershift.openshift.io']) {
      await create(env.sim.api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', minimalCrd(crd));
      await waitUntil(env.sim.api, 'apiextensions.k8s.io/v1', 'customresourcedefinitions', crd, undefined, condTrue('Established'));
    }
    await create(env.sim.api, HS, 'hostedclusters', {
      kind: 'HostedCluster',
      metadata: { name: 'evil', namespace: 'clusters' },
      spec: { release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' }, platform: { type: 'KubeVirt' } },
    });
    const now = new Date().toISOString();
    const cond = (type: string, status: string) => ({ type, status, reason: `Bad\u001b[31mReason`, message: HOSTILE, lastTransitionTime: now });
    const hc = await call(
      env.sim.api,
      'PATCH',
      pathOf(HS, 'hostedclusters', 'clusters', 'evil', 'status'),
      { status: { conditions: [cond('Available', 'False'), cond('Degraded', 'True')], version: { history: [{ state: 'Partial', version: '4.12.3' }] } } },
      { contentType: 'application/merge-patch+json' },
    );
    expect(hc.status, hc.text).toBe(200);
    await create(env.sim.api, HS, 'nodepools', {
      kind: 'NodePool',
      metadata: { name: 'evil', namespace: 'clusters' },
      spec: { clusterName: 'evil', replicas: 1, platform: { type: 'KubeVirt' }, release: { image: 'quay.io/openshift-release-dev/ocp-release:4.12.3-x86_64' } },
    });
    const np = await call(
      env.sim.api,
      'PATCH',
      pathOf(HS, 'nodepools', 'clusters', 'evil', 'status'),
      {
        status: {
          replicas: 0,
          conditions: [
            { type: 'AllMachinesReady', status: 'False', reason: 'X', message: HOSTILE, lastTransitionTime: now },
            { type: 'Ready', status: 'False', reason: 'X', message: HOSTILE, lastTransitionTime: now },
          ],
        },
      },
      { contentType: 'application/merge-patch+json' },
    );
    expect(np.status, np.text).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await env.stop();
  });

  it.each([
    ['status', ['status', 'evil']],
    ['list', ['list', '-A']],
    ['diagnose', ['diagnose', 'evil']],
  ])(
    '%s prints the message escaped, no raw control character',
    async (_n, args) => {
      const r = await env.cli(args);
      const all = r.stdout + r.stderr;
      expect(all).toContain('boom');
      expect(all).not.toMatch(RAW);
      expect(all).toMatch(/\\u001b\[2J/);
    },
    30_000,
  );

  it('status -o json keeps the message exactly, as valid JSON', async () => {
    const r = await env.cli(['status', 'evil', '-o', 'json']);
    expect(JSON.parse(r.stdout).conditions.find((c: any) => c.type === 'Degraded').message).toBe(HOSTILE);
  }, 30_000);

  it('a failed step quoting the message: no raw control character, and the JUnit file is well-formed XML', async () => {
    // No node runs anything here (no controllers): past the capacity check, to the wait that quotes the message.
    const r = await env.cli(['nodepool', 'scale', 'evil', '--replicas', '2', '--timeout', '2s', '--junit', 'j.xml', '--skip-capacity-check']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('boom');
    expect(r.stderr).not.toMatch(RAW);
    const xml = readFileSync(join(env.dir, 'j.xml'), 'utf8');
    expect(xml).toContain('boom');
    assertWellFormedXml(xml);
  }, 60_000);

  it('escapeControl and xmlText', () => {
    expect(escapeControl('a\u001b[2Jb\rc\nd\te')).toBe('a\\u001b[2Jb\\u000dc d e');
    expect(escapeControl('a\nb\tc\u0007', { lines: true })).toBe('a\nb\tc\\u0007');
    expect(escapeControl('héllo 日本 ✔')).toBe('héllo 日本 ✔');
    expect(xmlText('<a & "b">\u0000\u001b\ud800x\n')).toBe('&lt;a &amp; &quot;b&quot;&gt;\\u0000\\u001b\\ud800x\n');
    expect(xmlText('😀')).toBe('😀');
  });
});
