import { z } from 'zod';
import { InvalidInputError } from '../errors';
import { MAX_EVENT_ITEMS, verdictEventDetail, type Verdict } from '../pipeline';
import { describeZodIssues } from '../pipeline/zod-problems';

/**
 * EventBridge source and detail-type of the retraction rank publishes when it withdraws an incident whose verdict
 * was announced. A detail-type of its own rather than the `Culprit Verdict` event with a status field: rules
 * written for verdicts (e.g. page when `detail.blamed.service` is `checkout`) would match a retraction naming the
 * same deploy and page for it; with its own detail-type a retraction reaches only the rules that ask for it.
 */
export const VERDICT_WITHDRAWN_EVENT = { source: 'culprit', detailType: 'Culprit Verdict Withdrawn' } as const;

/** Why rank withdraws an incident; one so far, an enum so a consumer can tell later reasons apart. */
export const WITHDRAWAL_REASONS = ['anomalies-faded'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

/** The reason in one sentence, for people (the event's `explanation`, the Slack message). */
export function withdrawalExplanation(reason: WithdrawalReason, provisional: boolean): string {
  const what = provisional ? 'The early verdict' : 'The verdict';
  switch (reason) {
    case 'anomalies-faded':
      return `${what} is withdrawn: the young anomalies that started the incident faded before it firmed up (the rate they promised never came), and no incident forms around them any more.`;
  }
}

const text = z.string().min(1);
const probability = z.number().min(0).max(1);
const isoTime = z.iso.datetime({ offset: true });

/** The `Culprit Verdict Withdrawn` detail; schemas/verdict-withdrawn-event.schema.json describes the same shape. */
export const verdictWithdrawnDetailSchema = z.strictObject({
  /** The withdrawn incident: the `incidentId` of the `Culprit Verdict` events it retracts. */
  incidentId: text,
  reason: z.enum(WITHDRAWAL_REASONS),
  explanation: text,
  start: isoTime,
  end: isoTime,
  services: z.array(text),
  severity: z.enum(['low', 'medium', 'high']),
  nature: z.enum(['fault', 'behaviour-change']),
  /** Whether the withdrawn verdict was an early one (it nearly always is: only young anomalies fade). */
  provisional: z.boolean(),
  /** The deploy the withdrawn verdict blamed, which is blamed no more; null when it blamed none. */
  blamed: z
    .strictObject({
      deployId: text,
      service: text,
      version: z.string().optional(),
      commit: z.string().optional(),
      author: z.string().optional(),
      url: z.string().optional(),
      confidence: probability,
      evidence: z.array(z.string()),
    })
    .nullable(),
  suspects: z
    .array(z.strictObject({ deployId: text, service: text, confidence: probability, blamed: z.boolean() }))
    .max(MAX_EVENT_ITEMS),
  anomalyCount: z.number().int().min(0),
  anomalies: z
    .array(
      z.strictObject({
        service: text,
        kind: z.enum(['new', 'spike', 'drop', 'error-surge']),
        template: z.string(),
        score: probability,
        firstSeen: isoTime,
      }),
    )
    .max(MAX_EVENT_ITEMS),
});

export type VerdictWithdrawnDetail = z.infer<typeof verdictWithdrawnDetailSchema>;

/** A withdrawal detail that does not match its schema (a consumer's input, or a bug in the builder). */
export class WithdrawalEventError extends InvalidInputError {}

/** `value` as a `Culprit Verdict Withdrawn` detail, or an error naming `where` and every problem. */
export function parseVerdictWithdrawnDetail(value: unknown, where: string): VerdictWithdrawnDetail {
  const parsed = verdictWithdrawnDetailSchema.safeParse(value);
  if (!parsed.success)
    throw new WithdrawalEventError(
      `${where} is not a Culprit Verdict Withdrawn detail: ${describeZodIssues(parsed.error)}`,
      { cause: parsed.error },
    );
  return parsed.data;
}

/**
 * The retraction of `verdict`: what it said (the fields of its `Culprit Verdict` event a consumer matches on,
 * without `supersedes` and `unexplained`, which describe a verdict that still stands) and why it no longer does.
 * Validated on the way out, so a malformed event is never put on the bus.
 */
export function withdrawalEventDetail(verdict: Verdict, reason: WithdrawalReason): VerdictWithdrawnDetail {
  const {
    supersedes: _supersedes,
    unexplained: _unexplained,
    unexplainedEvidence: _why,
    score: _score,
    ...said
  } = verdictEventDetail(verdict, []);
  return parseVerdictWithdrawnDetail(
    // JSON round trip: the event carries what JSON keeps (an absent version, not `version: undefined`).
    JSON.parse(
      JSON.stringify({ ...said, reason, explanation: withdrawalExplanation(reason, verdict.provisional) }),
    ) as unknown,
    `the withdrawal of ${verdict.incidentId}`,
  );
}
