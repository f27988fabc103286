import type { z } from 'zod';
import { UnrecognisedDeployEventError } from '../errors';
import type { EventEnvelope } from '../event-envelope';
import { zodProblems } from '../zod-problems';

/** Parses `envelope.detail` with the reader's schema; a mismatch names the event and every problem. */
export function parseDetail<S extends z.ZodType>(schema: S, envelope: EventEnvelope): z.output<S> {
  const parsed = schema.safeParse(envelope.detail);
  if (!parsed.success) {
    throw new UnrecognisedDeployEventError(
      `event ${envelope.id} (${envelope.source} / ${envelope['detail-type']}) does not have the documented detail shape`,
      zodProblems(parsed.error, 'detail'),
      { cause: parsed.error },
    );
  }
  return parsed.data;
}

/** Epoch milliseconds of an ISO-8601 string, or a clear error naming the field. */
export function isoToMillis(value: string, field: string, envelope: EventEnvelope): number {
  const millis = Date.parse(value);
  if (!Number.isFinite(millis)) {
    throw new UnrecognisedDeployEventError(`event ${envelope.id} (${envelope.source}) has an unreadable timestamp`, [
      `${field}: not an ISO-8601 timestamp: ${JSON.stringify(value)}`,
    ]);
  }
  return millis;
}
