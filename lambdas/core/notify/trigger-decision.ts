import type { Suspect } from '../analysis';
import type { Verdict } from '../pipeline';

/** The blamed suspect when the verdict blames a deploy at or above `minConfidence`, else undefined. */
export function deployToAct(verdict: Verdict, minConfidence: number): Suspect | undefined {
  if (verdict.blamed === null) return undefined;
  const blamed = verdict.suspects.find((s) => s.deployId === verdict.blamed);
  return blamed !== undefined && blamed.confidence >= minConfidence ? blamed : undefined;
}
