// Counts `any` types and `as` casts (not `as const`) in src/ outside the embedded cluster (src/sim), from the
// TypeScript AST (comments and strings are not counted). Usage: node scripts/count-casts.mjs [--files]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const files = [];
(function walk(dir) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (p === join('src', 'sim')) continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(p);
  }
})('src');
let any = 0;
let as = 0;
let asUnknown = 0;
const per = [];
for (const f of files) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  let a = 0;
  let c = 0;
  (function visit(n) {
    if (n.kind === ts.SyntaxKind.AnyKeyword) a++;
    if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
      const t = n.type;
      const isConst = ts.isTypeReferenceNode(t) && t.typeName.getText(sf) === 'const';
      if (!isConst) {
        c++;
        if (t.kind === ts.SyntaxKind.UnknownKeyword) asUnknown++;
      }
    }
    ts.forEachChild(n, visit);
  })(sf);
  any += a;
  as += c;
  if (a || c) per.push([f, a, c]);
}
if (process.argv.includes('--files')) for (const [f, a, c] of per.sort((x, y) => y[1] + y[2] - x[1] - x[2])) console.log(`${a}\t${c}\t${f}`);
console.log(`files ${files.length}: any ${any}, as casts ${as} (of which as unknown ${asUnknown})`);
