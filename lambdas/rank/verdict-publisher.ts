import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CulpritError } from '../core/errors';
import { redactDeep, type Redactor } from '../core/notify';
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
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: VERDICT_EVENT.source,
          DetailType: VERDICT_EVENT.detailType,
          Detail: JSON.stringify(redactDeep(verdictEventDetail(verdict, supersedes), redact)),
        },
      ],
    }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) {
    const entry = result.Entries?.find((e) => e.ErrorCode !== undefined);
    throw new PublishFailedError(
      `EventBridge refused the verdict of ${verdict.incidentId} on bus ${eventBusName}: ${entry?.ErrorCode ?? '?'} ${entry?.ErrorMessage ?? ''}`.trim(),
    );
  }
}
