// --help that fits the terminal (80 columns included): option terms get at most a third of the width, so
// descriptions start early enough to read and wrap at whole words; a longer term (`--control-plane-availability-
// policy <policy>`) has its own line and its description starts on the next one, at the same column as the others.
// Commander takes the width from stdout when it is a terminal, else 80 (commander lib/help.js prepareContext).
import { Help } from 'commander';

/** The widest a term column gets: a third of the width, between 20 and 32 cells. */
export function termColumn(helpWidth: number): number {
  return Math.max(20, Math.min(32, Math.floor(helpWidth / 3)));
}

/** Settings for `program.configureHelp()`; subcommands created with `.command()` inherit them. */
export function helpLayout(): Partial<Help> {
  return {
    // Wrap down to narrow terminals; commander's default (40) leaves long descriptions unwrapped below 80 + term.
    minWidthToWrap: 20,
    padWidth(this: Help, cmd, helper) {
      return Math.min(Help.prototype.padWidth.call(this, cmd, helper), termColumn(this.helpWidth ?? 80));
    },
    formatItem(this: Help, term, termWidth, description, helper) {
      description = breakLongWords(description, (this.helpWidth ?? 80) - termWidth - 4);
      if (!description || helper.displayWidth(term) <= termWidth) return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
      const indent = ' '.repeat(2 + termWidth + 2);
      const body = helper.boxWrap(description, (this.helpWidth ?? 80) - indent.length);
      return `  ${term}\n${body
        .split('\n')
        .map((l) => indent + l)
        .join('\n')}`;
    },
  };
}

/**
 * Help text added after the options (lists of differences, shell set-up) wrapped to the same width: a longer
 * line breaks at spaces, continued under its text ("  - " items keep their indent).
 */
export function wrapHelpText(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line;
      const lead = /^(\s*(?:[-*] )?)/.exec(line)![1]!;
      const out: string[] = [];
      let cur = '';
      for (const word of line.slice(lead.length).split(' ')) {
        const next = cur ? `${cur} ${word}` : word;
        if (cur && lead.length + next.length > width) {
          out.push(cur);
          cur = word;
        } else cur = next;
      }
      out.push(cur);
      return out.map((l, i) => (i === 0 ? lead : ' '.repeat(lead.length)) + l).join('\n');
    })
    .join('\n');
}

/** A word wider than the column (a comma-separated example) is broken after commas, onto lines of its own. */
function breakLongWords(text: string, width: number): string {
  if (width < 20) return text;
  return text
    .split(' ')
    .map((word) => {
      if (word.length <= width || !word.includes(',')) return word;
      const lines: string[] = [];
      let cur = '';
      for (const part of word.split(/(?<=,)/)) {
        if (cur && cur.length + part.length > width) {
          lines.push(cur);
          cur = part;
        } else cur += part;
      }
      lines.push(cur);
      return lines.join('\n');
    })
    .join(' ');
}
