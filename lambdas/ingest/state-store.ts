import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AnalysisOptionsInput } from '../core/analysis';
import {
  decodeOutbox,
  decodeState,
  encodeOutbox,
  encodeState,
  flushesFromApplied,
  outboxKey,
  packKeys,
  PipelineStateError,
  ServiceAnalysis,
  stateKey,
  unpackKeys,
  type AppliedFlush,
  type CommittedState,
  type Outbox,
} from '../core/pipeline';
import { TABLE_KEYS, expiresAt } from '../common';

export interface StateStoreOptions {
  readonly client: DynamoDBDocumentClient;
  /** Miner state table: one item per service. */
  readonly stateTable: string;
  /** Template counts table: outboxes live there because its TTL removes them. */
  readonly countsTable: string;
  /** Days an outbox is kept (the counts' TTL). */
  readonly outboxTtlDays: number;
  readonly analysis?: AnalysisOptionsInput;
}

const stateItemSchema = z.object({
  version: z.number().int().positive(),
  state: z.instanceof(Uint8Array),
  /** The flushes committed lately, each with its batch keys packed 12 bytes apiece. */
  flushes: z
    .array(
      z.object({ v: z.number().int().positive(), at: z.number().int().nonnegative(), k: z.instanceof(Uint8Array) }),
    )
    .optional(),
  /** Items written before ingest buffered deliveries: one `{ key, version }` per commit. */
  applied: z.array(z.object({ key: z.string(), version: z.number().int().positive() })).optional(),
});

const outboxItemSchema = z.object({ outbox: z.instanceof(Uint8Array) });

const STATE = TABLE_KEYS.minerState;
const COUNTS = TABLE_KEYS.templateCounts;

/**
 * The service state item and the outboxes, with optimistic concurrency: a commit names the version it was
 * built on and fails when another invocation committed first (see docs/operations.md, "Ingest and rank: state, concurrency and idempotency").
 */
export class StateStore {
  constructor(private readonly o: StateStoreOptions) {}

  /** The committed state (strongly consistent), or a fresh one at version 0. */
  async load(service: string): Promise<CommittedState> {
    const key = stateKey(service);
    const result = await this.o.client.send(
      new GetCommand({
        TableName: this.o.stateTable,
        Key: { [STATE.partitionKey]: key.pk, [STATE.sortKey]: key.sk },
        ConsistentRead: true,
      }),
    );
    if (result.Item === undefined)
      return { version: 0, analysis: new ServiceAnalysis(service, this.o.analysis), flushes: [] };
    const item = stateItemSchema.safeParse(result.Item);
    if (!item.success)
      throw new PipelineStateError(
        `state item of service ${service} in ${this.o.stateTable} is malformed: ${item.error.message}`,
        { cause: item.error },
      );
    return {
      version: item.data.version,
      analysis: new ServiceAnalysis(service, this.o.analysis, decodeState(item.data.state, service)),
      flushes:
        item.data.flushes?.map((f) => ({ version: f.v, at: f.at, keys: unpackKeys(f.k, service) })) ??
        flushesFromApplied(item.data.applied ?? []),
    };
  }

  /** Writes `analysis` as version `basedOn + 1` if `basedOn` is still the latest; false when it is not. */
  async commit(
    service: string,
    basedOn: number,
    analysis: ServiceAnalysis,
    flushes: readonly AppliedFlush[],
    nowMillis: number,
  ): Promise<boolean> {
    const key = stateKey(service);
    try {
      await this.o.client.send(
        new PutCommand({
          TableName: this.o.stateTable,
          Item: {
            [STATE.partitionKey]: key.pk,
            [STATE.sortKey]: key.sk,
            version: basedOn + 1,
            state: encodeState(analysis.toState(), service),
            flushes: flushes.map((f) => ({ v: f.version, at: f.at, k: packKeys(f.keys) })),
            service,
            updatedAt: nowMillis,
          },
          ...(basedOn === 0
            ? {
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': STATE.partitionKey },
              }
            : {
                ConditionExpression: '#version = :basedOn',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':basedOn': basedOn },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async putOutbox(service: string, outbox: Outbox, nowMillis: number): Promise<void> {
    const key = outboxKey(service, outbox.key, outbox.version);
    await this.o.client.send(
      new PutCommand({
        TableName: this.o.countsTable,
        Item: {
          [COUNTS.partitionKey]: key.pk,
          [COUNTS.sortKey]: key.sk,
          outbox: encodeOutbox(outbox),
          [COUNTS.ttlAttribute]: expiresAt(nowMillis, this.o.outboxTtlDays),
        },
      }),
    );
  }

  /** The outbox of a committed flush (stored under its first key). */
  async getOutbox(service: string, flush: AppliedFlush): Promise<Outbox | undefined> {
    const key = outboxKey(service, flush.keys[0] ?? '', flush.version);
    const result = await this.o.client.send(
      new GetCommand({
        TableName: this.o.countsTable,
        Key: { [COUNTS.partitionKey]: key.pk, [COUNTS.sortKey]: key.sk },
        ConsistentRead: true,
      }),
    );
    if (result.Item === undefined) return undefined;
    const item = outboxItemSchema.safeParse(result.Item);
    if (!item.success)
      throw new PipelineStateError(`outbox item ${key.sk} of service ${service} is malformed: ${item.error.message}`, {
        cause: item.error,
      });
    return decodeOutbox(item.data.outbox, service);
  }
}
