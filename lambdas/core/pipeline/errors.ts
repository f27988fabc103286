import { InvalidInputError } from '../errors';

/**
 * A CloudWatch Logs subscription event ingest cannot read: not base64, not gzip, not JSON, or not the
 * subscription schema. The message names which; the invocation fails so Lambda retries it and then keeps
 * it in the ingest dead-letter queue, where the payload can be inspected.
 */
export class SubscriptionPayloadError extends InvalidInputError {}

/** An anomaly queue message rank cannot read; reported as a batch item failure (then the anomaly DLQ). */
export class AnomalyMessageError extends InvalidInputError {}

/** A serialised miner/detector state that cannot be restored (corrupt, or written by an incompatible version). */
export class PipelineStateError extends InvalidInputError {}

/** The message of anything thrown (Node's own errors can come from another realm, failing `instanceof Error`). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message;
  return String(error);
}
