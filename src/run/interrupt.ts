// SIGINT (Ctrl-C) becomes an abort of this signal; commands pass it down to steps and waits.
import { setMaxListeners } from 'node:events';
import { InterruptedError } from '../errors.js';

const controller = new AbortController();
setMaxListeners(0, controller.signal);

export const interruptSignal: AbortSignal = controller.signal;

export function interrupt(): void {
  controller.abort(new InterruptedError());
}
