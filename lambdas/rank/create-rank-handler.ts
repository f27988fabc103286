import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from '../core/analysis';
import type { Detector } from '../core/detect';
import { InvalidInputError } from '../core/errors';
import { type IncidentGroup, mayJoinIncident } from '../core/incidents';
import {
  type AnomalyMessage,
  AnomalyMessageError,
  buildVerdict,
  evidenceOf,
  incidentAround,
  initialWindow,
  MAX_INCIDENT_WINDOW_MS,
  parseAnomalyMessage,
  pipelineAnalysisOptions,
  verdictKey,
  windowNeeded,
  type TimeWindow,
} from '../core/pipeline';
import { candidateDeploys, rankSuspects } from '../core/rank';
import { createRedactor, type Redactor } from '../core/notify';
import type { VerdictNotifier } from '../notify';
import type { RankEnv } from '../common';
import { AnomalyStore, type PutAnomalyOutcome } from './anomaly-store';
import { CountsReader } from './counts-reader';
import { DeployLookup } from './deploy-lookup';
import { HistoryReader } from './history-reader';
import { IncidentAnnouncer, type SlackStatus } from './incident-announcer';
import { IncidentStore, type StoredIncident } from './incident-store';

export interface RankHandlerDeps {
  readonly documentClient: DynamoDBDocumentClient;
  readonly eventBridge: EventBridgeClient;
  readonly env: Pick<
    RankEnv,
    | 'templateCountsTable'
    | 'minerStateTable'
    | 'deploysTable'
    | 'incidentsTable'
    | 'incidentsTtlDays'
    | 'eventBusName'
    | 'blameConfidence'
    | 'lookbackMinutes'
    | 'serviceMap'
  > &
    Partial<Pick<RankEnv, 'dependsOn'>>;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Options merged over the pipeline's (the environment's ranking settings over the core defaults). @default {} */
  readonly analysis?: AnalysisOptionsInput;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * Slack and Step Functions for a stored verdict, and Slack for a withdrawn one (lambdas/notify
   * createVerdictNotifier): given the incident's stored Slack record, returns what it did; failures are values,
   * never thrown. @default - nothing notified
   */
  readonly notify?: VerdictNotifier;
  /** Applied to every string of a published verdict event. @default createRedactor() (the built-in rules) */
  readonly redact?: Redactor;
}

/** What handling one anomaly message did. */
export interface RankRecordResult {
  readonly anomaly: PutAnomalyOutcome;
  /**
   * `none`: the anomaly is in no incident (too weak alone). `withdrawn`: it faded, no incident forms around it any
   * more, and the incidents it had made were withdrawn (`incidentId` names the first).
   */
  readonly incident: 'none' | 'written' | 'kept' | 'withdrawn';
  readonly incidentId?: string;
  /** Whether an event went on the bus: the verdict, or for `withdrawn`, a withdrawal. */
  readonly published: boolean;
  /** What the notifier did about Slack (absent when it did not run or has no Slack part). */
  readonly slack?: SlackStatus;
}

const sqsEventSchema = z.object({
  Records: z.array(
    z.looseObject({ messageId: z.string().min(1), body: z.string(), eventSource: z.literal('aws:sqs') }),
  ),
});

/** The rank function's batch handler: Powertools BatchProcessor over SQS, one record at a time. */
export function createRankHandler(
  deps: RankHandlerDeps,
): (event: unknown, context?: Context) => Promise<SQSBatchResponse> {
  const options = resolveAnalysisOptions(mergeOptions(pipelineAnalysisOptions(deps.env), deps.analysis ?? {}));
  // Built once: compiling the rules costs tens of milliseconds, too much for every invocation.
  const withRedactor = { ...deps, redact: deps.redact ?? createRedactor() };
  // Kept by the container: a service's state is decoded again only when ingest committed a new version.
  const decodedStates = new Map<string, { readonly version: number; readonly detector: Detector }>();
  const processor = new BatchProcessor(EventType.SQS);
  return async (event, context) => {
    const parsed = sqsEventSchema.safeParse(event);
    if (!parsed.success)
      throw new InvalidInputError(
        `rank event is not an SQS event: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    // Per invocation: the service registry and deploy queries are shared by the batch's records.
    const handleRecord = createRecordHandler(withRedactor, options, decodedStates);
    try {
      return await processPartialResponse(parsed.data, handleRecord, processor, {
        ...(context === undefined ? {} : { context }),
        // One after another: records of a batch mostly belong to one incident, and each then sees the last one's write.
        processInParallel: false,
        // Every record failing is reported like any partial failure; the event source returns them all to the queue.
        throwOnFullBatchFailure: false,
      });
    } finally {
      // Only when there is something: an empty publish logs a warning on every invocation.
      if (deps.metrics?.hasStoredMetrics() === true) deps.metrics.publishStoredMetrics();
    }
  };
}

/** Handles one anomaly message: store it, regroup its incident, rank, store the verdict, announce a change. */
export function createRecordHandler(
  deps: RankHandlerDeps,
  options: AnalysisOptions,
  decodedStates?: Map<string, { readonly version: number; readonly detector: Detector }>,
): (record: SQSRecord) => Promise<RankRecordResult> {
  const now = deps.now ?? Date.now;
  const redact = deps.redact ?? createRedactor();
  const anomalies = new AnomalyStore({
    client: deps.documentClient,
    tableName: deps.env.incidentsTable,
    ttlDays: deps.env.incidentsTtlDays,
  });
  const incidents = new IncidentStore({
    client: deps.documentClient,
    tableName: deps.env.incidentsTable,
    ttlDays: deps.env.incidentsTtlDays,
  });
  const deployLookup = new DeployLookup(
    { client: deps.documentClient, tableName: deps.env.deploysTable },
    { client: deps.documentClient, tableName: deps.env.templateCountsTable },
    [...new Set(Object.values(deps.env.serviceMap))],
  );
  const counts = new CountsReader({
    client: deps.documentClient,
    tableName: deps.env.templateCountsTable,
    bucketMs: options.detect.bucketMs,
    mixWindowMs: options.rank.mixWindowMs,
  });
  const announcer = new IncidentAnnouncer({
    incidents,
    eventBridge: deps.eventBridge,
    eventBusName: deps.env.eventBusName,
    redact,
    notify: deps.notify,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const histories = new HistoryReader({
    client: deps.documentClient,
    tableName: deps.env.minerStateTable,
    detect: options.detect,
    ...(decodedStates === undefined ? {} : { decoded: decodedStates }),
  });

  /** The whole incident `anomaly` belongs to, loading wider windows until nothing outside can chain onto it. */
  async function incidentOf(
    anomaly: AnomalyMessage['anomaly'],
    window: TimeWindow,
  ): Promise<{ group: IncidentGroup; evidence: number } | undefined> {
    let loaded = window;
    for (;;) {
      const { anomalies: list, revisions } = await anomalies.load(loaded);
      const source = await histories.of(list.map((a) => a.service));
      const group = incidentAround(list, anomaly, options.incidents, {
        source,
        bucketMs: options.detect.bucketMs,
      });
      if (group === undefined) return undefined;
      const wider = windowNeeded(group, loaded, options.incidents);
      if (wider === undefined || wider.to - wider.from > MAX_INCIDENT_WINDOW_MS) {
        if (wider !== undefined)
          deps.logger.warn('incident reaches beyond the widest window; ranked on part of it', {
            incidentId: group.id,
            window: loaded,
          });
        return { group, evidence: evidenceOf(group, list, revisions, options.incidents) };
      }
      loaded = wider;
    }
  }

  /**
   * Withdraws the incidents `anomaly` was part of, now that no incident forms around it, and announces each
   * withdrawal where its verdict went. Those an earlier attempt withdrew come too: a redelivery finishes their
   * announcement. Returns the first incident's id, whether a withdrawal was published, and what Slack was told.
   */
  async function withdrawAround(
    anomaly: AnomalyMessage['anomaly'],
  ): Promise<Pick<RankRecordResult, 'incidentId' | 'published' | 'slack'> | undefined> {
    const held = await incidents.holding(anomaly.id, anomaly.firstSeen - MAX_INCIDENT_WINDOW_MS, anomaly.firstSeen);
    let published = false;
    let slack: SlackStatus | undefined;
    for (const incident of held) {
      if (!incident.withdrawn) {
        await incidents.withdraw(incident.id, incident.start);
        deps.logger.info('incident withdrawn: its anomalies faded', { incidentId: incident.id });
      }
      // Read back: a concurrent invocation may have superseded it or made it stand again meanwhile.
      const stored = await incidents.get(incident.start, incident.id);
      if (stored === undefined) continue;
      if (await announcer.publishWithdrawal(stored, 'anomalies-faded')) published = true;
      slack = (await announcer.notifyWithdrawal(stored, 'anomalies-faded')) ?? slack;
    }
    const first = held[0];
    if (first === undefined) return undefined;
    return { incidentId: first.id, published, ...(slack === undefined ? {} : { slack }) };
  }

  return async (record) => {
    let message: AnomalyMessage;
    try {
      message = parseAnomalyMessage(record.body, `SQS message ${record.messageId}`);
    } catch (error) {
      if (error instanceof AnomalyMessageError)
        deps.logger.error('anomaly message rejected', { messageId: record.messageId, error });
      throw error;
    }
    const { outcome: stored, previous } = await anomalies.put(message);
    deps.metrics?.addMetric(stored === 'stored' ? 'AnomaliesStored' : 'AnomaliesIgnored', MetricUnit.Count, 1);
    // An anomaly too weak for any incident, and as weak in the revision it replaced, changes no incident. One that
    // weakened (a young rise that ended) regroups: it leaves the incident it was in, which is ranked again without
    // it. A repeated or outdated message still regroups (read-only unless something is missing): it finishes the
    // work of an earlier attempt that stored the anomaly and then failed.
    const minScore = options.incidents.minScore;
    if (
      stored === 'stored' &&
      !mayJoinIncident(message.anomaly, minScore) &&
      (previous === undefined || !mayJoinIncident(previous, minScore))
    )
      return { anomaly: stored, incident: 'none', published: false };
    const found = await incidentOf(message.anomaly, initialWindow(message.anomaly, options.incidents));
    if (found === undefined) {
      // It could join an incident before and nothing forms around it now (a young rise that ended): the incidents it
      // made no longer stand, as the CLI, reading the same anomalies at the end, does not report them. A repeated or
      // outdated message looks too: it finishes an earlier attempt that stored the faded revision and then failed.
      const faded = previous !== undefined && mayJoinIncident(previous, minScore);
      const withdrawn = faded || stored !== 'stored' ? await withdrawAround(message.anomaly) : undefined;
      return withdrawn === undefined
        ? { anomaly: stored, incident: 'none', published: false }
        : { anomaly: stored, incident: 'withdrawn', ...withdrawn };
    }
    const { group, evidence } = found;

    const rank = options.rank;
    const deploys = await deployLookup.deploys(
      { from: group.start - rank.lookbackMs, to: group.end + rank.mixWindowMs },
      group.services,
    );
    const mix = await counts.mixFor(candidateDeploys(group, deploys, rank));
    const verdict = buildVerdict(group, rankSuspects(group, deploys, rank, mix));
    const replaced = await incidents.overlapping(group);
    const saved = await incidents.save(
      verdict,
      evidence,
      deploys.length,
      replaced.map((r) => r.id),
      group.anomalies.map((a) => a.id),
      now(),
    );
    let current: StoredIncident;
    if (saved.outcome === 'written') {
      for (const old of replaced) await incidents.supersede(old.id, old.start, verdict.incidentId);
      current = {
        verdict,
        evidence: evidence,
        deployCount: deploys.length,
        verdictKey: verdictKey(verdict),
        publishedKey: saved.previous?.publishedKey,
        supersedes: replaced.map((r) => r.id),
        anomalyIds: group.anomalies.map((a) => a.id),
        slack: saved.previous?.slack,
      };
      deps.metrics?.addMetric('VerdictsStored', MetricUnit.Count, 1);
    } else {
      current = saved.current;
    }
    const published = await announcer.publishVerdict(current);
    const slack = await announcer.notifyVerdict(current);
    return {
      anomaly: stored,
      incident: saved.outcome,
      incidentId: verdict.incidentId,
      published,
      ...(slack === undefined ? {} : { slack }),
    };
  };
}

function mergeOptions(base: AnalysisOptionsInput, over: AnalysisOptionsInput): AnalysisOptionsInput {
  return {
    ...base,
    ...over,
    rank: { ...base.rank, ...over.rank, weights: { ...base.rank?.weights, ...over.rank?.weights } },
  };
}
