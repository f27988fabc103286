/**
 * The `--json` document of `culprit analyze`: the analysis result with every time as an ISO-8601 string,
 * suspects best first. One document, so `jq` and other programs can read it whole.
 */
import type { AnalysisResult, Anomaly, Incident, LogChange, Suspect } from '../../lambdas/core/analysis';
import { ciRunUrl, commitUrl, type DeployLinkTemplates } from '../../lambdas/core/deploys';
import type { FileLosses } from '../input/input-losses';

export interface JsonAnomaly extends Omit<Anomaly, 'firstSeen' | 'lastSeen'> {
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface JsonSuspect extends Omit<Suspect, 'timestamp'> {
  readonly timestamp: string;
  /** The commit's page, from the `links.commit` template; absent without a template or a commit. */
  readonly commitUrl?: string;
  /** The CI run: the deploy's own `url` when it is a web link, else the `links.ciRun` template filled. */
  readonly ciRunUrl?: string;
}

export interface JsonIncident extends Omit<Incident, 'start' | 'end' | 'anomalies' | 'suspects'> {
  readonly start: string;
  readonly end: string;
  readonly anomalies: JsonAnomaly[];
  readonly suspects: JsonSuspect[];
}

/**
 * A change in the logs that is not a fault (a reworded template, a load surge), with ISO times: it explains
 * anomalies away instead of making an incident, and its deploy is not blamed.
 */
export type JsonLogChange = DistributeOmit<LogChange, 'at' | 'deploy'> & {
  readonly at: string;
  /** Reworded by this deploy (rewordings only). */
  readonly deploy?: { readonly id: string; readonly timestamp: string; readonly version?: string };
};

type DistributeOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What reading the input lost, added to the analysis's own counts. */
export interface InputStats {
  /** Input lines or records skipped as unusable, in all files. */
  readonly skipped: number;
  /** Per log file: events read, lines skipped, lines cut, and why. */
  readonly files: readonly FileLosses[];
}

export interface JsonReport {
  readonly incidents: JsonIncident[];
  /** In time order; empty when nothing was explained away. */
  readonly logChanges: JsonLogChange[];
  /** `skipped`: every line not analysed (unusable input plus lines empty once their header was stripped). */
  readonly stats: AnalysisResult['stats'] & { readonly files?: readonly FileLosses[] };
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

function jsonSuspect(s: Suspect, links: DeployLinkTemplates): JsonSuspect {
  const deploy = { ...s, id: s.deployId };
  const commit = commitUrl(deploy, links);
  const ciRun = ciRunUrl(deploy, links);
  return {
    ...s,
    timestamp: iso(s.timestamp),
    ...(commit === undefined ? {} : { commitUrl: commit }),
    ...(ciRun === undefined ? {} : { ciRunUrl: ciRun }),
  };
}

/** `links`: the config's URL templates for deploy links (the `links` setting). @default {} */
export function toJsonReport(result: AnalysisResult, input?: InputStats, links: DeployLinkTemplates = {}): JsonReport {
  return {
    incidents: result.incidents.map((incident) => ({
      ...incident,
      start: iso(incident.start),
      end: iso(incident.end),
      anomalies: incident.anomalies.map((a) => ({ ...a, firstSeen: iso(a.firstSeen), lastSeen: iso(a.lastSeen) })),
      suspects: incident.suspects.map((s) => jsonSuspect(s, links)),
    })),
    logChanges: (result.logChanges ?? []).map(jsonLogChange),
    stats:
      input === undefined
        ? result.stats
        : { ...result.stats, skipped: result.stats.skipped + input.skipped, files: input.files },
  };
}

function jsonLogChange(change: LogChange): JsonLogChange {
  if (change.kind === 'load') return { ...change, at: iso(change.at) };
  const { at, deploy, ...rest } = change;
  return {
    ...rest,
    at: iso(at),
    ...(deploy === undefined ? {} : { deploy: { ...deploy, timestamp: iso(deploy.timestamp) } }),
  };
}

/** The JSON document as text, ending with a newline. */
export function formatJsonReport(result: AnalysisResult, input?: InputStats, links?: DeployLinkTemplates): string {
  return `${JSON.stringify(toJsonReport(result, input, links), null, 2)}\n`;
}
