/**
 * The noise around an incident: benign deploys spread over the timeline (most change nothing in
 * the logs, some add one harmless info template) and short transient error bursts of templates the
 * service already prints, with no deploy behind them.
 */
import type { QuietWindow } from './incident-kinds';
import { MINUTE, SECOND, type ScenarioBuilder } from './scenario-builder';

const ATTEMPTS = 40;

function inQuietWindow(quiet: readonly QuietWindow[], service: string, time: number): boolean {
  return quiet.some(
    (window) => (window.service === null || window.service === service) && time >= window.from && time <= window.to,
  );
}

/** Up to `maxPerService` benign deploys per service, outside the quiet windows and 10 min apart per service. */
export function placeBenignDeploys(b: ScenarioBuilder, quiet: readonly QuietWindow[], maxPerService: number): void {
  for (const service of b.services) {
    const count = b.random.int(0, maxPerService);
    for (let placed = 0, attempt = 0; placed < count && attempt < ATTEMPTS; attempt += 1) {
      const time = Math.round(b.random.uniform(b.start + 5 * MINUTE, b.end - 5 * MINUTE));
      const tooClose = b.plannedDeploys.some(
        (deploy) => deploy.service === service.name && Math.abs(deploy.timestamp - time) < 10 * MINUTE,
      );
      if (tooClose || inQuietWindow(quiet, service.name, time)) continue;
      b.maybeHarmless(b.deploy(service.name, time), 0.3);
      placed += 1;
    }
  }
}

/**
 * `count` bursts of 30–90 s, each of an error-looking template the service already prints (or a
 * rare one if it prints none), away from the incident and from the service's deploys.
 */
export function placeTransientBursts(b: ScenarioBuilder, count: number, incident: { from: number; to: number }): void {
  const span = b.end - b.start;
  const bursts: { from: number; to: number }[] = [];
  for (let placed = 0, attempt = 0; placed < count && attempt < ATTEMPTS; attempt += 1) {
    const service = b.random.pick(b.services);
    const length = b.random.int(30, 90) * SECOND;
    const from = Math.round(b.random.uniform(b.start + 0.15 * span, b.end - 2 * MINUTE - length));
    const to = from + length;
    const nearIncident = to > incident.from - 12 * MINUTE && from < incident.to + 5 * MINUTE;
    const nearDeploy = b.plannedDeploys.some(
      (deploy) =>
        deploy.service === service.name &&
        from > deploy.timestamp - 2 * MINUTE &&
        from < deploy.timestamp + 10 * MINUTE,
    );
    const nearBurst = bursts.some((burst) => to > burst.from - 5 * MINUTE && from < burst.to + 5 * MINUTE);
    if (nearIncident || nearDeploy || nearBurst) continue;
    const known = service.data.templates.filter(
      (template) => !service.heldOut.includes(template.id) && b.share(service.name, template.id) > 0,
    );
    const errors = known.filter((template) => template.errorLooking);
    const rare = known.filter((candidate) => b.share(service.name, candidate.id) < 0.05);
    const template = b.random.pick(errors.length > 0 ? errors : rare.length > 0 ? rare : known);
    const share = b.share(service.name, template.id);
    const rate = Math.min(
      Math.max(1, service.baseRate * share * b.random.uniform(8, 20)),
      Math.max(2, service.baseRate * 0.6),
    );
    b.addLines(service.name, [{ id: template.id }], from, to, rate);
    b.change(service.name, 'transient-burst', [{ id: template.id }], from, to, null);
    bursts.push({ from, to });
    placed += 1;
  }
}
