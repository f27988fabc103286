import { analyze, type AnalysisOptionsInput, type Anomaly } from '../analysis';
import type { LogEvent } from '../schemas';
import { formatDuration, formatPercent, quoteTemplate } from '../rank';
import { VERIFY_DEFAULTS, type VerifyRequest } from './verify-input';

/** The verify Lambda's answer, as the state machine's Choice state reads it. */
export interface DeployVerdict {
  readonly verdict: 'healthy' | 'suspect';
  /** Confidence in the verdict itself, in [0, 1]. */
  readonly confidence: number;
  /** Why, strongest reason first. */
  readonly evidence: string[];
  readonly linesBefore: number;
  readonly linesAfter: number;
}

export interface JudgeOptions {
  /** @default VERIFY_DEFAULTS.suspectConfidence */
  readonly suspectConfidence?: number;
  /** @default {} (the analysis defaults) */
  readonly analysis?: AnalysisOptionsInput;
}

/** Error-like kinds that alone make a deploy suspect when they start after it in its own service. */
function isErrorChange(a: Anomaly): boolean {
  return a.error && (a.kind === 'new' || a.kind === 'error-surge');
}

/**
 * Runs the service's logs around a deploy through the same analysis as the pipeline (`analyze()`: Drain,
 * the detector, incidents, the ranker with this one deploy as the only candidate) and judges it: `suspect`
 * when the ranker gives the deploy at least `suspectConfidence`, or when its service shows an error template
 * that is new or surging after it; `healthy` otherwise. Events must be in time order.
 */
export async function judgeDeploy(
  request: VerifyRequest,
  events: readonly LogEvent[],
  options: JudgeOptions = {},
): Promise<DeployVerdict> {
  const threshold = options.suspectConfidence ?? VERIFY_DEFAULTS.suspectConfidence;
  const linesBefore = events.filter((e) => e.timestamp < request.deployTime).length;
  const linesAfter = events.length - linesBefore;
  if (linesAfter === 0) {
    return {
      verdict: 'suspect',
      confidence: 0.5,
      evidence: [
        `no log line from ${request.service} in the ${formatDuration(request.windowMs)} after the deploy: it may not be serving`,
      ],
      linesBefore,
      linesAfter,
    };
  }
  const deploy = { id: request.deployId, service: request.service, timestamp: request.deployTime };
  const result = await analyze(events, [deploy], options.analysis);
  const suspects = result.incidents.flatMap((incident) => incident.suspects.filter((s) => s.deployId === deploy.id));
  const strongest = suspects.reduce<(typeof suspects)[number] | undefined>(
    (best, s) => (best === undefined || s.confidence > best.confidence ? s : best),
    undefined,
  );
  const after = result.incidents
    .flatMap((incident) => incident.anomalies)
    .filter((a) => a.service === request.service && a.firstSeen >= request.deployTime)
    .sort((a, b) => b.score - a.score);
  const errors = after.filter(isErrorChange);
  const describe = (a: Anomaly): string =>
    `${a.kind}${a.error ? ' error' : ''} template ${quoteTemplate(a.template)} ${formatDuration(a.firstSeen - request.deployTime)} after the deploy (${a.countBefore} lines before, ${a.countAfter} after)`;

  const confidence = strongest?.confidence ?? 0;
  if (confidence >= threshold || errors.length > 0) {
    const evidence = [
      ...(strongest === undefined
        ? []
        : [`the ranker gives this deploy ${formatPercent(strongest.confidence)}`, ...strongest.evidence]),
      ...errors.slice(0, 5).map(describe),
    ];
    // Error templates alone (the ranker unsure): at least as sure as the strongest of them.
    const errorScore = errors.reduce((m, a) => Math.max(m, a.score), 0);
    return {
      verdict: 'suspect',
      confidence: Math.max(confidence, errorScore),
      evidence: [...new Set(evidence)],
      linesBefore,
      linesAfter,
    };
  }
  const evidence =
    after.length === 0
      ? [
          `no anomaly in ${request.service} in the ${formatDuration(request.windowMs)} after the deploy (${linesBefore} lines before, ${linesAfter} after)`,
        ]
      : [
          `${after.length} weak change(s) after the deploy, none an error and the ranker gives it ${formatPercent(confidence)}`,
          ...after.slice(0, 3).map(describe),
        ];
  return { verdict: 'healthy', confidence: 1 - confidence, evidence, linesBefore, linesAfter };
}
