/**
 * The incident kinds of production conditions (issue: "root cause in production conditions"). Each plans on a
 * draft like the first eight; `planScenario` adds rolling restarts at every deploy and rate drift to all of them.
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
import { MINUTE, SECOND, type ScenarioBuilder } from './scenario-builder';
import type { SyntheticRole } from './synthetic-lines';
import type { ProductionKind, Reword, TemplateRef } from './types';

/** The quiet windows of a single bad deploy whose symptoms start at `onset`. */
function usualQuiet(service: string, at: number, onset: number, end: number): IncidentPlan['quiet'] {
  return [
    { service, from: at - 15 * MINUTE, to: end },
    { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
  ];
}

/** 1–2 distinct synthesised templates of `role` for `service`. */
function syntheticOf(
  b: ScenarioBuilder,
  service: string,
  role: SyntheticRole,
  count = b.random.int(1, 2),
): TemplateRef[] {
  const refs = new Map<string, TemplateRef>();
  for (let i = 0; i < count; i += 1) {
    const ref = b.synthetic(service, role);
    refs.set(ref.id, ref);
  }
  return [...refs.values()];
}

/** A bad deploy of `failing` whose new errors are `errors`, from 30–120 s after it. */
function badDeployOf(
  b: ScenarioBuilder,
  { failing, others }: Cast,
  errors: TemplateRef[],
  what: string,
  rate = b.errorRate(failing),
): IncidentPlan {
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const bad = b.deploy(failing, at);
  const onset = at + b.random.int(30, 120) * SECOND;
  b.addLines(failing, errors, onset, b.end, rate, b.errorRamp());
  b.change(failing, 'new-templates', errors, onset, b.end, bad.id);
  const companions = maybeCoDeploy(b, others, at);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)} prints ${errors.length} new ${what} template(s) from ${clock(onset)} at ${(rate * 60).toFixed(1)}/min`,
    distractorDeployIds: companions,
    quiet: usualQuiet(failing, at, onset, b.end),
    production: true,
  };
}

const REWORD_RULES: readonly Reword['rule'][] = ['rename', 'key-equals', 'added-field', 'swap'];

function rewording(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const deploy = b.deploy(failing, at);
  const from = at + b.random.int(20, 90) * SECOND;
  const visible = b.service(failing).data.templates.filter((template) => {
    const share = b.share(failing, template.id);
    return share >= 0.005 && share <= 0.3 && template.slots.every((slot) => slot.originals.length > 0);
  });
  const errors = visible.filter((template) => template.errorLooking);
  const chosen = b.random.sample(visible, b.random.int(1, 3));
  // Half the time one of them is an error template: a reworded error line is what false blames are made of.
  if (errors.length > 0 && b.random.chance(0.5) && !chosen.some((template) => template.errorLooking))
    chosen[0] = b.random.pick(errors);
  const rewordings = [...new Set(chosen)].map((template) => {
    const reword: Reword = { rule: b.random.pick(REWORD_RULES), seed: `${deploy.id}:${template.id}` };
    const ref: TemplateRef = { id: template.id, reword };
    b.scale(failing, { id: template.id }, from, b.end, 0);
    b.addLines(failing, [ref], from, b.end, b.service(failing).baseRate * b.share(failing, template.id));
    b.change(failing, 'rewording', [ref], from, b.end, deploy.id);
    return { service: failing, from: template.text, to: b.templateText(failing, ref) };
  });
  const companions = maybeCoDeploy(b, others, at);
  return {
    badDeployId: null,
    incidentStart: from,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${deploy.id} at ${clock(at)} rewords ${rewordings.length} template(s) from ${clock(from)}: ${rewordings.map((r) => `"${r.from}" → "${r.to}"`).join('; ')}`,
    distractorDeployIds: [deploy.id, ...companions],
    quiet: usualQuiet(failing, at, from, b.end),
    rewordings,
    production: true,
  };
}

function concurrent(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const other = others[0] as string;
  const t = anchor(b, 0.5, 0.65, 15 * MINUTE);
  const gap = b.random.int(30, 90) * SECOND;
  const originFirst = b.random.chance(0.5);
  const originAt = originFirst ? t : t + gap;
  const otherDeploy = b.deploy(other, originFirst ? t + gap : t);
  const { bad, onset, errors } = badDeployWithErrors(b, failing, originAt, b.random.int(30, 90) * SECOND);
  const otherStart = onset + b.random.int(60, 180) * SECOND;
  const otherErrors = b.random.chance(0.5) ? [b.synthetic(other, 'downstream', failing)] : b.newErrors(other);
  b.addLines(other, otherErrors, otherStart, b.end, b.errorRate(other), b.errorRamp());
  b.change(other, 'new-templates', otherErrors, otherStart, b.end, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary:
      `${failing} deploy ${bad.id} at ${clock(originAt)} prints ${describeErrors(errors)} from ${clock(onset)}; ` +
      `${other} deploy ${otherDeploy.id} at ${clock(otherDeploy.timestamp)} (${originFirst ? 'after' : 'before'} it) and errors from ${clock(otherStart)}`,
    downstream: { service: other, errorStart: otherStart, deployId: otherDeploy.id },
    distractorDeployIds: [otherDeploy.id],
    quiet: [
      { service: failing, from: t - 15 * MINUTE, to: b.end },
      { service: other, from: t - 15 * MINUTE, to: b.end },
      { service: null, from: t - 5 * MINUTE, to: otherStart + 5 * MINUTE },
    ],
    production: true,
  };
}

function clockSkew(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  const skew = (b.random.chance(0.5) ? -1 : 1) * b.random.int(60, 120) * SECOND;
  b.updateService(cast.failing, { clockSkewMs: skew });
  const plan = badDeployOf(b, cast, b.newErrors(cast.failing), 'error');
  // The truth is in the logs' own time, as the analysis sees them.
  return {
    ...plan,
    incidentStart: plan.incidentStart + skew,
    summary: `${plan.summary}; its log clock is ${skew / 1000} s off`,
  };
}

const NAMINGS = ['service', 'host', 'queue', 'endpoint', 'none'] as const;

function crossService(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const callee = others[0] as string;
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const bad = b.deploy(callee, at);
  const onset = at + b.random.int(30, 120) * SECOND;
  const naming = b.random.pick(NAMINGS);
  const upstream = {
    service: callee,
    host: `${callee}.internal`,
    queue: `${callee}-events`,
    endpoint: `https://${callee}.svc.cluster.local/v2`,
  };
  const errors =
    naming === 'none'
      ? syntheticOf(b, failing, 'caller-error', 1)
      : [b.synthetic(failing, 'downstream', upstream[naming])];
  b.addLines(failing, errors, onset, b.end, b.errorRate(failing), b.errorRamp());
  b.change(failing, 'new-templates', errors, onset, b.end, bad.id);
  const declared = naming === 'none' || b.random.chance(0.5);
  const distractors: string[] = [];
  const bystander = others[1];
  if (bystander !== undefined && b.random.chance(0.6))
    distractors.push(b.deploy(bystander, at + b.random.int(-240, 60) * SECOND).id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${callee} deploy ${bad.id} at ${clock(at)} logs nothing new; its caller ${failing} fails from ${clock(onset)} (errors name ${naming === 'none' ? 'nothing' : `the ${naming}`}${declared ? ', dependency declared' : ''})`,
    distractorDeployIds: distractors,
    quiet: [
      { service: callee, from: at - 15 * MINUTE, to: b.end },
      { service: failing, from: at - 40 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
    ...(declared ? { dependsOn: { [failing]: [callee] } } : {}),
    production: true,
  };
}

function surge(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const start = anchor(b, 0.5, 0.7, 20 * MINUTE);
  const factor = Number(b.random.uniform(2.5, 5).toFixed(2));
  const end = Math.min(b.end, start + b.random.int(15, 40) * MINUTE);
  b.load(failing, start, end, factor, b.random.int(60, 240) * SECOND);
  // The trap: a deploy shortly before, half the time of the surging service itself.
  const deployer = b.random.chance(0.5) || others.length === 0 ? failing : b.random.pick(others);
  const nearby = b.deploy(deployer, start - b.random.int(60, 240) * SECOND);
  return {
    badDeployId: null,
    incidentStart: start,
    incidentEnd: end,
    service: failing,
    summary: `${failing} traffic ×${factor} from ${clock(start)} to ${clock(end)} (load); ${deployer} deploy ${nearby.id} at ${clock(nearby.timestamp)}`,
    distractorDeployIds: [nearby.id],
    quiet: [
      { service: failing, from: start - 30 * MINUTE, to: b.end },
      { service: null, from: start - 10 * MINUTE, to: start + 5 * MINUTE },
    ],
    production: true,
  };
}

function canary(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  const errors = b.newErrors(cast.failing).slice(0, 1);
  return badDeployOf(b, cast, errors, 'canary error', b.random.uniform(0.5, 3) / 60);
}

function structured(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  b.updateService(cast.failing, { records: b.random.chance(0.5) ? 'powertools' : 'pino', format: 'cloudwatch' });
  return badDeployOf(b, cast, syntheticOf(b, cast.failing, 'quiet-error'), 'error-level record');
}

function stackTrace(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  b.updateService(cast.failing, { splitTraces: true, format: 'jsonl' });
  const handled = syntheticOf(b, cast.failing, 'handled', 1);
  b.addLines(cast.failing, handled, b.start, b.end, b.random.uniform(0.5, 2) / 60);
  return badDeployOf(b, cast, syntheticOf(b, cast.failing, 'trace-error', 1), 'exception (frames as events)');
}

function delayed(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.25, 0.45, 20 * MINUTE);
  const delay = Math.min(b.random.int(25 * 60, 45 * 60) * SECOND, Math.round((b.end - at) * 0.6));
  const { bad, onset, errors } = badDeployWithErrors(b, failing, at, delay, b.random.int(180, 600) * SECOND);
  const between_ = b.random
    .sample(others, b.random.int(1, 2))
    .map((service) => b.deploy(service, between(b, at + 3 * MINUTE, onset - 3 * MINUTE)));
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} only from ${clock(onset)} (${Math.round(delay / MINUTE)} min later, ramping); ${between_.map((d) => `${d.service} deploy ${d.id} at ${clock(d.timestamp)}`).join(', ')} in between`,
    distractorDeployIds: between_.map((d) => d.id),
    quiet: [
      { service: failing, from: at - 15 * MINUTE, to: b.end },
      { service: null, from: onset - 5 * MINUTE, to: onset + 5 * MINUTE },
    ],
    production: true,
  };
}

function rollbackStorm(b: ScenarioBuilder, { failing }: Cast): IncidentPlan {
  const at = anchor(b, 0.4, 0.5, 45 * MINUTE);
  const bad = b.deploy(failing, at);
  const onset = at + b.random.int(30, 120) * SECOND;
  const hotfix = b.deploy(failing, onset + b.random.int(4, 8) * MINUTE);
  const redeploy = b.deploy(failing, hotfix.timestamp + b.random.int(3, 6) * MINUTE);
  const back = b.deploy(failing, redeploy.timestamp + b.random.int(3, 8) * MINUTE, true);
  const errorsEnd = back.timestamp + b.random.int(5, 40) * SECOND;
  const errors = b.newErrors(failing);
  b.addLines(failing, errors, onset, errorsEnd, b.errorRate(failing), b.errorRamp());
  b.change(failing, 'new-templates', errors, onset, errorsEnd, bad.id);
  return {
    badDeployId: bad.id,
    incidentStart: onset,
    incidentEnd: errorsEnd,
    service: failing,
    summary: `${failing} deploy ${bad.id} at ${clock(at)} prints ${describeErrors(errors)} from ${clock(onset)}; hotfix ${hotfix.id} at ${clock(hotfix.timestamp)}, redeploy ${redeploy.id} at ${clock(redeploy.timestamp)}, rollback ${back.id} at ${clock(back.timestamp)}`,
    rollbackDeployId: back.id,
    distractorDeployIds: [hotfix.id, redeploy.id],
    quiet: usualQuiet(failing, at, onset, b.end),
    production: true,
  };
}

function errorInLine(b: ScenarioBuilder, cast: Cast): IncidentPlan {
  return badDeployOf(b, cast, syntheticOf(b, cast.failing, 'hidden-error'), 'routine-level error');
}

function behaviourChange(b: ScenarioBuilder, { failing, others }: Cast): IncidentPlan {
  const at = anchor(b, 0.5, 0.7, 10 * MINUTE);
  const deploy = b.deploy(failing, at);
  const from = at + b.random.int(10, 60) * SECOND;
  const template = syntheticOf(b, failing, 'behaviour', 1);
  const rate = b.service(failing).baseRate * b.random.uniform(0.2, 0.6);
  b.addLines(failing, template, from, b.end, rate);
  b.change(failing, 'behaviour', template, from, b.end, deploy.id);
  const companions = maybeCoDeploy(b, others, at);
  return {
    badDeployId: deploy.id,
    incidentStart: from,
    incidentEnd: null,
    service: failing,
    summary: `${failing} deploy ${deploy.id} at ${clock(at)} adds a new info line at ${rate.toFixed(1)} lines/s from ${clock(from)}`,
    distractorDeployIds: companions,
    quiet: usualQuiet(failing, at, from, b.end),
    expectBlame: false,
    production: true,
  };
}

export const PRODUCTION_PLANNERS: Record<ProductionKind, (b: ScenarioBuilder, cast: Cast) => IncidentPlan> = {
  rewording,
  concurrent,
  'clock-skew': clockSkew,
  'cross-service': crossService,
  surge,
  canary,
  structured,
  'stack-trace': stackTrace,
  delayed,
  'rollback-storm': rollbackStorm,
  'error-in-line': errorInLine,
  'behaviour-change': behaviourChange,
};
