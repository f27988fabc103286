/**
 * schemas/verdict-event.schema.json against verdict events built by the code rank uses (buildVerdict and
 * verdictEventDetail) from the bundled example incident, in the envelope EventBridge delivers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readDeploys, readLogEvents } from '../../bin/input';
import { Analyzer, type Incident } from '../../lambdas/core/analysis';
import { buildVerdict, VERDICT_EVENT, verdictEventDetail } from '../../lambdas/core/pipeline';
import type { IncidentGroup } from '../../lambdas/core/incidents';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/incident');
const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas/verdict-event.schema.json'), 'utf8')) as object;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The event as an EventBridge rule target receives it. */
function eventOf(detail: Record<string, unknown>): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': VERDICT_EVENT.detailType,
    source: VERDICT_EVENT.source,
    account: '111122223333',
    time: '2024-03-12T09:41:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

function problems(event: unknown): string[] {
  return validate(event) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

let incidents: Incident[];

beforeAll(async () => {
  const analyzer = new Analyzer({});
  for await (const event of readLogEvents([path.join(EXAMPLE, 'logs')])) analyzer.push(event);
  incidents = analyzer.result(await readDeploys(path.join(EXAMPLE, 'deploys.json'))).incidents;
});

/** The incident as rank holds it: a group always has a nature and says whether it is provisional. */
function groupOf(incident: Incident): IncidentGroup {
  return { ...incident, nature: incident.nature ?? 'fault', provisional: incident.provisional ?? false };
}

describe('the verdict event schema', () => {
  it("accepts the example incident's verdict events, the blamed one included", () => {
    const events = incidents.map((incident) =>
      eventOf(verdictEventDetail(buildVerdict(groupOf(incident), incident), ['inc-2024-03-12T09:20:00.000Z'])),
    );

    expect(events.length).toBeGreaterThan(0);
    expect(events.some((event) => (event.detail as { blamed: unknown }).blamed !== null)).toBe(true);
    for (const event of events) expect(problems(event)).toEqual([]);
  });

  it('accepts a verdict that blames no deploy', () => {
    const incident = incidents[0] as Incident;
    const unblamed: Incident = { ...incident, suspects: incident.suspects.map((s) => ({ ...s, blamed: false })) };

    const event = eventOf(verdictEventDetail(buildVerdict(groupOf(unblamed), unblamed), []));

    expect((event.detail as { blamed: unknown }).blamed).toBeNull();
    expect(problems(event)).toEqual([]);
  });

  it('rejects a detail with a field it does not describe or without a required one', () => {
    const incident = incidents[0] as Incident;
    const detail = verdictEventDetail(buildVerdict(groupOf(incident), incident), []);
    const { severity: _severity, ...withoutSeverity } = detail;

    expect(problems(eventOf({ ...detail, blamedDeploy: 'dpl-1' }))).toEqual([
      '/detail must NOT have additional properties',
    ]);
    expect(problems(eventOf(withoutSeverity))).toEqual(["/detail must have required property 'severity'"]);
    expect(problems({ ...eventOf(detail), source: 'culprit.deploy' })).toEqual(['/source must be equal to constant']);
  });

  it("states the verdict's nature and whether it is provisional, and requires both", () => {
    const incident = incidents[0] as Incident;
    const early = verdictEventDetail(
      buildVerdict({ ...groupOf(incident), nature: 'behaviour-change', provisional: true }, incident),
      [],
    );
    const { provisional: _provisional, ...withoutProvisional } = early;

    expect(early).toMatchObject({ nature: 'behaviour-change', provisional: true });
    expect(problems(eventOf(early))).toEqual([]);
    expect(problems(eventOf(withoutProvisional))).toEqual(["/detail must have required property 'provisional'"]);
    expect(problems(eventOf({ ...early, nature: 'outage' }))).toEqual([
      '/detail/nature must be equal to one of the allowed values',
    ]);
  });
});
