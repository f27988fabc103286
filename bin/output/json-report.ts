/**
 * The `--json` document of `culprit analyze`: the analysis result with every time as an ISO-8601 string,
 * suspects best first. One document, so `jq` and other programs can read it whole.
 */
import type { AnalysisResult, Anomaly, Incident, Suspect } from '../../lambdas/core/analysis';

export interface JsonAnomaly extends Omit<Anomaly, 'firstSeen' | 'lastSeen'> {
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface JsonSuspect extends Omit<Suspect, 'timestamp'> {
  readonly timestamp: string;
}

export interface JsonIncident extends Omit<Incident, 'start' | 'end' | 'anomalies' | 'suspects'> {
  readonly start: string;
  readonly end: string;
  readonly anomalies: JsonAnomaly[];
  readonly suspects: JsonSuspect[];
}

export interface JsonReport {
  readonly incidents: JsonIncident[];
  readonly stats: AnalysisResult['stats'];
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

export function toJsonReport(result: AnalysisResult): JsonReport {
  return {
    incidents: result.incidents.map((incident) => ({
      ...incident,
      start: iso(incident.start),
      end: iso(incident.end),
      anomalies: incident.anomalies.map((a) => ({ ...a, firstSeen: iso(a.firstSeen), lastSeen: iso(a.lastSeen) })),
      suspects: incident.suspects.map((s) => ({ ...s, timestamp: iso(s.timestamp) })),
    })),
    stats: result.stats,
  };
}

/** The JSON document as text, ending with a newline. */
export function formatJsonReport(result: AnalysisResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
