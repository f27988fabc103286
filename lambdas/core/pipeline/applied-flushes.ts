import { PipelineStateError } from './errors';
import type { AppliedBatch } from './applied-batches';

/**
 * One committed flush: the deliveries (batch keys, in the order they were applied) that state version
 * `version` added, and when it was committed. Kept with the service state so a delivery Lambda or
 * CloudWatch Logs hands over again is recognised and not applied twice. The flush's outbox is stored under
 * its first key (`outboxKey(service, keys[0], version)`).
 */
export interface AppliedFlush {
  readonly version: number;
  /** Epoch ms of the commit; 0 for entries carried over from the one-delivery-per-commit format. */
  readonly at: number;
  readonly keys: readonly string[];
}

/**
 * Most batch keys remembered per service. A flush's keys are always all kept (it must be recognisable as a
 * whole), older flushes are forgotten first. A redelivery of a committed delivery happens when an invocation
 * dies during the flush that committed it (Lambda retries asynchronous invocations about 1 and 2 minutes
 * later) or when CloudWatch Logs delivers a batch twice; 2,000 keys cover more than three minutes at ten
 * deliveries per second for one service. Stored as 12 bytes per key, the list costs at most about 24 KB (24
 * write units) per commit, and much less at low volume thanks to {@link APPLIED_MAX_AGE_MS}.
 * @default 2000
 */
export const APPLIED_KEYS_KEPT = 2000;

/**
 * Flushes older than this (relative to the newest) are forgotten whatever the count: past Lambda's two
 * retries, a redelivery is not expected, and a shorter list is a cheaper commit.
 * @default 600000 (10 minutes)
 */
export const APPLIED_MAX_AGE_MS = 600_000;

/** The flush holding delivery `key`, if the state remembers it. */
export function findFlush(flushes: readonly AppliedFlush[], key: string): AppliedFlush | undefined {
  return flushes.find((flush) => flush.keys.includes(key));
}

/** The list after committing `flush`: newest last; oldest flushes dropped beyond the bounds, never `flush` itself. */
export function withFlush(
  flushes: readonly AppliedFlush[],
  flush: AppliedFlush,
  bounds: { readonly maxKeys: number; readonly maxAgeMs: number } = {
    maxKeys: APPLIED_KEYS_KEPT,
    maxAgeMs: APPLIED_MAX_AGE_MS,
  },
): AppliedFlush[] {
  const next = [...flushes, flush];
  let keys = next.reduce((n, f) => n + f.keys.length, 0);
  let drop = 0;
  while (drop < next.length - 1) {
    const oldest = next[drop];
    if (oldest === undefined || (keys <= bounds.maxKeys && oldest.at >= flush.at - bounds.maxAgeMs)) break;
    keys -= oldest.keys.length;
    drop++;
  }
  return next.slice(drop);
}

/** Entries of the earlier format (one `{ key, version }` per commit) as flushes of one delivery each. */
export function flushesFromApplied(applied: readonly AppliedBatch[]): AppliedFlush[] {
  return applied.map((entry) => ({ version: entry.version, at: 0, keys: [entry.key] }));
}

/** Bytes of one batch key: 16 base64url characters are 96 bits (see batchKeyOf). */
const KEY_BYTES = 12;

/** A flush's keys as one binary value, 12 bytes per key (about a third of the size of a list of strings). */
export function packKeys(keys: readonly string[]): Uint8Array {
  const out = Buffer.alloc(keys.length * KEY_BYTES);
  keys.forEach((key, index) => {
    const raw = Buffer.from(key, 'base64url');
    if (raw.length !== KEY_BYTES || raw.toString('base64url') !== key) {
      throw new PipelineStateError(
        `batch key ${JSON.stringify(key)} is not 16 base64url characters (as batchKeyOf makes them); it cannot be stored`,
      );
    }
    raw.copy(out, index * KEY_BYTES);
  });
  return out;
}

export function unpackKeys(bytes: Uint8Array, service: string): string[] {
  if (bytes.length % KEY_BYTES !== 0)
    throw new PipelineStateError(
      `applied keys of service ${service} are ${bytes.length} bytes, not a multiple of ${KEY_BYTES}`,
    );
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const keys: string[] = [];
  for (let offset = 0; offset < buffer.length; offset += KEY_BYTES)
    keys.push(buffer.subarray(offset, offset + KEY_BYTES).toString('base64url'));
  return keys;
}
