import type { Deploy } from '../core/schemas';
import type { TimeWindow } from '../core/pipeline';
import { queryDeploys, type DeploysTable } from '../common/dynamodb';
import { listServices, type ServiceRegistry } from '../common/dynamodb';

/**
 * Deploys an incident's ranking considers. The CLI ranks against every deploy it is given, including deploys
 * of services with no anomaly (they are candidates too, and usually cleared as "silent"); the deploys table is
 * keyed by service, so rank asks for every service it knows: those ingest registered, those in the service
 * map, and the incident's own. Built per invocation, so the registry is read once per batch.
 */
export class DeployLookup {
  private services: Promise<string[]> | undefined;
  private readonly cache = new Map<string, { readonly window: TimeWindow; readonly deploys: Promise<Deploy[]> }>();

  constructor(
    private readonly table: DeploysTable,
    private readonly registry: ServiceRegistry,
    private readonly mappedServices: readonly string[],
  ) {}

  /** Deploys of every known service plus `extraServices` within `window`, oldest first. */
  async deploys(window: TimeWindow, extraServices: readonly string[]): Promise<Deploy[]> {
    this.services ??= listServices(this.registry);
    const services = new Set([...(await this.services), ...this.mappedServices, ...extraServices]);
    const lists = await Promise.all([...services].map((service) => this.ofService(service, window)));
    const byId = new Map<string, Deploy>();
    for (const deploy of lists.flat()) byId.set(`${deploy.service}\u0000${deploy.id}\u0000${deploy.timestamp}`, deploy);
    return [...byId.values()].sort((a, b) => a.timestamp - b.timestamp);
  }

  private async ofService(service: string, window: TimeWindow): Promise<Deploy[]> {
    const cached = this.cache.get(service);
    if (cached !== undefined && cached.window.from <= window.from && cached.window.to >= window.to) {
      return (await cached.deploys).filter((d) => d.timestamp >= window.from && d.timestamp <= window.to);
    }
    // Read a little more than asked: the batch's next records usually concern the same incident.
    const margin = window.to - window.from;
    const wider = {
      from: Math.min(window.from, cached?.window.from ?? Infinity) - margin,
      to: Math.max(window.to, cached?.window.to ?? -Infinity) + margin,
    };
    const deploys = queryDeploys(this.table, service, wider.from, wider.to);
    this.cache.set(service, { window: wider, deploys });
    return (await deploys).filter((d) => d.timestamp >= window.from && d.timestamp <= window.to);
  }
}
