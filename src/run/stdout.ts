// The process's stdout as the CLI (src/cli.ts) hands it to a run. When fd 1 is not a terminal (a pipe, a file,
// /dev/null), text goes straight to it with fs.writeSync: process.stdout would first load Node's stream modules
// (node:stream, and node:net for a pipe) to make the same write, a good part of `hcp-kv --help`'s start-up
// (issue 24). The commands use write, isTTY and columns only; anything else (an event, end()), like a write the
// descriptor refuses (EAGAIN: a non-blocking pipe that is full; EPIPE), hands over to process.stdout for good,
// which then behaves as it always did — and the bytes keep their order, the direct writes being done.
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { OutStream } from './io.js';

/** process.stdout, or when fd 1 is not a terminal, a writer straight to fd 1 (see above). */
export function processStdout(): OutStream {
  return notTerminal(1) ? directWriter(1, () => process.stdout) : process.stdout;
}

/** Told without node:tty (which loads node:net): anything but a character device, or /dev/null. */
function notTerminal(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const s = fstatSync(fd);
    return !s.isCharacterDevice() || s.rdev === statSync('/dev/null').rdev;
  } catch {
    return false; // closed or unknown: Node's own stream decides what to do
  }
}

type WriteCallback = (error?: Error | null) => void;

/** `fd` written with writeSync until anything else is asked of it; from then on, `stream()`. */
export function directWriter(fd: number, stream: () => OutStream): OutStream {
  let real: OutStream | undefined;
  const handOver = () => (real ??= stream());
  const write = (chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, cb?: WriteCallback): boolean => {
    if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (real) return typeof chunk === 'string' ? real.write(chunk, encoding ?? 'utf8', cb) : real.write(chunk, cb);
    let rest = typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;
    try {
      while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
    } catch {
      return handOver().write(rest, cb);
    }
    if (cb) process.nextTick(cb);
    return true;
  };
  const own: Record<PropertyKey, unknown> = { write, isTTY: false, columns: undefined };
  return new Proxy(own, {
    get(target, key) {
      if (Object.hasOwn(target, key)) return target[key];
      const r = handOver() as unknown as Record<PropertyKey, unknown>;
      const value = r[key];
      return typeof value === 'function' ? value.bind(r) : value;
    },
  }) as unknown as OutStream;
}
