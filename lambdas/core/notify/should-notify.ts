import type { Verdict } from '../pipeline';

/** What a notification said about an incident, kept so the next verdict can be compared with it. */
export interface NotifiedState {
  /** The blamed deploy's id, or null when the message said no deploy explains the incident. */
  readonly blamed: string | null;
  /** The confidence the message showed (the blamed deploy's, else the top suspect's, else 0). */
  readonly confidence: number;
  readonly resolved: boolean;
  /** The last message retracted the verdict (the incident was withdrawn); absent for a verdict's message. */
  readonly withdrawn?: true;
}

/** `post`: first message; `update`: the verdict changed materially; `skip`: nothing worth a message. */
export interface NotifyDecision {
  readonly action: 'post' | 'update' | 'skip';
  readonly reason: string;
}

/** How far the shown confidence must move before a message is updated. @default 0.15 */
export const MATERIAL_CONFIDENCE_CHANGE = 0.15;

/** An incident is resolved once none of its anomalies is still going on. */
export function isResolved(verdict: Verdict): boolean {
  return verdict.anomalies.length > 0 && verdict.anomalies.every((a) => !a.active);
}

/** The confidence a message shows for `verdict`. */
export function shownConfidence(verdict: Verdict): number {
  const blamed = verdict.suspects.find((s) => s.deployId === verdict.blamed);
  return (blamed ?? verdict.suspects[0])?.confidence ?? 0;
}

export function notifiedStateOf(verdict: Verdict): NotifiedState {
  return { blamed: verdict.blamed, confidence: shownConfidence(verdict), resolved: isResolved(verdict) };
}

/**
 * One message per incident, updated only when the verdict changes materially: another deploy blamed (or
 * none any more), the confidence moved by at least {@link MATERIAL_CONFIDENCE_CHANGE}, the incident resolved, or
 * it stands again after its withdrawal was announced.
 * Small drifts as anomalies accumulate would otherwise ping a channel every minute.
 */
export function shouldNotify(
  previous: NotifiedState | undefined,
  next: NotifiedState,
  minChange = MATERIAL_CONFIDENCE_CHANGE,
): NotifyDecision {
  if (previous === undefined) return { action: 'post', reason: 'first verdict of the incident' };
  // The channel was told the verdict is withdrawn: a verdict for the incident again is news, whatever it says.
  if (previous.withdrawn === true) return { action: 'update', reason: 'the withdrawn incident stands again' };
  if (previous.blamed !== next.blamed)
    return {
      action: 'update',
      reason: `blamed deploy changed from ${previous.blamed ?? 'none'} to ${next.blamed ?? 'none'}`,
    };
  if (!previous.resolved && next.resolved) return { action: 'update', reason: 'incident resolved' };
  // A tiny epsilon: 0.65 - 0.5 is 0.15000000000000002 in floating point, and 0.6 - 0.45 is 0.14999999999999997.
  if (Math.abs(next.confidence - previous.confidence) >= minChange - 1e-9) {
    return {
      action: 'update',
      reason: `confidence moved from ${previous.confidence.toFixed(2)} to ${next.confidence.toFixed(2)}`,
    };
  }
  return { action: 'skip', reason: 'no material change' };
}
