// The longest functions and files in src/ outside the embedded cluster (src/sim), from the TypeScript AST: a
// function's length is its lines from the first to the last (comments inside included); nested functions count
// on their own and within their parent. Usage: node scripts/function-lengths.mjs [N] [--all] (--all: src/sim too)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const all = process.argv.includes('--all');
const top = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10);
const files = [];
(function walk(dir) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (!all && p === join('src', 'sim')) continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.endsWith('generated.ts')) files.push(p);
  }
})('src');

const functions = [];
const fileLines = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  fileLines.push([text.split('\n').length - (text.endsWith('\n') ? 1 : 0), f]);
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  const line = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  (function visit(n) {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const name = n.name?.getText(sf) ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText(sf) : ts.isPropertyAssignment(n.parent) ? n.parent.name.getText(sf) : '(anonymous)');
      functions.push([line(n.getEnd()) - line(n.getStart(sf)) + 1, `${f}:${line(n.getStart(sf))}`, name]);
    }
    ts.forEachChild(n, visit);
  })(sf);
}
functions.sort((a, b) => b[0] - a[0]);
fileLines.sort((a, b) => b[0] - a[0]);
console.log(`longest functions (of ${functions.length}):`);
for (const [n, at, name] of functions.slice(0, top)) console.log(`${String(n).padStart(5)}  ${name}  ${at}`);
console.log(`longest files (of ${files.length}):`);
for (const [n, f] of fileLines.slice(0, top)) console.log(`${String(n).padStart(5)}  ${f}`);
