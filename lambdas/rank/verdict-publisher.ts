import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CulpritError } from '../core/errors';
import {
  redactDeep,
  VERDICT_WITHDRAWN_EVENT,
  withdrawalEventDetail,
  type Redactor,
  type WithdrawalReason,
} from '../core/notify';
import { VERDICT_EVENT, verdictEventDetail, type Verdict } from '../core/pipeline';

/** EventBridge did not accept the verdict event; the record fails and its redelivery publishes again. */
export class PublishFailedError extends CulpritError {}

/**
 * Puts one `Culprit Verdict` event (source `culprit`) on the Culprit bus, every string redacted: rules on the bus
 * may send it anywhere.
 */
export async function publishVerdict(
  client: EventBridgeClient,
  eventBusName: string,
  verdict: Verdict,
  supersedes: readonly string[],
  redact: Redactor,
): Promise<void> {
  await putEvent(client, eventBusName, VERDICT_EVENT.detailType, verdictEventDetail(verdict, supersedes), {
    what: 'verdict',
    incidentId: verdict.incidentId,
    redact,
  });
}

/** Puts one `Culprit Verdict Withdrawn` event (source `culprit`) retracting `verdict`, redacted like a verdict. */
export async function publishWithdrawal(
  client: EventBridgeClient,
  eventBusName: string,
  verdict: Verdict,
  reason: WithdrawalReason,
  redact: Redactor,
): Promise<void> {
  await putEvent(client, eventBusName, VERDICT_WITHDRAWN_EVENT.detailType, withdrawalEventDetail(verdict, reason), {
    what: 'withdrawal',
    incidentId: verdict.incidentId,
    redact,
  });
}

async function putEvent(
  client: EventBridgeClient,
  eventBusName: string,
  detailType: string,
  detail: object,
  about: { readonly what: string; readonly incidentId: string; readonly redact: Redactor },
): Promise<void> {
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: VERDICT_EVENT.source,
          DetailType: detailType,
          Detail: JSON.stringify(redactDeep(detail, about.redact)),
        },
      ],
    }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) {
    const entry = result.Entries?.find((e) => e.ErrorCode !== undefined);
    throw new PublishFailedError(
      `EventBridge refused the ${about.what} of ${about.incidentId} on bus ${eventBusName}: ${entry?.ErrorCode ?? '?'} ${entry?.ErrorMessage ?? ''}`.trim(),
    );
  }
}
