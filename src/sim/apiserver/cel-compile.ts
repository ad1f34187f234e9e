// Compilation of x-kubernetes-validations rules, once per schema node (cached on the schema object itself, so a
// CRD's rules are compiled on first use and never per request). A rule that cannot be compiled here although
// kube-apiserver accepted the CRD is skipped with its reason and counted; it never rejects an object.
import { CelScalar, celEnv, parse, plan, type CelResult } from '@bufbuild/cel';
import { RE2JS } from '@bufbuild/re2';
import { K8S_FUNCS } from './cel-k8s-lib.js';
import { rewriteRule } from './cel-rewrite.js';

type Schema = Record<string, any>;

export interface CompiledRule {
  rule: string;
  message?: string;
  messageExpression?: (vars: Record<string, unknown>) => CelResult;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf: boolean;
  /** A transition rule: it reads oldSelf. */
  usesOldSelf: boolean;
  program: (vars: Record<string, unknown>) => CelResult;
}

export interface SkippedRule {
  path: string;
  rule: string;
  reason: string;
}

export interface CelStats {
  compiled: number;
  skipped: number;
  /** Rules that needed a source rewrite (optional chaining, format library) to compile. */
  rewritten: number;
  skippedRules: SkippedRule[];
}

const VARIABLES = { self: CelScalar.DYN, oldSelf: CelScalar.DYN, k8sHasOldSelf: CelScalar.BOOL };
/**
 * matches() with each pattern compiled once (perf: the standard library compiles the pattern, and rebuilds its
 * DFA, at every evaluation). The same engine as the standard library's (@bufbuild/cel's own dependency), so
 * the same answers and errors; a pattern that does not compile is not kept and fails again each time.
 */
const patterns = new Map<string, ReturnType<typeof RE2JS.compile>>();
const re2 = {
  compile(pattern: string) {
    let re = patterns.get(pattern);
    if (!re) {
      re = RE2JS.compile(pattern);
      if (patterns.size >= 1000) patterns.clear(); // bounded: rules may build patterns from values
      patterns.set(pattern, re);
    }
    return re;
  },
};
const env = celEnv({ funcs: K8S_FUNCS, variables: VARIABLES, re2 });
const KNOWN_FUNCS = new Set([...env.funcs].map((f) => f.name));

const stats: CelStats = { compiled: 0, skipped: 0, rewritten: 0, skippedRules: [] };
const cache = new WeakMap<Schema, CompiledRule[]>();

/** Compile counts of every schema compiled so far in this process. */
export function celStats(): CelStats {
  return { ...stats, skippedRules: [...stats.skippedRules] };
}

interface Node {
  exprKind?: { case?: string; value?: any };
}

/** Function names and identifiers an expression uses (macros are already expanded by the parser). */
function scan(e: Node | undefined, out: { funcs: Set<string>; idents: Set<string> }): void {
  const k = e?.exprKind;
  if (!k?.case) return;
  const v = k.value;
  switch (k.case) {
    case 'identExpr':
      out.idents.add(v.name);
      break;
    case 'selectExpr':
      scan(v.operand, out);
      break;
    case 'callExpr': {
      // A namespaced function such as ip.isCanonical(s) parses as a method call on the identifier `ip`.
      const ns = v.target?.exprKind?.case === 'identExpr' ? `${v.target.exprKind.value.name}.${v.function}` : undefined;
      if (ns && KNOWN_FUNCS.has(ns)) out.funcs.add(ns);
      else {
        if (!/^[_@!-]/.test(v.function)) out.funcs.add(v.function);
        scan(v.target, out);
      }
      for (const a of v.args) scan(a, out);
      break;
    }
    case 'listExpr':
      for (const x of v.elements) scan(x, out);
      break;
    case 'structExpr':
      for (const x of v.entries) {
        scan(x.keyKind?.value, out);
        scan(x.value, out);
      }
      break;
    case 'comprehensionExpr':
      for (const x of [v.iterRange, v.accuInit, v.loopCondition, v.loopStep, v.result]) scan(x, out);
      break;
  }
}

type Compiled = { program: CompiledRule['program']; usesOldSelf: boolean; rewritten: boolean };

/**
 * Programs by rule text (perf): every embedded API server of the process (one per simulated hosted cluster)
 * registers the same CRDs, and a rule compiles to the same program wherever it appears. A rule that does not
 * compile is remembered with its error, so it is skipped (and counted) again each time, as before.
 */
const programs = new Map<string, Compiled | Error>();

function compileExpr(src: string, optionalOldSelf: boolean): Compiled {
  const key = `${optionalOldSelf ? 1 : 0}:${src}`;
  let hit = programs.get(key);
  if (!hit) {
    try {
      hit = compileUncached(src, optionalOldSelf);
    } catch (e) {
      hit = e instanceof Error ? e : new Error(String(e));
    }
    programs.set(key, hit);
  }
  if (hit instanceof Error) throw hit;
  return hit;
}

function compileUncached(src: string, optionalOldSelf: boolean): Compiled {
  const { text, changed } = rewriteRule(src, optionalOldSelf);
  const parsed = parse(text);
  const used = { funcs: new Set<string>(), idents: new Set<string>() };
  scan(parsed.expr, used);
  const missing = [...used.funcs].filter((f) => !KNOWN_FUNCS.has(f));
  if (missing.length) throw new Error(`function ${missing.join(', ')} is not implemented in the simulator`);
  const program = plan(env, parsed) as CompiledRule['program'];
  return { program, usesOldSelf: used.idents.has('oldSelf') || used.idents.has('k8sHasOldSelf'), rewritten: changed };
}

/** The compiled rules of one schema node (empty when it has none). `path` only labels skipped rules. */
export function compiledRules(schema: Schema, path: string): CompiledRule[] {
  const hit = cache.get(schema);
  if (hit) return hit;
  const out: CompiledRule[] = [];
  for (const r of (schema['x-kubernetes-validations'] as Schema[] | undefined) ?? []) {
    if (typeof r.rule !== 'string' || !r.rule.trim()) continue;
    try {
      const c = compileExpr(r.rule, r.optionalOldSelf === true);
      let messageExpression: CompiledRule['messageExpression'];
      if (typeof r.messageExpression === 'string' && r.messageExpression.trim()) {
        try {
          messageExpression = compileExpr(r.messageExpression, r.optionalOldSelf === true).program;
        } catch {
          // kube falls back to `message` when a messageExpression fails; a non-compiling one does the same here.
        }
      }
      out.push({ rule: r.rule, message: r.message, messageExpression, reason: r.reason, fieldPath: r.fieldPath, optionalOldSelf: r.optionalOldSelf === true, usesOldSelf: c.usesOldSelf, program: c.program });
      stats.compiled++;
      if (c.rewritten) stats.rewritten++;
    } catch (e) {
      stats.skipped++;
      stats.skippedRules.push({ path: path || '<root>', rule: r.rule, reason: (e as Error).message });
    }
  }
  cache.set(schema, out);
  return out;
}

/**
 * Compiles every rule of a version schema at once (first use of the CRD version) so that /sim/stats counts all
 * of them. Returns whether the schema has any rule at all.
 */
export function compileSchema(schema: Schema, label: string): boolean {
  let any = false;
  const seen = new WeakSet<Schema>();
  const visit = (s: unknown, path: string): void => {
    if (!s || typeof s !== 'object' || Array.isArray(s) || seen.has(s as Schema)) return;
    const node = s as Schema;
    seen.add(node);
    if (compiledRules(node, path).length || node['x-kubernetes-validations']?.length) any = true;
    for (const [k, v] of Object.entries(node.properties ?? {})) visit(v, `${path}.${k}`);
    visit(node.items, `${path}[*]`);
    visit(node.additionalProperties, `${path}[*]`);
    for (const sub of node.allOf ?? []) visit(sub, path);
  };
  visit(schema, label);
  return any;
}
