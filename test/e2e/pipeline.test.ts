import { analyze } from '../../lambdas/core/analysis';
import {
  decodeSubscriptionEvent,
  encodeKinesisEvent,
  pipelineAnalysisOptions,
  type SubscriptionPayload,
} from '../../lambdas/core/pipeline';
import { generateScenario, type ScenarioEvent } from '../../bench/scenarios';
import { subscriptionEvent } from './support/lambda-events';
import { preparePipeline, startPipelineServers, type PipelineServers } from './support/pipeline-world';

let servers: PipelineServers;

beforeAll(async () => {
  servers = await startPipelineServers();
});

afterAll(async () => {
  await servers.stop();
});

/** Cuts one service's time-ordered lines into deliveries as CloudWatch Logs does: at most `maxEvents` events or one minute each. */
function deliveries(events: readonly ScenarioEvent[], maxEvents = 400): ScenarioEvent[][] {
  const out: ScenarioEvent[][] = [];
  let current: ScenarioEvent[] = [];
  for (const event of events) {
    if (
      current.length === maxEvents ||
      (current.length > 0 && event.timestamp - (current[0]?.timestamp ?? 0) >= 60_000)
    ) {
      out.push(current);
      current = [];
    }
    current.push(event);
  }
  if (current.length > 0) out.push(current);
  return out;
}

const logGroupOf = (service: string) => `/culprit-e2e/${service}`;

/** Records per invocation when the log groups deliver through the Kinesis transport. */
const KINESIS_BATCH = 25;

/** Per scenario run: it asserts verdicts, never timings. */
const E2E_TIMEOUT_MS = 240_000;

/** Every service's deliveries as a stream holds them: the services interleaved by time, each in its own order. */
function streamRecords(events: readonly ScenarioEvent[], services: readonly string[]): SubscriptionPayload[] {
  const payloads = services.flatMap((service) =>
    deliveries(events.filter((e) => e.service === service)).map((batch) =>
      decodeSubscriptionEvent(subscriptionEvent(logGroupOf(service), batch, `${service}/main`)),
    ),
  );
  return payloads.sort((a, b) => (a.logEvents[0]?.timestamp ?? 0) - (b.logEvents[0]?.timestamp ?? 0));
}

describe('the pipeline end to end: CloudWatch Logs deliveries → ingest → SQS → rank → incidents and EventBridge', () => {
  it.each([
    ['buffering deliveries in the container (the default flush interval) and flushing at the end', undefined, 'lambda'],
    ['committing every delivery (flush interval 0)', 0, 'lambda'],
    [`delivered through the Kinesis transport, ${KINESIS_BATCH} deliveries an invocation`, undefined, 'kinesis'],
  ] as const)(
    'stores, for every incident of a bad-deploy scenario, the verdict the CLI core reaches on the same logs and deploys, %s',
    async (_mode, ingestFlushIntervalMs, transport) => {
      // Prepare: a one-hour scenario of three services (loghub-2k lines; see its LICENSE) in which one deploy breaks
      // its service (the seed is one where the core blames that deploy); its deploys recorded as the deploys
      // function would; a service map naming each log group.
      const scenario = generateScenario({
        seed: 'e2e-4',
        kind: 'bad-deploy',
        durationMinutes: 60,
        rate: { min: 1, max: 3 },
        services: { min: 3, max: 3 },
      });
      const events = [...scenario.events()];
      const services = [...new Set(events.map((e) => e.service))];
      const settings = { lookbackMinutes: 60, blameConfidence: 0.5 };
      const world = await preparePipeline(servers, {
        ...settings,
        serviceMap: Object.fromEntries(services.map((s) => [logGroupOf(s), s])),
        ...(ingestFlushIntervalMs === undefined ? {} : { ingestFlushIntervalMs }),
      });
      await world.recordDeploys(scenario.deploys);

      // Act: each service's log delivered to ingest in time order (services side by side), then the anomaly
      // queue handed to rank in batches of ten, as the SQS event source does. The container then shuts down,
      // flushing what it still buffers (anomaly changes were flushed as they appeared).
      const failedRecords: string[] = [];
      if (transport === 'lambda') {
        await Promise.all(
          services.map(async (service) => {
            for (const batch of deliveries(events.filter((e) => e.service === service)))
              await world.ingest(subscriptionEvent(logGroupOf(service), batch, `${service}/main`));
          }),
        );
      } else {
        const records = streamRecords(events, services);
        for (let from = 0; from < records.length; from += KINESIS_BATCH) {
          const result = await world.ingest(
            encodeKinesisEvent(records.slice(from, from + KINESIS_BATCH), BigInt(from)),
          );
          if (result.outcome === 'batch') failedRecords.push(...result.batchItemFailures.map((f) => f.itemIdentifier));
          else failedRecords.push(`not a batch result: ${result.outcome}`);
        }
      }
      const shutdown = await world.ingest.flushAll('shutdown');
      const drained = await world.runRank();
      const expected = await analyze(events, scenario.deploys, pipelineAnalysisOptions(settings));
      const stored = await world.incidents(scenario.spec.timeline.start, scenario.spec.timeline.end);
      const published = await world.bus.take();

      // Assess: the same incidents, each with the same suspects in the same order, the same blame and confidences.
      const live = stored.filter((item) => item.supersededBy === undefined);
      expect(failedRecords).toEqual([]);
      expect(shutdown.failed).toEqual([]);
      expect(drained.failures).toBe(0);
      expect(expected.incidents.length).toBeGreaterThan(0);
      expect(live.map((item) => item.verdict.incidentId).sort()).toEqual(
        expected.incidents.map((incident) => incident.id).sort(),
      );
      for (const incident of expected.incidents) {
        const verdict = live.find((item) => item.verdict.incidentId === incident.id)?.verdict;
        expect({
          incident: incident.id,
          anomalies: verdict?.anomalies.map((a) => a.id).sort(),
          suspects: verdict?.suspects.map((s) => [s.deployId, s.blamed, s.confidence]),
          unexplained: verdict?.unexplained,
        }).toEqual({
          incident: incident.id,
          anomalies: incident.anomalies.map((a) => a.id).sort(),
          suspects: incident.suspects.map((s) => [s.deployId, s.blamed, s.confidence]),
          unexplained: incident.unexplained,
        });
      }

      // A deploy is blamed, and the last Culprit Verdict event of its incident names it.
      const blamed = expected.incidents.flatMap((incident) =>
        incident.suspects.filter((s) => s.blamed).map((s) => [incident.id, s.deployId]),
      );
      expect(blamed.length).toBeGreaterThan(0);
      const announced = published.filter(
        (event) => event['detail-type'] === 'Culprit Verdict' && event.source === 'culprit',
      );
      const lastAnnounced = new Map(
        announced.map((event) => [
          event.detail.incidentId,
          (event.detail.blamed as { deployId?: string } | null)?.deployId,
        ]),
      );
      for (const [incidentId, deployId] of blamed) expect(lastAnnounced.get(incidentId)).toBe(deployId);
    },
    // A whole scenario through real servers: several times the default timeout when other work shares the cores.
    E2E_TIMEOUT_MS,
  );
});
