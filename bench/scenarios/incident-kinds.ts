/**
 * The incident kinds (the first eight here, the production ones in production-kinds.ts), each planned on a scenario draft: where the bad deploy (if any) goes,
 * what it does to the logs, which benign deploys are placed near it on purpose, and which windows
 * must stay free of background deploys so the truth stays unambiguous.
 */
import {
  type Cast,
  type IncidentPlan,
  anchor,
  badDeployWithErrors,
  between,
  clock,
  describeErrors,
  maybeCoDeploy,
} from './incident-helpers';
import { PRODUCTION_PLANNERS } from './production-kinds';
import { HOUR, MINUTE, SECOND, type ScenarioBuilder } from './scenario-builder';
import type { IncidentKind } from './types';

export type { Cast, IncidentPlan, QuietWindow } from './incident-helpers';

function badDeployAt(b: ScenarioBuilder, { failing, others }: Cast, at: number): IncidentPlan {
  const { bad, onset, errors } = badDeployWithErrors(b, failing, at, b.random.int(30, 120) * SECOND);
  const companions = maybeCoDeploy(b, others, at);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} from ${clock(onset)}`,
    distractorDeployIds: companions,
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

function badDeploy(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  return badDeployAt(b, cast, anchor(b, 0.5, 0.7, 10 * MINUTE));
}

function goodThenBad(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  const { failing } = cast;
  const at = anchor(b, 0.55, 0.7, 10 * MINUTE);
  const span = b.end - b.start;
  const goodAt = between(b, Math.max(b.start + 0.2 * span, at - HOUR), at - Math.min(20 * MINUTE, 0.25 * span));
  const good = b.deploy(failing, goodAt);
  b.maybeHarmless(good, 0.5);
  const plan = badDeployAt(b, cast, at);
  return {
    ...plan,
    earlierGoodDeployId: good.id,
    summary: `earlier good deploy ${good.id} of ${failing} at ${clock(goodAt)}; ${plan.summary}`,
  };
}

function cascade(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const downstream = others[0] as string;
  const at = anchor(b, 0.45, 0.6, 15 * MINUTE);
  const { bad, onset, errors } = badDeployWithErrors(b, failing, at, b.random.int(30, 120) * SECOND);
  const errorStart = Math.min(onset + b.random.int(3 * 60, 8 * 60) * SECOND, b.end - 4 * MINUTE);
  const ownDeploy = b.deploy(
    downstream,
    between(b, Math.max(onset + 30 * SECOND, errorStart - 3 * MINUTE), errorStart - MINUTE),
  );
  b.maybeHarmless(ownDeploy, 0.25);
  const downstreamErrors = [b.synthetic(downstream, 'downstream', failing)];
  b.addLines(downstream, downstreamErrors, errorStart, b.end, b.errorRate(downstream), b.errorRamp());
  b.change(downstream, 'new-templates', downstreamErrors, errorStart, b.end, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary:
      `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} from ${clock(onset)}; ` +
      `${downstream} deploy ${ownDeploy.id} at ${clock(ownDeploy.timestamp)} and fails calling ${failing} from ${clock(errorStart)}`,
    downstream: { service: downstream, errorStart, deployId: ownDeploy.id },
    distractorDeployIds: [ownDeploy.id],
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: downstream, from: onset - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: errorStart + 5 * MINUTE },
    ],
  };
}

function spike(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const bad = b.deploy(failing, at);
  const companions = maybeCoDeploy(b, others, at);
  const draft = b.service(failing);
  const rare = (low: number, high: number) =>
    draft.data.templates.filter((template) => {
      const share = b.share(failing, template.id);
      return share >= low && share <= high;
    });
  const candidates = rare(0.002, 0.03).length > 0 ? rare(0.002, 0.03) : rare(0.0005, 0.08);
  const errorLooking = candidates.filter((template) => template.errorLooking);
  const template = b.random.pick(errorLooking.length > 0 && b.random.chance(0.7) ? errorLooking : candidates);
  const share = b.share(failing, template.id);
  // At least tenfold, and enough extra lines per minute to be seen at this service's rate.
  const factor = Math.min(60, Math.max(b.random.int(10, 20), Math.ceil(0.3 / (draft.baseRate * share)) + 1));
  const onset = at + b.random.int(30, 120) * SECOND;
  b.scale(failing, { id: template.id }, onset, b.end, factor);
  b.change(failing, 'spike', [{ id: template.id }], onset, b.end, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)}: "${template.text}" x${factor} from ${clock(onset)}`,
    distractorDeployIds: companions,
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

function drop(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const bad = b.deploy(failing, at);
  const companions = maybeCoDeploy(b, others, at);
  const frequent = b.service(failing).data.templates.filter((template) => {
    const share = b.share(failing, template.id);
    return share >= 0.08 && share <= 0.45;
  });
  const template = b.random.pick(frequent.length > 0 ? frequent : b.service(failing).data.templates.slice(0, 1));
  const onset = at + b.random.int(0, 60) * SECOND;
  b.scale(failing, { id: template.id }, onset, b.end, 0);
  b.change(failing, 'drop', [{ id: template.id }], onset, b.end, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)}: "${template.text}" silent from ${clock(onset)}`,
    distractorDeployIds: companions,
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

function slowOnset(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.4, 0.55, 25 * MINUTE);
  // A slow onset also grows slowly: full rate only 2–6 min after the first error.
  const { bad, onset, errors } = badDeployWithErrors(
    b,
    failing,
    at,
    b.random.int(8 * 60, 15 * 60) * SECOND,
    b.random.int(120, 360) * SECOND,
  );
  const other = b.random.pick(others);
  const between_ = b.deploy(other, between(b, at + 2 * MINUTE, onset - MINUTE));
  b.maybeHarmless(between_, 0.25);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary:
      `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} only from ${clock(onset)}; ` +
      `${other} deploy ${between_.id} at ${clock(between_.timestamp)} in between`,
    distractorDeployIds: [between_.id],
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: at - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

function noDeploy(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const onset = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const errors = b.newErrors(failing);
  b.addLines(failing, errors, onset, b.end, b.errorRate(failing), b.errorRamp());
  b.change(failing, 'new-templates', errors, onset, b.end, null);
  const deployers = b.random.sample(others, 2);
  const distractors = deployers.map((service) => {
    const deploy = b.deploy(service, Math.max(b.start + 3 * MINUTE, onset - b.random.int(5 * 60, 30 * 60) * SECOND));
    b.maybeHarmless(deploy, 0.25);
    return deploy;
  });
  return {
    badDeployId: null,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary:
      `${failing} prints ${describeErrors(errors)} from ${clock(onset)} with no deploy of its own; ` +
      distractors.map((deploy) => `${deploy.service} deploy ${deploy.id} at ${clock(deploy.timestamp)}`).join(', '),
    distractorDeployIds: distractors.map((deploy) => deploy.id),
    quiet: [
      { service: failing, from: onset - 2 * HOUR - 5 * MINUTE, to: b.end },
      { service: null, from: onset - 35 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

function rollback(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.4, 0.55, 25 * MINUTE);
  const bad = b.deploy(failing, at);
  const companions = maybeCoDeploy(b, others, at);
  const onset = at + b.random.int(30, 120) * SECOND;
  const rollbackAt = onset + Math.round(Math.min(b.random.uniform(10, 25) * MINUTE, (b.end - onset) * 0.6));
  const back = b.deploy(failing, rollbackAt, true);
  const errorsEnd = rollbackAt + b.random.int(5, 40) * SECOND;
  const errors = b.newErrors(failing);
  b.addLines(failing, errors, onset, errorsEnd, b.errorRate(failing), b.errorRamp());
  b.change(failing, 'new-templates', errors, onset, errorsEnd, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: errorsEnd,
    service: failing,
    summary:
      `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} from ${clock(onset)} ` +
      `until rollback ${back.id} at ${clock(rollbackAt)}`,
    rollbackDeployId: back.id,
    distractorDeployIds: companions,
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
  };
}

const PLANNERS: Record<IncidentKind, (b: ScenarioBuilder, cast: Cast) => IncidentPlan> = {
  'bad-deploy': badDeploy,
  'good-then-bad': goodThenBad,
  cascade,
  spike,
  drop,
  'slow-onset': slowOnset,
  'no-deploy': noDeploy,
  rollback,
  ...PRODUCTION_PLANNERS,
};

export function planIncident(kind: IncidentKind, b: ScenarioBuilder, cast: Cast): IncidentPlan {
  return PLANNERS[kind](b, cast);
}
