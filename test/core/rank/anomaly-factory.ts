/** Builds anomalies for ranking tests: strong sustained ones by default, weaker ones on request. */
import type { Anomaly, AnomalyKind } from '../../../lambdas/core/detect';
import { groupAnomalies, type IncidentGroup } from '../../../lambdas/core/incidents';
import type { Deploy } from '../../../lambdas/core/schemas';

export const MINUTE = 60_000;
export const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);
export const at = (minute: number): number => T0 + minute * MINUTE;

let sequence = 0;

export function anomaly(service: string, minute: number, overrides: Partial<Anomaly> = {}): Anomaly {
  const kind: AnomalyKind = overrides.kind ?? 'new';
  const firstSeen = at(minute);
  sequence++;
  return {
    id: `${service}|t${sequence}|${kind}|${firstSeen}`,
    service,
    kind,
    templateId: `t${sequence}`,
    // Real error lines from loghub-2k (HDFS, Zookeeper), as the miner would template them.
    template:
      sequence % 2 === 0
        ? '<ID> exception while serving blk_<NUM> to <ID>:'
        : 'Exception causing close of session <HEX> due to java.io.IOException: ZooKeeperServer not running',
    error: true,
    firstSeen,
    lastSeen: firstSeen + 20 * MINUTE,
    active: true,
    countBefore: 0,
    countAfter: 300,
    expected: 1,
    observed: 400,
    buckets: 20,
    surprise: 2000,
    score: 0.95,
    sample:
      '081109 214043 2561 WARN dfs.DataNode$DataXceiver: 10.251.30.85:50010:Got exception while serving blk_-2918118818249673980 to /10.251.90.64:',
    ...overrides,
  };
}

export function deploy(id: string, service: string, minute: number): Deploy {
  return { id, service, timestamp: at(minute), version: `v2.${minute}.0` };
}

/** The single incident the anomalies form. */
export function incidentOf(...anomalies: Anomaly[]): IncidentGroup {
  const groups = groupAnomalies(anomalies);
  if (groups.length !== 1) throw new Error(`expected one incident, got ${groups.length}`);
  return groups[0] as IncidentGroup;
}
