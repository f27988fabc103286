/**
 * The readable summary of `culprit analyze`: per incident its onset, services, strongest anomalies and the
 * ranked suspects with their confidence and one sentence per reason.
 */
import type { AnalysisResult, Incident, LogChange } from '../../lambdas/core/analysis';
import { describeAnomaly, formatClock, formatDuration } from '../../lambdas/core/rank';
import { escapeText } from './escape-text';
import { describeLogChange } from './log-change-text';

/** How much of each incident the summary shows; the JSON output has everything. */
export const SUMMARY_DEFAULTS = {
  /** @default 5 */
  anomalies: 5,
  /** @default 3 */
  suspects: 3,
  /** Evidence sentences per suspect after the first. @default 4 */
  evidence: 4,
} as const;

const iso = (epochMs: number): string => new Date(epochMs).toISOString().replace('.000Z', 'Z');

function percent(p: number): string {
  if (p > 0 && p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}

function incidentBlock(incident: Incident, index: number, count: number): string[] {
  const lines: string[] = [];
  const span = formatDuration(incident.end - incident.start);
  lines.push(
    `Incident ${index + 1} of ${count} (${incident.severity} severity): ${iso(incident.start)} for ${span}, ${incident.services.join(', ')}`,
  );
  const blamed = incident.suspects.find((s) => s.blamed);
  if (blamed !== undefined) {
    lines.push(
      `  Likely cause: deploy ${blamed.deployId} of ${blamed.service}${blamed.version === undefined ? '' : ` (${blamed.version})`}, ${percent(blamed.confidence)} confident.`,
    );
  } else if (incident.suspects.length === 0) {
    lines.push('  Likely cause: no deploy in the lookback window.');
  } else {
    lines.push(
      `  Likely cause: no deploy explains it well enough to blame (${percent(incident.unexplained)} likely not a deploy).`,
    );
  }
  lines.push('  Anomalies:');
  for (const a of incident.anomalies.slice(0, SUMMARY_DEFAULTS.anomalies)) {
    lines.push(
      `    - ${a.service} from ${formatClock(a.firstSeen)}: ${describeAnomaly(a)} [${a.kind}, strength ${a.score.toFixed(2)}]`,
    );
  }
  const hidden = incident.anomalies.length - SUMMARY_DEFAULTS.anomalies;
  if (hidden > 0) lines.push(`    … and ${hidden} weaker anomal${hidden === 1 ? 'y' : 'ies'} (see --json)`);
  if (incident.suspects.length > 0) lines.push('  Suspects:');
  incident.suspects.slice(0, SUMMARY_DEFAULTS.suspects).forEach((s, rank) => {
    const version = s.version === undefined ? '' : ` ${s.version}`;
    const mark = s.blamed ? '  << blamed' : '';
    lines.push(
      `    ${rank + 1}. ${s.deployId} (${s.service}${version}) deployed ${formatClock(s.timestamp)}: ${percent(s.confidence)}${mark}`,
    );
    for (const sentence of s.evidence.slice(0, SUMMARY_DEFAULTS.evidence)) lines.push(`       ${sentence}`);
  });
  const more = incident.suspects.length - SUMMARY_DEFAULTS.suspects;
  if (more > 0) lines.push(`    … and ${more} more candidate deploy${more === 1 ? '' : 's'} (see --json)`);
  for (const sentence of incident.unexplainedEvidence) lines.push(`  ${sentence}`);
  return lines;
}

/** One line per change in the logs that was explained, not blamed: readers should see what was set aside. */
function logChangesBlock(changes: readonly LogChange[]): string[] {
  if (changes.length === 0) return [];
  const lines = [`Log changes, not faults (${changes.length}):`];
  for (const change of changes) lines.push(`  - ${describeLogChange(change)}`);
  return lines;
}

export function formatSummary(result: AnalysisResult): string {
  const { stats, incidents } = result;
  const blamed = incidents.filter((i) => i.suspects.some((s) => s.blamed)).length;
  const head =
    `Analysed ${stats.lines.toLocaleString('en-US')} lines from ${stats.services} service${stats.services === 1 ? '' : 's'} ` +
    `(${stats.templates} templates): ${incidents.length} incident${incidents.length === 1 ? '' : 's'}, ` +
    `${blamed} with a blamed deploy.`;
  // Each line is escaped whole: service names, deploy fields and templates come from untrusted input, and a
  // newline or a carriage return inside one must not start a line of its own.
  const blocks = incidents.map((incident, i) =>
    incidentBlock(incident, i, incidents.length)
      .map((line) => escapeText(line))
      .join('\n'),
  );
  const changes = logChangesBlock(result.logChanges ?? [])
    .map((line) => escapeText(line))
    .join('\n');
  return `${[head, ...blocks, ...(changes === '' ? [] : [changes])].join('\n\n')}\n`;
}
