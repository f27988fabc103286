import { COLON, LBRACKET, LF, RBRACKET, SPACE, fieldEnd, isDigit, isFieldEnd, skipBlanks } from './chars';
import type { HeaderFields } from './header-fields';

/** A syslog tag (`sshd(pam_unix)[19939]`, `syslogd 1.4.1`) is short: longer runs before a colon are message text. */
const MAX_TAG_LENGTH = 48;
/** Tags with more blanks than this are message text (`combo  -- root[2421]:` and `syslogd 1.4.1:` have one). */
const MAX_TAG_SPACES = 2;

/** Index of the colon that ends a tag starting at `start` (`tag:` + blank or end), or -1. */
function tagColon(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_TAG_LENGTH);
  let spaces = 0;
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) {
      if (isFieldEnd(text.charCodeAt(i + 1)) && i > start) return i;
    } else if (c === SPACE) {
      if (++spaces > MAX_TAG_SPACES) return -1;
    } else if (c === LF) {
      return -1;
    }
  }
  return -1;
}

/** The tag without its `[pid]` suffix. */
function tagName(text: string, start: number, colon: number): string {
  if (text.charCodeAt(colon - 1) === RBRACKET) {
    const open = text.lastIndexOf('[', colon - 1);
    if (open > start) return text.slice(start, open);
  }
  return text.slice(start, colon);
}

/**
 * After a syslog timestamp: `host tag[pid]: message` (RFC 3164). The host is always stripped; the tag becomes the
 * component when a short `...:` follows it, else the message starts right after the host.
 */
export function parseSyslogTail(text: string, index: number, fields: HeaderFields): void {
  const hostAt = skipBlanks(text, index);
  const hostEnd = fieldEnd(text, hostAt);
  // Some writers omit the host: the first field is then already the tag (`sshd[24200]:`).
  const startsWithTag = text.charCodeAt(hostEnd - 1) === COLON && hostEnd - 1 > hostAt;
  const tagAt = startsWithTag ? hostAt : skipBlanks(text, hostEnd);
  const colon = tagColon(text, tagAt);
  if (colon < 0) {
    fields.messageStart = tagAt;
    return;
  }
  fields.component = tagName(text, tagAt, colon);
  fields.messageStart = skipBlanks(text, colon + 1);
}

/** True when the field at `index` is a tag with a pid, `name[123]:`, which marks `host tag[pid]:` after ISO stamps. */
export function isPidTagAt(text: string, index: number): boolean {
  const end = fieldEnd(text, index);
  if (end - index < 5 || text.charCodeAt(end - 1) !== COLON || text.charCodeAt(end - 2) !== RBRACKET) return false;
  let i = end - 3;
  while (i > index && isDigit(text.charCodeAt(i))) i--;
  return i < end - 3 && i > index && text.charCodeAt(i) === LBRACKET;
}
