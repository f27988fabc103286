import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { DetectOptions } from '../core/detect';
import { Detector } from '../core/detect';
import { decodeState, PipelineStateError, ServiceHistories, stateKey } from '../core/pipeline';
import { TABLE_KEYS } from '../common';

export interface HistoryReaderOptions {
  readonly client: DynamoDBDocumentClient;
  /** Miner state table: one item per service, written by ingest. */
  readonly tableName: string;
  readonly detect: DetectOptions;
  /**
   * Decoded states kept between invocations, by service, with the state version they were decoded from: an
   * unchanged state is not decoded again. @default a new, empty cache
   */
  readonly decoded?: Map<string, { readonly version: number; readonly detector: Detector }>;
}

/** The part of ingest's state item rank reads: the compressed analyzer state. */
const stateItemSchema = z.looseObject({ version: z.number().int().positive(), state: z.instanceof(Uint8Array) });

const STATE = TABLE_KEYS.minerState;

/**
 * The services' own history, as the CLI's detector holds it, from the states ingest committed: rank explains
 * rewordings, load surges and behaviour changes on it exactly as the CLI does (lambdas/core/incidents
 * explainedIncidents). Built per invocation; each service's state is read and decoded once per batch.
 */
export class HistoryReader {
  private readonly detectors = new Map<string, Promise<Detector | undefined>>();
  private readonly decoded: NonNullable<HistoryReaderOptions['decoded']>;

  constructor(private readonly o: HistoryReaderOptions) {
    this.decoded = o.decoded ?? new Map();
  }

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
        ProjectionExpression: '#state, #version',
        ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
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
    const known = this.decoded.get(service);
    if (known?.version === item.data.version) return known.detector;
    const detector = Detector.fromJSON(decodeState(item.data.state, service).detector, this.o.detect);
    this.decoded.set(service, { version: item.data.version, detector });
    return detector;
  }
}
