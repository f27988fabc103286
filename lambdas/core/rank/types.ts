import type { Deploy } from '../schemas';

/** Lines per template id of one service over a time range, or undefined when that history is not available. */
export interface TemplateMixSource {
  templateMix(service: string, from: number, to: number): ReadonlyMap<string, number> | undefined;
}

/** A deploy considered as the cause of an incident. */
export interface Suspect {
  readonly deployId: string;
  readonly service: string;
  /** Deploy time, epoch ms. */
  readonly timestamp: number;
  readonly version?: string;
  readonly commit?: string;
  readonly author?: string;
  readonly description?: string;
  readonly url?: string;
  /** Probability in [0, 1] that this deploy caused the incident (the suspects' and "no deploy" sum to 1). */
  readonly confidence: number;
  /** Culprit would name this deploy in a notification (confidence at or above the blame threshold). */
  readonly blamed: boolean;
  /** From the deploy to its service's first anomaly, or null when the service showed none after it. */
  readonly lagMs: number | null;
  /** Why, one sentence each, strongest reason first. */
  readonly evidence: string[];
  /** Log-odds contribution of each factor (for tuning and for people who want the numbers). */
  readonly factors: Readonly<Record<string, number>>;
}

/** Suspects of one incident, best first, and the probability no deploy explains it. */
export interface Ranking {
  readonly suspects: Suspect[];
  readonly unexplained: number;
  /** Why "no deploy" got the weight it got, one sentence each (empty when deploys explain it). */
  readonly unexplainedEvidence: string[];
}

export type { Deploy };
