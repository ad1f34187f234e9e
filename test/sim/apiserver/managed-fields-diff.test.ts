import { describe, expect, it } from 'vitest';
import { changedLeaves, leafValues } from '../../../src/sim/apiserver/managed-fields.js';
import { clone, deepEqual, type ListKeyFn, type Obj } from '../../../src/sim/apiserver/merge.js';

const listKey: ListKeyFn = (path) => (path[path.length - 1] === 'conditions' ? ['type'] : path[path.length - 1] === 'containers' ? ['name'] : undefined);

/** The comparison recordUpdate made before: every leaf of both objects. */
function naive(next: Obj, old: Obj | undefined): { after: Map<string, unknown>; changed: string[] } {
  const after = leafValues(next, listKey);
  const before = old ? leafValues(old, listKey) : undefined;
  return { after, changed: [...after.keys()].filter((k) => !before || !before.has(k) || !deepEqual(before.get(k), after.get(k))) };
}

const old: Obj = {
  spec: { replicas: 1, selector: { app: 'a' }, containers: [{ name: 'c', image: 'i:1', env: [{ name: 'X' }] }], empty: {}, list: [1, 2] },
  status: {
    conditions: [
      { type: 'Ready', status: 'False' },
      { type: 'Done', status: 'True' },
    ],
    phase: 'Pending',
    nul: null,
  },
};

describe('changedLeaves (the leaves a write changed, members shared with the old object not compared)', () => {
  const cases: Array<[string, (o: Obj) => Obj]> = [
    ['nothing changed, everything shared', (o) => ({ ...o })],
    ['nothing changed, all copied', (o) => clone(o)],
    ['status changed, spec shared', (o) => ({ ...o, status: { ...o.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, o.status.conditions[1]] } })],
    ['a keyed item removed and one added', (o) => ({ ...o, status: { ...o.status, conditions: [{ type: 'New', status: 'True' }] } })],
    ['a member removed, an empty map filled', (o) => ({ spec: { ...o.spec, empty: { x: 1 } } })],
    ['an atomic list changed in place of a shared one', (o) => ({ ...o, spec: { ...o.spec, list: [1, 3] } })],
    ['a map replaced by a scalar', (o) => ({ ...o, spec: 'x' })],
    ['a null member set', (o) => ({ ...o, status: { ...o.status, nul: 'v' } })],
  ];
  for (const [name, change] of cases) {
    it(name, () => {
      const next = change(old);
      const got = changedLeaves(next, old, listKey);
      const want = naive(next, old);
      expect([...got.after.entries()]).toEqual([...want.after.entries()]);
      expect(got.changed).toEqual(want.changed);
    });
  }

  it('on create, every leaf is changed', () => {
    const got = changedLeaves(old, undefined, listKey);
    expect(got.changed).toEqual(naive(old, undefined).changed);
    expect(got.changed.length).toBe(got.after.size);
  });
});
