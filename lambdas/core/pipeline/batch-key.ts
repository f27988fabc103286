import { createHash } from 'node:crypto';
import type { SubscriptionPayload } from './subscription-payload';

/**
 * Identifies a delivered batch: CloudWatch Logs event ids are unique, so the log group, stream and the
 * ids name the batch however often it is delivered. 96 bits, base64url (16 characters).
 */
export function batchKeyOf(payload: SubscriptionPayload): string {
  const hash = createHash('sha256').update(payload.logGroup).update('\n').update(payload.logStream);
  for (const event of payload.logEvents) hash.update('\n').update(event.id);
  return hash.digest('base64url').slice(0, 16);
}
