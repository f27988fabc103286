/** How different a service's template mix is after a deploy compared with before it. */
export interface TemplateShift {
  /** Jensen–Shannon divergence of the two distributions, base 2, in [0, 1]. */
  readonly divergence: number;
  /** Share of the lines after that came from templates absent before. */
  readonly novel: number;
  /** Share of the lines before that came from templates absent after. */
  readonly vanished: number;
  readonly linesBefore: number;
  readonly linesAfter: number;
}

export function templateShift(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): TemplateShift | undefined {
  const nb = sum(before);
  const na = sum(after);
  if (nb === 0 || na === 0) return undefined;
  let divergence = 0;
  let novel = 0;
  let vanished = 0;
  const ids = new Set([...before.keys(), ...after.keys()]);
  for (const id of ids) {
    const p = (before.get(id) ?? 0) / nb;
    const q = (after.get(id) ?? 0) / na;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
    if (p === 0) novel += q;
    if (q === 0) vanished += p;
  }
  return { divergence: Math.min(1, Math.max(0, divergence)), novel, vanished, linesBefore: nb, linesAfter: na };
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}
