import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { IncidentGroup } from '../core/incidents';
import {
  incidentDays,
  incidentKey,
  incidentPartition,
  PipelineStateError,
  verdictKey,
  type Verdict,
} from '../core/pipeline';
import { queryItems } from '../common/dynamodb';
import { TABLE_KEYS, expiresAt } from '../common';
import type { SlackRecord } from '../notify';

/** `supersededBy` of an incident withdrawn because its evidence faded (see IncidentStore.withdraw). */
export const WITHDRAWN = 'withdrawn';

/**
 * `publishedKey` once the withdrawal was published: no verdict key (a JSON array) equals it, so an incident that
 * stands again after its withdrawal has its verdict published anew.
 */
export const WITHDRAWAL_PUBLISHED = 'withdrawn';

/** An incident item: the latest verdict, how much its view knew, and what was announced. */
export interface StoredIncident {
  readonly verdict: Verdict;
  readonly evidence: number;
  readonly deployCount: number;
  readonly verdictKey: string;
  /** The verdict key last published as an event, or {@link WITHDRAWAL_PUBLISHED} once its withdrawal was. */
  readonly publishedKey?: string | undefined;
  /** Ids of earlier incidents this one absorbed (its onset moved earlier). */
  readonly supersedes: string[];
  /** Set when a later view of the incident starts earlier and so has another id. */
  readonly supersededBy?: string | undefined;
  readonly anomalyIds: string[];
  /** What the incident's Slack message last said, and where it is (see markNotified). */
  readonly slack?: SlackRecord | undefined;
}

export type SaveOutcome =
  | { readonly outcome: 'written'; readonly previous: StoredIncident | undefined }
  /** The stored verdict came from a view at least as informed; it was kept. */
  | { readonly outcome: 'kept'; readonly current: StoredIncident };

export interface IncidentStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly ttlDays: number;
}

const INCIDENTS = TABLE_KEYS.incidents;

// The verdict itself is rank's own output, stored as JSON text; the fields rank decides on are checked.
const itemSchema = z.object({
  verdict: z.string(),
  evidence: z.number(),
  deployCount: z.number(),
  verdictKey: z.string(),
  publishedKey: z.string().optional(),
  supersedes: z.array(z.string()).default([]),
  supersededBy: z.string().optional(),
  anomalyIds: z.array(z.string()).default([]),
  slack: z.string().optional(),
});

// Stored as JSON text, so the conditional write in markNotified can compare it as a whole.
const slackRecordSchema = z.object({
  notified: z.object({
    blamed: z.string().nullable(),
    confidence: z.number(),
    resolved: z.boolean(),
    withdrawn: z.literal(true).optional(),
  }),
  thread: z.object({ channel: z.string().min(1), ts: z.string().min(1) }).optional(),
});

function toStored(item: Record<string, unknown>, where: string): StoredIncident {
  const parsed = itemSchema.safeParse(item);
  if (!parsed.success)
    throw new PipelineStateError(`incident item ${where} is malformed: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  const { slack, ...rest } = parsed.data;
  return {
    ...rest,
    verdict: withVerdictDefaults(JSON.parse(parsed.data.verdict) as Verdict),
    slack: slack === undefined ? undefined : parseSlackRecord(slack, where),
  };
}

/** Verdicts stored before they said their nature and whether they were early read as firm faults. */
function withVerdictDefaults(verdict: Verdict): Verdict {
  return { ...verdict, nature: verdict.nature ?? 'fault', provisional: verdict.provisional ?? false };
}

/** The stored text of a record, with its keys in one fixed order so equal records compare equal. */
function slackRecordText(record: SlackRecord): string {
  const { blamed, confidence, resolved, withdrawn } = record.notified;
  const notified = withdrawn === true ? { blamed, confidence, resolved, withdrawn } : { blamed, confidence, resolved };
  return JSON.stringify(
    record.thread === undefined
      ? { notified }
      : { notified, thread: { channel: record.thread.channel, ts: record.thread.ts } },
  );
}

function parseSlackRecord(text: string, where: string): SlackRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PipelineStateError(`incident item ${where} has a slack attribute that is not JSON`, { cause: error });
  }
  const parsed = slackRecordSchema.safeParse(value);
  if (!parsed.success)
    throw new PipelineStateError(`incident item ${where} has a malformed slack attribute: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  const { notified: read, thread } = parsed.data;
  const { withdrawn, ...said } = read;
  const notified = withdrawn === true ? { ...said, withdrawn } : said;
  return thread === undefined ? { notified } : { notified, thread };
}

/**
 * Incident items, partitioned by onset day. Writes are conditional on the view: a verdict replaces the stored
 * one only when it was computed from more evidence (anomaly revisions) or, on equal evidence, more deploys,
 * so concurrent rank invocations converge on the best-informed verdict whatever order they finish in.
 */
type ConditionalUpdate = Required<
  Pick<
    UpdateCommandInput,
    'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  >
>;

export class IncidentStore {
  constructor(private readonly o: IncidentStoreOptions) {}

  async save(
    verdict: Verdict,
    evidence: number,
    deployCount: number,
    supersedes: readonly string[],
    anomalyIds: readonly string[],
    nowMillis: number,
  ): Promise<SaveOutcome> {
    const key = incidentKey(verdict.start, verdict.incidentId);
    try {
      const result = await this.o.client.send(
        new UpdateCommand({
          TableName: this.o.tableName,
          Key: { [INCIDENTS.partitionKey]: key.pk, [INCIDENTS.sortKey]: key.sk },
          UpdateExpression:
            'SET #verdict = :verdict, #evidence = :evidence, #deployCount = :deployCount, #verdictKey = :verdictKey, #supersedes = :supersedes, ' +
            '#anomalyIds = :anomalyIds, #start = :start, #updatedAt = :now, #ttl = :ttl REMOVE #supersededBy',
          ConditionExpression:
            'attribute_not_exists(#pk) OR #evidence < :evidence OR (#evidence = :evidence AND #deployCount < :deployCount)',
          ExpressionAttributeNames: {
            '#pk': INCIDENTS.partitionKey,
            '#verdict': 'verdict',
            '#evidence': 'evidence',
            '#deployCount': 'deployCount',
            '#verdictKey': 'verdictKey',
            '#supersedes': 'supersedes',
            '#anomalyIds': 'anomalyIds',
            '#start': 'start',
            '#updatedAt': 'updatedAt',
            '#ttl': INCIDENTS.ttlAttribute,
            '#supersededBy': 'supersededBy',
          },
          ExpressionAttributeValues: {
            ':verdict': JSON.stringify(verdict),
            ':evidence': evidence,
            ':deployCount': deployCount,
            ':verdictKey': verdictKey(verdict),
            ':supersedes': [...supersedes],
            ':anomalyIds': [...anomalyIds],
            ':start': verdict.start,
            ':now': nowMillis,
            ':ttl': expiresAt(verdict.end, this.o.ttlDays),
          },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return {
        outcome: 'written',
        previous: result.Attributes === undefined ? undefined : toStored(result.Attributes, key.sk),
      };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const current = await this.get(verdict.start, verdict.incidentId);
    if (current === undefined)
      throw new PipelineStateError(`incident ${verdict.incidentId} refused a write but cannot be read`);
    return { outcome: 'kept', current };
  }

  async get(start: number, incidentId: string): Promise<StoredIncident | undefined> {
    const key = incidentKey(start, incidentId);
    const result = await this.o.client.send(
      new GetCommand({
        TableName: this.o.tableName,
        Key: { [INCIDENTS.partitionKey]: key.pk, [INCIDENTS.sortKey]: key.sk },
        ConsistentRead: true,
      }),
    );
    return result.Item === undefined ? undefined : toStored(result.Item, key.sk);
  }

  /**
   * Records that the withdrawal of `incidentId` was published, unless the incident stands again meanwhile (a
   * verdict saved since then removed `supersededBy`): the same `publishedKey` that keeps a verdict from being
   * published twice keeps its withdrawal from it.
   */
  async markWithdrawalPublished(start: number, incidentId: string): Promise<void> {
    await this.updateIf(start, incidentId, {
      UpdateExpression: 'SET #publishedKey = :published',
      ConditionExpression: '#supersededBy = :withdrawn',
      ExpressionAttributeNames: { '#publishedKey': 'publishedKey', '#supersededBy': 'supersededBy' },
      ExpressionAttributeValues: { ':published': WITHDRAWAL_PUBLISHED, ':withdrawn': WITHDRAWN },
    });
  }

  /** Records that `verdictKey` was published, unless a newer verdict replaced it meanwhile. */
  async markPublished(start: number, incidentId: string, verdictKey: string): Promise<void> {
    await this.updateIf(start, incidentId, {
      UpdateExpression: 'SET #publishedKey = :key',
      ConditionExpression: '#verdictKey = :key',
      ExpressionAttributeNames: { '#publishedKey': 'publishedKey', '#verdictKey': 'verdictKey' },
      ExpressionAttributeValues: { ':key': verdictKey },
    });
  }

  /**
   * Stores what Slack was last told about the incident, only if the stored record is still `previous`: when
   * two invocations notify at once, the first write wins and the other's record (a duplicate) is dropped.
   * Returns whether the record was stored.
   */
  async markNotified(
    start: number,
    incidentId: string,
    previous: SlackRecord | undefined,
    record: SlackRecord,
  ): Promise<boolean> {
    return this.updateIf(start, incidentId, {
      UpdateExpression: 'SET #slack = :record',
      ConditionExpression:
        previous === undefined ? 'attribute_exists(#pk) AND attribute_not_exists(#slack)' : '#slack = :previous',
      ExpressionAttributeNames: {
        '#slack': 'slack',
        ...(previous === undefined ? { '#pk': INCIDENTS.partitionKey } : {}),
      },
      ExpressionAttributeValues: {
        ':record': slackRecordText(record),
        ...(previous === undefined ? {} : { ':previous': slackRecordText(previous) }),
      },
    });
  }

  /**
   * Stored incidents that `group` now includes under another id (an earlier anomaly moved the onset): any
   * not yet superseded incident with an onset inside the group's span sharing one of its anomalies.
   */
  async overlapping(group: IncidentGroup): Promise<{ readonly id: string; readonly start: number }[]> {
    const found = await this.sharing(new Set(group.anomalies.map((a) => a.id)), group.start, group.end, false);
    return found.filter((incident) => incident.id !== group.id);
  }

  /**
   * Incidents with an onset in [`from`, `to`] that hold the anomaly `anomalyId` and are live or withdrawn: the
   * incidents a faded anomaly was part of, those an earlier attempt withdrew included (their withdrawal may still
   * have to be announced).
   */
  async holding(
    anomalyId: string,
    from: number,
    to: number,
  ): Promise<{ readonly id: string; readonly start: number; readonly withdrawn: boolean }[]> {
    return this.sharing(new Set([anomalyId]), from, to, true);
  }

  /**
   * Marks `incidentId` (onset `start`) as withdrawn: the anomalies that made it (a young rise judged on the rate it
   * promised) faded before it firmed up, and no incident forms from them any more. It leaves the live incidents as a
   * superseded one does; `supersededBy` says why.
   */
  async withdraw(incidentId: string, start: number): Promise<void> {
    await this.supersede(incidentId, start, WITHDRAWN);
  }

  /** Incidents with an onset in [`from`, `to`] sharing an anomaly with `ids`: live ones, and withdrawn ones if asked. */
  private async sharing(
    ids: ReadonlySet<string>,
    from: number,
    to: number,
    withdrawnToo: boolean,
  ): Promise<{ readonly id: string; readonly start: number; readonly withdrawn: boolean }[]> {
    const found: { id: string; start: number; withdrawn: boolean }[] = [];
    for (const day of incidentDays(from, to)) {
      const items = queryItems(this.o.client, {
        TableName: this.o.tableName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: withdrawnToo
          ? '#start BETWEEN :from AND :to AND (attribute_not_exists(#supersededBy) OR #supersededBy = :withdrawn)'
          : '#start BETWEEN :from AND :to AND attribute_not_exists(#supersededBy)',
        ExpressionAttributeNames: {
          '#pk': INCIDENTS.partitionKey,
          '#sk': INCIDENTS.sortKey,
          '#start': 'start',
          '#anomalyIds': 'anomalyIds',
          '#supersededBy': 'supersededBy',
        },
        ExpressionAttributeValues: {
          ':pk': incidentPartition(day),
          ':from': from,
          ':to': to,
          ...(withdrawnToo ? { ':withdrawn': WITHDRAWN } : {}),
        },
        ProjectionExpression: '#sk, #start, #anomalyIds, #supersededBy',
        ConsistentRead: true,
      });
      for await (const item of items) {
        const id: unknown = item[INCIDENTS.sortKey];
        const start: unknown = item.start;
        const anomalyIds: unknown = item.anomalyIds;
        if (typeof id !== 'string' || typeof start !== 'number' || !Array.isArray(anomalyIds)) continue;
        if (anomalyIds.some((a) => typeof a === 'string' && ids.has(a)))
          found.push({ id, start, withdrawn: item.supersededBy === WITHDRAWN });
      }
    }
    return found;
  }

  /** Marks `incidentId` (onset `start`) as replaced by `by`. */
  async supersede(incidentId: string, start: number, by: string): Promise<void> {
    await this.updateIf(start, incidentId, {
      UpdateExpression: 'SET #supersededBy = :by',
      ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#supersededBy)',
      ExpressionAttributeNames: { '#pk': INCIDENTS.partitionKey, '#supersededBy': 'supersededBy' },
      ExpressionAttributeValues: { ':by': by },
    });
  }

  /** One conditional update of the incident's item; false when the condition did not hold (someone else won). */
  private async updateIf(start: number, incidentId: string, update: ConditionalUpdate): Promise<boolean> {
    const key = incidentKey(start, incidentId);
    try {
      await this.o.client.send(
        new UpdateCommand({
          TableName: this.o.tableName,
          Key: { [INCIDENTS.partitionKey]: key.pk, [INCIDENTS.sortKey]: key.sk },
          ...update,
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }
}
