/**
 * Fresh variable values shaped like real ones: an IPv4 address stays a plausible address, a digit
 * run keeps its length, a hexadecimal id stays hexadecimal of the same length, and words stay as
 * they are. Templates therefore produce lines a log miner has not seen verbatim, with the same
 * shape (and so the same masks) as the dataset's own.
 */
import type { Random } from './random';

/**
 * What gets redrawn: dotted quads, `0x` numbers, free-standing hexadecimal ids, and digit runs that
 * are not glued to a word (so `amd64`, `R02` and `KB3192321` keep their digits).
 */
const SHAPED =
  /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.])|0x[0-9a-fA-F]+|(?<![A-Za-z0-9])[0-9a-fA-F]{6,}(?![A-Za-z0-9])|(?<![A-Za-z0-9])\d+/g;

function digits(original: string, random: Random): string {
  let out = '';
  for (let i = 0; i < original.length; i += 1) {
    // Keep a leading non-zero digit non-zero so "1234" never becomes "0234".
    const low = i === 0 && original.length > 1 && original[0] !== '0' ? 1 : 0;
    out += String(random.int(low, 9));
  }
  return out;
}

function hex(original: string, random: Random): string {
  const upper = original !== original.toLowerCase();
  const value = random.hex(original.length);
  return upper ? value.toUpperCase() : value;
}

function ipv4(original: string, random: Random): string {
  const octets = original.split('.').map(Number);
  if (octets.some((octet) => octet > 255)) return octets.map((octet) => digits(String(octet), random)).join('.');
  // Keep the network part (10.251.x.x stays in its subnet) and redraw the host part.
  return [octets[0], octets[1], random.int(0, 255), random.int(1, 254)].join('.');
}

/** A value shaped like `original` with its numbers, ids and addresses redrawn. */
export function reshapeValue(original: string, random: Random): string {
  return original.replace(SHAPED, (match: string, offset: number) => {
    if (match.startsWith('0x')) return `0x${hex(match.slice(2), random)}`;
    if (match.includes('.')) return ipv4(match, random);
    if (/^\d+$/.test(match)) {
      // A port after "host:" stays a valid port.
      if (original[offset - 1] === ':' && match.length >= 4 && match.length <= 5)
        return String(random.int(1024, 65535));
      return digits(match, random);
    }
    if (/\d/.test(match)) return hex(match, random);
    return match; // an all-letter run such as "facade" is a word, not an id
  });
}

/** Values of one `<*>` position of a template, as seen in the dataset. */
export interface SlotValues {
  readonly originals: readonly string[];
  /** Few distinct values seen many times (states, ports, flags): real values are reused as they are. */
  readonly categorical: boolean;
  /** A port after `host:` in the template: redrawn in the port range. */
  readonly port: boolean;
}

/** Describes one slot from its real values and the template text just before it. */
export function slotValues(originals: readonly string[], textBefore = ''): SlotValues {
  const distinct = new Set(originals).size;
  const port =
    textBefore.endsWith(':') &&
    originals.length > 0 &&
    originals.every((value) => /^\d{2,5}$/.test(value) && Number(value) <= 65535);
  return { originals, categorical: originals.length >= 8 && distinct <= 4, port };
}

/** A fresh value for one slot: a real value, redrawn three times in four unless the slot is categorical. */
export function drawSlotValue(slot: SlotValues, random: Random): string {
  if (slot.originals.length === 0) return String(random.int(1, 9999));
  const original = random.pick(slot.originals);
  if (slot.categorical || random.chance(0.25)) return original;
  if (slot.port) return String(random.int(1024, 65535));
  return reshapeValue(original, random);
}
