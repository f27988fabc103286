/** Text safe inside HTML/SVG element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Shortens long text for labels (the full text stays in a tooltip). */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Largest epoch ms a Date holds (±8.64e15): a deploy file can say more, and `toISOString` would throw. */
const MAX_DATE_MS = 8.64e15;

/** Whether `epochMs` is a time a Date can show. */
export const isShowableTime = (epochMs: number): boolean =>
  Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_DATE_MS;

export const iso = (epochMs: number): string =>
  isShowableTime(epochMs)
    ? new Date(epochMs).toISOString().replace('.000Z', 'Z')
    : `(time out of range: ${String(epochMs)})`;

export const clock = (epochMs: number): string =>
  isShowableTime(epochMs) ? new Date(epochMs).toISOString().slice(11, 16) : '?';

export function percent(p: number): string {
  if (p > 0 && p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}
