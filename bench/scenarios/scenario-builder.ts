/**
 * The mutable draft a scenario is planned in: services, deploys, effects and truth changes, with
 * helpers that keep their bookkeeping consistent (versions per service, held-out templates, the
 * truth entry for every effect). `generateScenario` freezes it into a `ScenarioSpec`.
 */
import type { Deploy } from '../../lambdas/core/schemas';
import { type Dataset, loadDataset } from './loghub-dataset';
import type { Random } from './random';
import { rewordTemplate } from './reword';
import { SYNTHETIC_PREFIX } from './service-lines';
import { SYNTHETIC_LINES, type SyntheticRole, syntheticLines, syntheticTemplateText } from './synthetic-lines';
import type { ChangeKind, Effect, ServiceSpec, TemplateRef, TruthChange } from './types';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

const AUTHORS = ['a.okafor', 'm.lindqvist', 'j.ramirez', 's.tanaka', 'p.novak', 'r.iyer', 'e.dubois', 'k.mensah'];
const DESCRIPTIONS = [
  'Bump dependencies',
  'Tune connection pool sizes',
  'Add request tracing headers',
  'Refactor retry policy',
  'Upgrade base image',
  'Enable compression for responses',
  'Move config to parameter store',
  'Rework batch scheduler',
  'Update TLS settings',
  'Switch serializer implementation',
  'Reduce log verbosity',
  'Add cache for lookups',
];

/** A service while it is planned: like ServiceSpec, with held-out templates still being chosen. */
export interface ServiceDraft extends Omit<ServiceSpec, 'heldOut'> {
  readonly heldOut: string[];
  readonly data: Dataset;
}

export interface DeployDraft {
  readonly id: string;
  readonly service: string;
  readonly timestamp: number;
  readonly rollback: boolean;
}

export class ScenarioBuilder {
  readonly effects: Effect[] = [];
  readonly changes: TruthChange[] = [];
  private readonly drafts: DeployDraft[] = [];

  constructor(
    readonly random: Random,
    readonly start: number,
    readonly end: number,
    readonly services: ServiceDraft[],
  ) {}

  service(name: string): ServiceDraft {
    const found = this.services.find((service) => service.name === name);
    if (found === undefined) throw new RangeError(`no service ${name} in this scenario`);
    return found;
  }

  /** Replaces fields of a service draft (its format, clock skew, record style...). */
  updateService(name: string, patch: Partial<Omit<ServiceDraft, 'name' | 'data' | 'heldOut'>>): void {
    const index = this.services.findIndex((service) => service.name === name);
    if (index === -1) throw new RangeError(`no service ${name} in this scenario`);
    this.services[index] = { ...(this.services[index] as ServiceDraft), ...patch };
  }

  /**
   * A rolling restart at `deploy`: 2–6 instances, each printing the restart lines once, spread over the
   * first 1–3 minutes after the deploy (production conditions: every deploy restarts its service).
   */
  restart(deploy: DeployDraft): void {
    const instances = this.random.int(2, 6);
    const span = this.random.int(60, 180) * SECOND;
    const from = deploy.timestamp + this.random.int(0, 10) * SECOND;
    const lines = syntheticLines('java', 'restart').map(
      (line): TemplateRef => ({ id: `${SYNTHETIC_PREFIX}${line.id}` }),
    );
    for (const ref of lines) {
      this.effects.push({
        type: 'add',
        service: deploy.service,
        template: ref,
        start: from,
        end: from + span,
        rate: instances / (span / SECOND),
        ramp: 0,
      });
    }
    this.change(deploy.service, 'restart', lines, from, from + span, deploy.id);
  }

  /** Deploys planned so far (id, service, time), in planning order. */
  get plannedDeploys(): readonly DeployDraft[] {
    return this.drafts;
  }

  /** Plans a deploy of `service` at `timestamp`; a rollback returns to the version before the previous one. */
  deploy(service: string, timestamp: number, rollback = false): DeployDraft {
    const draft: DeployDraft = { id: `dpl-${this.random.hex(8)}`, service, timestamp: Math.round(timestamp), rollback };
    this.drafts.push(draft);
    return draft;
  }

  /** The planned deploys in time order, with versions, commits, authors and descriptions filled in. */
  finishDeploys(): Deploy[] {
    const versions = new Map<string, string[]>();
    return [...this.drafts]
      .sort((a, b) => a.timestamp - b.timestamp || a.id.localeCompare(b.id))
      .map((draft) => {
        const history = versions.get(draft.service) ?? [
          `v${this.random.int(1, 4)}.${this.random.int(0, 30)}.${this.random.int(0, 9)}`,
        ];
        const current = history[history.length - 1] as string;
        const [major = 1, minor = 0, patch = 0] = current.slice(1).split('.').map(Number);
        const previous = history[history.length - 2];
        const rollback = draft.rollback && previous !== undefined;
        const version = rollback
          ? previous
          : this.random.chance(0.6)
            ? `v${major}.${minor}.${patch + 1}`
            : `v${major}.${minor + 1}.0`;
        history.push(version);
        versions.set(draft.service, history);
        return {
          id: draft.id,
          service: draft.service,
          timestamp: draft.timestamp,
          version,
          commit: this.random.hex(12),
          author: this.random.pick(AUTHORS),
          description: rollback ? `Roll back to ${version}` : this.random.pick(DESCRIPTIONS),
          source: 'ci',
        };
      });
  }

  /**
   * Adds lines of `templates` to `service` during [start, end), `rate` lines/s shared between them,
   * the rate reached linearly over `ramp` ms (0: at once).
   */
  addLines(
    service: string,
    templates: readonly TemplateRef[],
    start: number,
    end: number,
    rate: number,
    ramp = 0,
  ): void {
    const weights = templates.map(() => this.random.uniform(0.5, 1.5));
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    templates.forEach((template, index) => {
      this.effects.push({
        type: 'add',
        service,
        template,
        start,
        end,
        rate: (rate * (weights[index] ?? 1)) / total,
        ramp,
      });
    });
  }

  /** Every template of `service` multiplied by `factor` during [start, end), reached over `ramp` ms. */
  load(service: string, start: number, end: number, factor: number, ramp: number): void {
    this.effects.push({ type: 'load', service, start, end, factor, ramp });
    this.changes.push({ service, change: 'load', templates: [], start, end, deployId: null });
  }

  scale(service: string, template: TemplateRef, start: number, end: number, factor: number): void {
    this.effects.push({ type: 'scale', service, template, start, end, factor });
  }

  change(
    service: string,
    change: ChangeKind,
    templates: readonly TemplateRef[],
    start: number,
    end: number,
    deployId: string | null,
  ): void {
    this.changes.push({
      service,
      change,
      templates: templates.map((ref) => this.templateText(service, ref)),
      start,
      end,
      deployId,
    });
  }

  /** A synthesised line of the service's family, e.g. a new error or a downstream error naming `upstream`. */
  synthetic(service: string, role: SyntheticRole, upstream?: string): TemplateRef {
    const line = this.random.pick(syntheticLines(this.service(service).data.profile.family, role));
    const ref: TemplateRef = { id: `${SYNTHETIC_PREFIX}${line.id}` };
    return upstream === undefined ? ref : { ...ref, upstream };
  }

  /**
   * Error templates that are new to the service: rare error-looking templates of its dataset, now
   * held out of its normal traffic, and/or synthesised ones. Always at least one.
   */
  newErrors(service: string): TemplateRef[] {
    const draft = this.service(service);
    const candidates = draft.data.templates.filter(
      (template) =>
        template.errorLooking &&
        template.count <= 25 &&
        !draft.heldOut.includes(template.id) &&
        template.slots.every((slot) => slot.originals.length > 0),
    );
    const fromData = this.random.sample(candidates, this.random.int(1, 2));
    draft.heldOut.push(...fromData.map((template) => template.id));
    const refs: TemplateRef[] = fromData.map((template) => ({ id: template.id }));
    const synthetic = fromData.length === 0 ? this.random.int(1, 2) : this.random.int(0, 1);
    const seen = new Set<string>();
    for (let i = 0; i < synthetic; i += 1) {
      const ref = this.synthetic(service, 'error');
      if (!seen.has(ref.id)) refs.push(ref);
      seen.add(ref.id);
    }
    return refs;
  }

  /**
   * A benign deploy's tiny harmless change, with probability `chance`: one new info template at a
   * low rate (0.02–0.2 lines/s) from shortly after the deploy on.
   */
  maybeHarmless(deploy: DeployDraft, chance: number): void {
    if (!this.random.chance(chance)) return;
    const template = this.synthetic(deploy.service, 'info');
    const from = deploy.timestamp + this.random.int(5, 30) * SECOND;
    this.addLines(deploy.service, [template], from, this.end, this.random.uniform(0.02, 0.2));
    this.change(deploy.service, 'harmless-template', [template], from, this.end, deploy.id);
  }

  /** Share of the service's normal lines that `templateId` has (held-out templates excluded). */
  share(service: string, templateId: string): number {
    const draft = this.service(service);
    const kept = draft.data.templates.filter((template) => !draft.heldOut.includes(template.id));
    const total = kept.reduce((sum, template) => sum + template.count, 0);
    return (kept.find((template) => template.id === templateId)?.count ?? 0) / total;
  }

  /**
   * How many error lines per second a failure adds: 1–15 % of the service's traffic (log-uniform, so
   * quiet failures in busy services are common), at least 0.1 lines/s.
   */
  errorRate(service: string): number {
    return Math.max(0.1, this.service(service).baseRate * this.random.logUniform(0.01, 0.15));
  }

  /** How long errors take to reach their full rate: at once half the time, else 30 s–3 min. */
  errorRamp(): number {
    return this.random.chance(0.5) ? 0 : this.random.int(30, 180) * SECOND;
  }

  templateText(service: string, ref: TemplateRef): string {
    if (ref.id.startsWith(SYNTHETIC_PREFIX)) {
      const line = SYNTHETIC_LINES.find((candidate) => `${SYNTHETIC_PREFIX}${candidate.id}` === ref.id);
      return line === undefined ? ref.id : syntheticTemplateText(line, ref.upstream);
    }
    const template = this.service(service).data.templates.find((candidate) => candidate.id === ref.id);
    if (template === undefined) return ref.id;
    return ref.reword === undefined ? template.text : rewordTemplate(template, ref.reword).text;
  }
}

/** A service draft for `dataset`, its rate drawn log-uniformly. */
export function draftService(
  random: Random,
  datasetName: Dataset['name'],
  rate: { readonly min: number; readonly max: number },
  dataDir: string | undefined,
): ServiceDraft {
  const data = loadDataset(datasetName, dataDir);
  return {
    name: data.profile.service,
    dataset: datasetName,
    format: 'jsonl',
    jsonStyle: random.chance(0.5) ? 'service-iso' : 'loggroup-epoch',
    baseRate: Number(random.logUniform(rate.min, rate.max).toFixed(2)),
    diurnalAmplitude: Number(random.uniform(0.15, 0.4).toFixed(2)),
    diurnalPhase: Number(random.uniform(0, 2 * Math.PI).toFixed(3)),
    heldOut: [],
    data,
  };
}
