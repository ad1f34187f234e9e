// Escaping for the density report's HTML and SVG: every string that came from a cluster (names, condition
// messages, errors) goes through here; control characters that XML cannot carry become U+FFFD.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return String(text)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '\ufffd');
}
