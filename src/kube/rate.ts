// A client-side request-rate limit (token bucket), so a density run does not overload the API server.
export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  private queue: Array<() => void> = [];
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
      this.queue.shift()!();
    }
    if (this.queue.length) this.timer = setTimeout(this.drain, Math.ceil(((1 - this.tokens) / this.qps) * 1000));
  };

  /** Resolves when a request may go out. */
  take(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      if (!this.timer) this.drain();
    });
  }
}
