// File arguments: an input file that exists, is a regular file and can be read; an output file whose directory
// exists. Problems name the flag (or what the file is) and what to do.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bad, ok, type Parsed } from './problem.js';

const errnoCode = (e: unknown): string => (e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : e instanceof Error ? e.message : String(e));

/** The text of an input file: it exists and is a regular file (not a directory). */
export function readableFile(what: string, path: string, hint?: string): Parsed<string> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return bad(`${what} ${path} does not exist`, hint);
  }
  if (isDir) return bad(`${what} ${path} is a directory, not a file`, hint);
  try {
    return ok(readFileSync(path, 'utf8'));
  } catch (e) {
    return bad(`cannot read ${what} ${path}: ${errnoCode(e)}`, hint);
  }
}

/** An output file: its directory exists and it is not itself a directory. */
export function writableFilePath(flag: string, path: string): Parsed<string> {
  const dir = dirname(resolve(path));
  let dirIsDir: boolean;
  try {
    dirIsDir = statSync(dir).isDirectory();
  } catch {
    return bad(`${flag} ${path}: directory ${dir} does not exist`, `create it first, or pass another path to ${flag}`);
  }
  if (!dirIsDir) return bad(`${flag} ${path}: ${dir} is not a directory`, `pass another path to ${flag}`);
  try {
    if (statSync(path).isDirectory()) return bad(`${flag} ${path} is a directory; it must name a file`, `e.g. ${flag} ${join(path, 'out')}`);
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw e;
  }
  return ok(path);
}
