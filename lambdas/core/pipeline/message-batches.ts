import { InvalidInputError } from '../errors';

/** SQS limits on one SendMessageBatch call. */
export const SQS_BATCH_LIMITS = {
  /** Entries per call. @default 10 */
  maxEntries: 10,
  /** Sum of the message bodies per call (and the most one message may hold): 256 KiB. @default 262144 */
  maxBytes: 262_144,
} as const;

export interface OutgoingMessage {
  /** Unique within one call (SQS batch entry id: letters, digits, `-`, `_`, at most 80). */
  readonly id: string;
  readonly body: string;
}

/**
 * Packs messages, in order, into SendMessageBatch calls of at most `maxEntries` entries and `maxBytes`
 * bytes of bodies. A single message over `maxBytes` can never be sent and is an error.
 */
export function packMessages(
  messages: readonly OutgoingMessage[],
  limits: { readonly maxEntries: number; readonly maxBytes: number } = SQS_BATCH_LIMITS,
): OutgoingMessage[][] {
  const batches: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = Buffer.byteLength(message.body, 'utf8');
    if (size > limits.maxBytes)
      throw new InvalidInputError(`message ${message.id} is ${size} bytes, over the SQS limit of ${limits.maxBytes}`);
    if (current.length === limits.maxEntries || bytes + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
