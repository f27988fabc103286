import type { Anomaly } from '../detect';
import type { IncidentView } from './incident-view';

/** How a caller's anomalies point at a quiet service: its errors name it, or the configuration declares the call. */
export interface DependencyLink {
  readonly caller: string;
  readonly how: 'named' | 'declared';
  /** The caller's anomalies after the deploy, by first-seen time. */
  readonly anomalies: readonly Anomaly[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The service's name as a word of a line: bare, as a host (`billing.internal`), a queue (`billing-events`) or in
 * an endpoint (`https://billing.svc…`). Letters or digits glued on either side make it another word.
 */
function namePattern(service: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(service)}(?![A-Za-z0-9_])`, 'i');
}

/** Whether the anomaly's template or sample line names `service`. */
export function namesService(anomaly: Anomaly, service: string): boolean {
  const pattern = namePattern(service);
  return pattern.test(anomaly.template) || pattern.test(anomaly.sample);
}

/**
 * The callers of `service` whose anomalies after `cutoff` name it (template or sample line) or that `dependsOn`
 * declares as calling it; the earliest first. Error anomalies only: a caller failing is what a broken dependency
 * shows.
 */
export function dependencyLinks(
  service: string,
  view: IncidentView,
  cutoff: number,
  dependsOn: Readonly<Record<string, readonly string[]>>,
): DependencyLink[] {
  const pattern = namePattern(service);
  const links: DependencyLink[] = [];
  for (const [caller, anomalies] of view.byService) {
    if (caller === service) continue;
    const after = anomalies.filter((a) => a.firstSeen >= cutoff && a.error);
    if (after.length === 0) continue;
    const declared = dependsOn[caller]?.includes(service) === true;
    const named = after.filter((a) => pattern.test(a.template) || pattern.test(a.sample));
    if (named.length > 0) links.push({ caller, how: 'named', anomalies: named });
    else if (declared) links.push({ caller, how: 'declared', anomalies: after });
  }
  return links.sort((a, b) => (a.anomalies[0]?.firstSeen ?? 0) - (b.anomalies[0]?.firstSeen ?? 0));
}
