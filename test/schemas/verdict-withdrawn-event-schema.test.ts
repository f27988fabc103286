/**
 * schemas/verdict-withdrawn-event.schema.json and the zod schema rank validates the detail with, against withdrawal
 * events built by the code rank uses (buildVerdict and withdrawalEventDetail) from the bundled example incident, in
 * the envelope EventBridge delivers: both accept what rank sends and both refuse the same malformed details.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readDeploys, readLogEvents } from '../../bin/input';
import { Analyzer, type Incident } from '../../lambdas/core/analysis';
import {
  parseVerdictWithdrawnDetail,
  VERDICT_WITHDRAWN_EVENT,
  verdictWithdrawnDetailSchema,
  WithdrawalEventError,
  withdrawalEventDetail,
} from '../../lambdas/core/notify';
import type { IncidentGroup } from '../../lambdas/core/incidents';
import { buildVerdict, type Verdict } from '../../lambdas/core/pipeline';

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/incident');
const schema = JSON.parse(
  readFileSync(path.join(REPO, 'schemas/verdict-withdrawn-event.schema.json'), 'utf8'),
) as object;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The event as an EventBridge rule target receives it. */
function eventOf(detail: object): Record<string, unknown> {
  return {
    version: '0',
    id: '0f4c1d7e-39b2-4f3e-9a57-5a1f3c2b8e11',
    'detail-type': VERDICT_WITHDRAWN_EVENT.detailType,
    source: VERDICT_WITHDRAWN_EVENT.source,
    account: '111122223333',
    time: '2024-03-12T09:33:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

function problems(event: unknown): string[] {
  return validate(event) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

let verdicts: Verdict[];

beforeAll(async () => {
  const analyzer = new Analyzer({});
  for await (const event of readLogEvents([path.join(EXAMPLE, 'logs')])) analyzer.push(event);
  const incidents = analyzer.result(await readDeploys(path.join(EXAMPLE, 'deploys.json'))).incidents;
  // As rank holds them, early: a withdrawal retracts a provisional verdict.
  const groupOf = (incident: Incident): IncidentGroup => ({
    ...incident,
    nature: incident.nature ?? 'fault',
    provisional: true,
  });
  verdicts = incidents.map((incident) => buildVerdict(groupOf(incident), incident));
});

describe('the verdict withdrawn event schema', () => {
  it("accepts the withdrawals of the example incident's verdicts, the one that blamed a deploy included", () => {
    const details = verdicts.map((v) => withdrawalEventDetail(v, 'anomalies-faded'));

    expect(details.length).toBeGreaterThan(0);
    expect(details.some((d) => d.blamed !== null)).toBe(true);
    for (const detail of details) {
      expect(problems(eventOf(detail))).toEqual([]);
      expect(verdictWithdrawnDetailSchema.safeParse(detail).success).toBe(true);
    }
  });

  it('says which incident and deploy are withdrawn, that the verdict was early, and why', () => {
    const blaming = verdicts.find((v) => v.blamed !== null) as Verdict;

    const detail = withdrawalEventDetail(blaming, 'anomalies-faded');

    expect(detail).toMatchObject({
      incidentId: blaming.incidentId,
      reason: 'anomalies-faded',
      provisional: true,
      blamed: { deployId: blaming.blamed },
    });
    expect(detail.explanation).toMatch(/^The early verdict is withdrawn: the young anomalies .* faded/);
    expect(detail.start).toBe(new Date(blaming.start).toISOString());
  });

  it('accepts the withdrawal of a verdict that blamed no deploy', () => {
    const unblamed: Verdict = { ...(verdicts[0] as Verdict), blamed: null };

    const detail = withdrawalEventDetail(unblamed, 'anomalies-faded');

    expect(detail.blamed).toBeNull();
    expect(problems(eventOf(detail))).toEqual([]);
  });

  it('is refused by both schemas with a field it does not describe, without a required one, or an unknown reason', () => {
    const detail = withdrawalEventDetail(verdicts[0] as Verdict, 'anomalies-faded');
    const { reason: _reason, ...withoutReason } = detail;
    const bad = [
      [{ ...detail, supersedes: [] }, '/detail must NOT have additional properties'],
      [withoutReason, "/detail must have required property 'reason'"],
      [{ ...detail, reason: 'operator-dismissed' }, '/detail/reason must be equal to one of the allowed values'],
    ] as const;

    for (const [value, problem] of bad) {
      expect(problems(eventOf(value))).toEqual([problem]);
      expect(verdictWithdrawnDetailSchema.safeParse(value).success).toBe(false);
    }
    expect(problems({ ...eventOf(detail), 'detail-type': 'Culprit Verdict' })).toEqual([
      '/detail-type must be equal to constant',
    ]);
  });

  it('names the input and the problem when a consumer parses a malformed detail', () => {
    expect(() => parseVerdictWithdrawnDetail({ incidentId: 'inc-1' }, 'event 0f4c1d7e')).toThrow(WithdrawalEventError);
    expect(() => parseVerdictWithdrawnDetail({ incidentId: 'inc-1' }, 'event 0f4c1d7e')).toThrow(
      /^event 0f4c1d7e is not a Culprit Verdict Withdrawn detail: reason: /,
    );
  });
});
