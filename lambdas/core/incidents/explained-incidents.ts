import type { Anomaly } from '../detect';
import { explainLogChanges } from './explain-log-changes';
import { groupAnomalies } from './group-anomalies';
import type { LogChange, LogHistorySource } from './log-change-types';
import type { IncidentOptions } from './options';
import type { IncidentGroup } from './types';

/** The incidents a set of anomalies makes, and the log changes that explained some of them away. */
export interface ExplainedIncidents {
  /** In order of onset. */
  readonly groups: IncidentGroup[];
  /** In time order. */
  readonly changes: LogChange[];
}

/**
 * Anomalies to incidents, the one way both the CLI (`Analyzer.result`) and the rank function take: rewordings and
 * load surges reported as log changes, large new non-error templates marked as behaviour changes, then the rest
 * grouped. `source` is the services' own history (the detector, or in rank the services' committed states).
 */
export function explainedIncidents(
  anomalies: readonly Anomaly[],
  source: LogHistorySource,
  bucketMs: number,
  options?: Partial<IncidentOptions>,
): ExplainedIncidents {
  const explained = explainLogChanges(anomalies, source, bucketMs);
  return { groups: groupAnomalies(explained.anomalies, options), changes: explained.changes };
}
