// Table responses (meta.k8s.io/v1 Table), what kubectl and oc ask for with
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io,...`: columns for custom resources from their CRD's
// additionalPrinterColumns, as kube-apiserver's apiextensions table convertor builds them
// (kubernetes/kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/registry/customresource/tableconvertor/
// tableconvertor.go: a NAME column first, the CRD's columns after, `Age` on `.metadata.creationTimestamp` when
// the CRD has none), and for the built-in kinds from builtinPrinter (printers-builtin.ts).
import type { Obj } from './merge.js';
import { builtinPrinter, humanDuration, type Column } from './printers-builtin.js';
import type { ResourceInfo } from './resources.js';

export type { Column } from './printers-builtin.js';

const NAME_COLUMN: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};
const AGE_DESCRIPTION = 'CreationTimestamp is a timestamp representing the server time when this object was created.';

/** The Table media type a request asks for first, or undefined when it asks for plain objects. */
export function wantsTable(accept: string | undefined): boolean {
  for (const part of (accept ?? '').split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p = new Map(params.map((x) => x.split('=').map((s) => s.trim()) as [string, string]));
    if (p.get('as') === 'Table') {
      if ((type === 'application/json' || type === '*/*') && p.get('g') === 'meta.k8s.io' && (p.get('v') === 'v1' || p.get('v') === 'v1beta1')) return true;
      continue;
    }
    if (type) return false;
  }
  return false;
}

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** The columns and cells of one resource: the CRD's printer columns, a built-in printer, or NAME and AGE. */
export function printerFor(res: ResourceInfo, crd: Obj | undefined): { columns: Column[]; cells: (o: Obj) => unknown[] } {
  if (crd) {
    const version = (crd.spec?.versions ?? []).find((v: Obj) => v.name === res.version);
    let cols: PrinterColumn[] = version?.additionalPrinterColumns ?? crd.spec?.additionalPrinterColumns ?? [];
    if (!cols.length) cols = [{ name: 'Age', type: 'date', description: AGE_DESCRIPTION, jsonPath: '.metadata.creationTimestamp' }];
    return {
      columns: [NAME_COLUMN, ...cols.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`, priority: c.priority ?? 0 }))],
      cells: (o) => [o.metadata?.name ?? '', ...cols.map((c) => crdCell(c, o))],
    };
  }
  const builtin = builtinPrinter(res.plural, res.group);
  if (builtin) return builtin;
  // kube-apiserver's default table convertor for kinds without a printer (NAME, CREATED AT).
  return {
    columns: [NAME_COLUMN, { name: 'Created At', type: 'date', format: '', description: AGE_DESCRIPTION, priority: 0 }],
    cells: (o) => [o.metadata?.name ?? '', o.metadata?.creationTimestamp ?? null],
  };
}

/** One object as a Table row, or a list's items as rows; `object` is PartialObjectMetadata unless includeObject=Object. */
export function toTable(res: ResourceInfo, crd: Obj | undefined, body: Obj, includeObject: string | null, withColumns = true): Obj {
  const printer = printerFor(res, crd);
  const items: Obj[] = Array.isArray(body.items) ? body.items : [body];
  const rows = items.map((o) => ({ cells: printer.cells(o), object: rowObject(o, includeObject) }));
  const metadata: Obj = { resourceVersion: body.metadata?.resourceVersion ?? '' };
  if (body.metadata?.continue) metadata.continue = body.metadata.continue;
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions: withColumns ? printer.columns : [], rows };
}

function rowObject(o: Obj, includeObject: string | null): Obj | null {
  if (includeObject === 'None') return null;
  if (includeObject === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} };
}

/** A CRD column's cell, as the tableconvertor computes it: the first JSONPath result, typed by the column. */
function crdCell(c: PrinterColumn, o: Obj): unknown {
  const found = jsonPath(o, c.jsonPath);
  if (!found.length || found[0] === undefined || found[0] === null) return null;
  const v = found[0];
  switch (c.type) {
    case 'integer':
      return typeof v === 'number' ? Math.trunc(v) : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date': {
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isNaN(t) ? null : humanDuration(Date.now() - t);
    }
    default:
      return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/**
 * The simple JSONPath forms CRDs use in printer columns: `.a.b`, `[N]`, `[-1:]`, `[*]`, and filters
 * `[?(@.type=="Available")]` / `[?(@.state!="")]` (single or double quotes). Returns every match in order.
 */
export function jsonPath(root: unknown, path: string): unknown[] {
  let cur: unknown[] = [root];
  const re = /\.([^.[\]]+)|\[\?\(@\.([\w.-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)')\)\]|\[(-?\d+):?\]|\[\*\]/g;
  let m: RegExpExecArray | null;
  let at = 0;
  const p = path.trim().replace(/^\{|\}$/g, '');
  while ((m = re.exec(p))) {
    if (m.index !== at) return [];
    at = re.lastIndex;
    const next: unknown[] = [];
    for (const v of cur) {
      if (m[1] !== undefined) {
        if (v && typeof v === 'object' && !Array.isArray(v) && m[1] in (v as Obj)) next.push((v as Obj)[m[1]]);
      } else if (m[2] !== undefined) {
        if (!Array.isArray(v)) continue;
        const want = m[4] ?? m[5] ?? '';
        for (const e of v) {
          const got = jsonPath(e, `.${m[2]}`)[0];
          if (m[3] === '==' ? got === want : got !== undefined && got !== want) next.push(e);
        }
      } else if (m[6] !== undefined) {
        if (!Array.isArray(v)) continue;
        const i = Number(m[6]);
        const e = v[i < 0 ? v.length + i : i];
        if (e !== undefined) next.push(e);
      } else if (Array.isArray(v)) next.push(...v);
    }
    cur = next;
  }
  return at === p.length ? cur : [];
}
