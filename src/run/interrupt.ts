// SIGINT (Ctrl-C) becomes an abort of this signal; commands pass it down to steps and waits.
const controller = new AbortController();

export const interruptSignal: AbortSignal = controller.signal;

export function interrupt(): void {
  controller.abort(new Error('interrupted'));
}
