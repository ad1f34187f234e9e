// A client-side request-rate limit (token bucket), so a density run does not overload the API server.
// Waiting requests go out by priority, then in arrival order: density gives each create its cluster's index, so
// a cluster started earlier sends its remaining objects before later clusters' first ones. With a FIFO queue,
// a thousand clusters' first creates all went before any NodePool, and nothing could become ready until the
// whole burst had gone out (issue 24).
interface Waiter {
  priority: number;
  go: () => void;
}

export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  private queue: Waiter[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly qps: number,
    private readonly burst = Math.max(1, Math.ceil(qps)),
  ) {
    this.tokens = this.burst;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  private drain = (): void => {
    this.timer = undefined;
    this.refill();
    while (this.queue.length && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()!.go();
    }
    if (this.queue.length) this.timer = setTimeout(this.drain, Math.ceil(((1 - this.tokens) / this.qps) * 1000));
  };

  /** Resolves when a request may go out; a lower `priority` goes first (default 0), equal ones in order. */
  take(priority = 0): Promise<void> {
    return new Promise((go) => {
      const w: Waiter = { priority, go };
      // Binary search for the first waiter that goes after this one: the queue stays sorted.
      let lo = 0;
      let hi = this.queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.queue[mid]!.priority <= priority) lo = mid + 1;
        else hi = mid;
      }
      this.queue.splice(lo, 0, w);
      if (!this.timer) this.drain();
    });
  }
}
