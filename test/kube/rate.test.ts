// The client-side rate limit (src/kube/rate.ts): at most `qps` requests a second after the burst, and waiting
// requests go out by priority, then in arrival order — density's creates carry their cluster's index, so a
// cluster started earlier sends its remaining objects before later clusters' first ones (issue 24).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/kube/rate.js';

afterEach(() => {
  vi.useRealTimers();
});

/** Starts `take`s in the order given and records the order in which they are let through. */
function order(limiter: RateLimiter, priorities: Array<number | undefined>): { through: string[]; all: Promise<void[]> } {
  const through: string[] = [];
  const all = Promise.all(priorities.map((p, i) => limiter.take(p).then(() => void through.push(`${i}:${p ?? 'default'}`))));
  return { through, all };
}

describe('RateLimiter', () => {
  it('lets the burst through at once and the rest at qps', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(10, 2);
    const { through, all } = order(limiter, [0, 0, 0, 0]);
    await vi.advanceTimersByTimeAsync(0);
    expect(through).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(through).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(through).toHaveLength(4);
  });

  it('sends waiting requests by priority, equal priorities in arrival order', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(1000, 1);
    // The first takes the one token; the others wait and are ordered while they wait.
    const { through, all } = order(limiter, [5, 3, 1, 3, undefined, 1, 2]);
    await vi.advanceTimersByTimeAsync(50);
    await all;
    expect(through).toEqual(['0:5', '4:default', '2:1', '5:1', '6:2', '1:3', '3:3']);
  });

  it('a FIFO queue of clusters would send every first create before any second one; by priority each cluster finishes first', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter(1000, 1);
    const sent: string[] = [];
    const cluster = async (index: number) => {
      for (const kind of ['Secret', 'HostedCluster', 'NodePool']) {
        await limiter.take(index);
        sent.push(`${index}/${kind}`);
      }
    };
    const all = Promise.all([0, 1, 2].map(cluster));
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(sent.indexOf('0/NodePool')).toBeLessThan(sent.indexOf('2/Secret'));
    expect(sent).toHaveLength(9);
  });
});
