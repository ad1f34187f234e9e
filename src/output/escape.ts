// Text from a cluster (condition messages, names, events) is shown, never obeyed: terminal control characters
// in it are written as visible escapes, so a message cannot clear the screen, move the cursor, overwrite a line
// with \r or print a fake "all healthy". Applied where text reaches the terminal: table cells, progress lines,
// status and diagnosis text, error lines. JSON needs nothing (JSON.stringify escapes them); XML has xmlText.

// C0 controls, DEL, C1 controls (0x9b is CSI on some terminals), Unicode line/paragraph separators and the
// bidirectional overrides/isolates ("Trojan Source").
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters as `\u001b`; with `lines`, newlines and tabs are kept (free text), else a space (a cell). */
export function escapeControl(text: string, o: { lines?: boolean } = {}): string {
  return text.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? (o.lines ? c : ' ') : hex(c)));
}

// XML 1.0 allows #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (https://www.w3.org/TR/xml/#charsets).
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text for an XML attribute or element: the five escapes, and characters XML 1.0 forbids written as `\u001b`. */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, hex).replace(/[<>&'"]/g, (c) => XML_ESCAPES[c]!);
}
