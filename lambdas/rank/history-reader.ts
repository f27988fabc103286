import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { DetectOptions } from '../core/detect';
import { Detector } from '../core/detect';
import { decodeState, PipelineStateError, ServiceHistories, stateKey } from '../core/pipeline';
import { TABLE_KEYS } from '../shared';

export interface HistoryReaderOptions {
  readonly client: DynamoDBDocumentClient;
  /** Miner state table: one item per service, written by ingest. */
  readonly tableName: string;
  readonly detect: DetectOptions;
}

/** The part of ingest's state item rank reads: the compressed analyzer state. */
const stateItemSchema = z.looseObject({ state: z.instanceof(Uint8Array) });

const STATE = TABLE_KEYS.minerState;

/**
 * The services' own history, as the CLI's detector holds it, from the states ingest committed: rank explains
 * rewordings, load surges and behaviour changes on it exactly as the CLI does (lambdas/core/incidents
 * explainedIncidents). Built per invocation; each service's state is read and decoded once per batch.
 */
export class HistoryReader {
  private readonly detectors = new Map<string, Promise<Detector | undefined>>();

  constructor(private readonly o: HistoryReaderOptions) {}

  /** The history of `services` (a service ingest has not committed yet has none). */
  async of(services: Iterable<string>): Promise<ServiceHistories> {
    const wanted = [...new Set(services)];
    const loaded = await Promise.all(wanted.map((service) => this.detectorOf(service)));
    const detectors = new Map<string, Detector>();
    wanted.forEach((service, i) => {
      const detector = loaded[i];
      if (detector !== undefined) detectors.set(service, detector);
    });
    return new ServiceHistories(detectors);
  }

  private detectorOf(service: string): Promise<Detector | undefined> {
    let pending = this.detectors.get(service);
    if (pending === undefined) {
      pending = this.read(service);
      this.detectors.set(service, pending);
    }
    return pending;
  }

  private async read(service: string): Promise<Detector | undefined> {
    const key = stateKey(service);
    const result = await this.o.client.send(
      new GetCommand({
        TableName: this.o.tableName,
        Key: { [STATE.partitionKey]: key.pk, [STATE.sortKey]: key.sk },
        ProjectionExpression: '#state',
        ExpressionAttributeNames: { '#state': 'state' },
        ConsistentRead: true,
      }),
    );
    if (result.Item === undefined) return undefined;
    const item = stateItemSchema.safeParse(result.Item);
    if (!item.success)
      throw new PipelineStateError(
        `state item of service ${service} in ${this.o.tableName} is malformed: ${item.error.message}`,
        { cause: item.error },
      );
    return Detector.fromJSON(decodeState(item.data.state, service).detector, this.o.detect);
  }
}
