import type { Anomaly } from '../detect';
import { markBehaviourChanges } from './behaviour-change';
import type { ExplainedAnomalies, LogHistorySource } from './log-change-types';
import { explainLoad } from './load-surge';
import { pairRewordings } from './rewording';

/**
 * Before anomalies become incidents: rewordings and load surges are taken out and reported as log changes, and
 * large new non-error templates are marked as behaviour changes. Each judgement reads the service's own history.
 */
export function explainLogChanges(
  anomalies: readonly Anomaly[],
  source: LogHistorySource,
  bucketMs: number,
): ExplainedAnomalies {
  const reworded = pairRewordings(anomalies, source, bucketMs);
  const loaded = explainLoad(reworded.anomalies, source, bucketMs);
  return {
    anomalies: markBehaviourChanges(loaded.anomalies, source, bucketMs),
    changes: [...reworded.changes, ...loaded.changes].sort((a, b) => a.at - b.at),
  };
}
