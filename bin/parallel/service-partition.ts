/**
 * `culprit analyze` on several threads when the files cannot be spread (one big export of many services, or a
 * service in two files): the main thread reads the input exactly as the sequential analysis does, sends each
 * event's message to the worker that owns its service (header parsing and mining are per service, and most of the
 * cost), and feeds the detector with the mined lines in input order. Every service is mined by one miner, in input
 * order, and the detector sees the same lines in the same order, so the answer is the sequential one, byte for byte.
 */
import type { Worker } from 'node:worker_threads';
import type { Analyzer, LeveledLogEvent, MinedMessage } from '../../lambdas/core/analysis';
import { headerAfterRedaction } from '../../lambdas/core/analysis';
import type { TemplateMerge } from '../../lambdas/core/drain';
import type { LogEvent } from '../../lambdas/core/schemas';
import { CHANGED_FLAG, LEVEL_SHIFT, LEVELS, type MinedLines, type ServiceLines, type WorkerMessage } from './protocol';
import { rebuildError, spawnWorker } from './worker-pool';

export const SERVICE_PARTITION_DEFAULTS = {
  /**
   * Batches sent ahead of the one being fed to the detector: enough that workers never wait for the main thread,
   * few enough that memory stays a few batches' worth.
   * @default 8
   */
  batchesAhead: 8,
  /**
   * Events sent to the workers at a time: the reader's batches (one per 64 KiB read, a few hundred events) are
   * gathered up to this many, so that messages, answers and awaits are counted per few thousand lines.
   * @default 4096
   */
  sendEvents: 4096,
} as const;

export interface ServicePartitionOptions {
  /** The events in input order, as the sequential analysis reads them. */
  readonly batches: AsyncIterable<readonly LogEvent[]>;
  /** Worker threads. */
  readonly threads: number;
  /** Fed through `pushMined`; its `options.miner` configure the workers' miners. */
  readonly analyzer: Analyzer;
  /** Applied to every message before anything else, as the sequential analysis does. */
  readonly redact: ((line: string) => string) | undefined;
  readonly onProgress: (lines: number, bytes: number) => void;
  readonly progressEvery: number;
}

/** What the main thread keeps of one worker: the services it owns and the templates it named. */
interface WorkerSide {
  readonly worker: Worker;
  readonly serviceIndex: Map<string, number>;
  readonly templateId: string[];
  /** Each template's text as of the last line fed. */
  readonly templateText: string[];
  /** Lines sent so far: the load that places new services. */
  lines: number;
  /** Answers received, by batch number, until that batch is fed. */
  readonly answers: Map<number, MinedLines>;
}

/** One batch read: its events (messages redacted) and the worker each went to. */
interface SentBatch {
  readonly events: readonly LogEvent[];
  readonly messages: readonly string[];
  readonly owners: Uint8Array;
}

const NO_MERGES: readonly TemplateMerge[] = Object.freeze([]);

/** Mines on `threads` workers, partitioned by service, and feeds the analyzer; resolves to the events fed. */
export async function analyzeByService(options: ServicePartitionOptions): Promise<number> {
  const { analyzer, redact } = options;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const fail = (error: Error): void => {
    failure ??= error;
    notify();
  };
  const sides: WorkerSide[] = Array.from({ length: options.threads }, () => {
    const side: WorkerSide = {
      worker: spawnWorker('service-mining-worker', analyzer.options.miner),
      serviceIndex: new Map(),
      templateId: [],
      templateText: [],
      lines: 0,
      answers: new Map(),
    };
    side.worker.on('message', (message: WorkerMessage | MinedLines) => {
      if (message.kind === 'failure') return fail(rebuildError(message.error, 'service mining'));
      if (message.kind !== 'mined') return;
      for (const id of message.newTemplates) {
        side.templateId.push(id);
        side.templateText.push('');
      }
      side.answers.set(message.batch, message);
      notify();
    });
    side.worker.on('error', (error: Error) => fail(error));
    return side;
  });
  const owner = new Map<string, number>();
  const sent: SentBatch[] = [];
  let sentCount = 0;
  let fedCount = 0;
  let lines = 0;
  let bytes = 0;

  const send = (events: readonly LogEvent[]): void => {
    const messages = events.map((event) => (redact === undefined ? event.message : redact(event.message)));
    const owners = new Uint8Array(events.length);
    const parts = sides.map(() => ({
      newServices: [] as string[],
      services: [] as number[],
      messages: [] as string[],
      headers: [] as number[],
    }));
    for (let index = 0; index < events.length; index++) {
      const service = (events[index] as LogEvent).service;
      let worker = owner.get(service);
      if (worker === undefined) {
        // A new service goes to the worker with the fewest lines so far.
        worker = sides.reduce((least, side, at) => (side.lines < (sides[least] as WorkerSide).lines ? at : least), 0);
        owner.set(service, worker);
      }
      owners[index] = worker;
      const side = sides[worker] as WorkerSide;
      const part = parts[worker] as (typeof parts)[number];
      let serviceIndex = side.serviceIndex.get(service);
      if (serviceIndex === undefined) {
        serviceIndex = side.serviceIndex.size;
        side.serviceIndex.set(service, serviceIndex);
        part.newServices.push(service);
      }
      part.services.push(serviceIndex);
      part.messages.push(messages[index] as string);
      const event = events[index] as LeveledLogEvent;
      part.headers.push(headerAfterRedaction(event.message, messages[index] as string, event.headerLength) ?? -1);
      side.lines += 1;
    }
    sides.forEach((side, worker) => {
      const part = parts[worker] as (typeof parts)[number];
      const request: ServiceLines = {
        batch: sentCount,
        newServices: part.newServices,
        services: Uint32Array.from(part.services),
        messages: part.messages,
        headers: Int32Array.from(part.headers),
      };
      side.worker.postMessage(request, [request.services.buffer as ArrayBuffer, request.headers.buffer as ArrayBuffer]);
    });
    sent.push({ events, messages, owners });
    sentCount += 1;
  };

  /** Feeds the oldest batch sent once every worker has answered it. */
  const feedOldest = async (): Promise<void> => {
    const batch = fedCount;
    for (;;) {
      if (failure !== undefined) throw failure;
      if (sides.every((side) => side.answers.has(batch))) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    const answers = sides.map((side) => {
      const answer = side.answers.get(batch) as MinedLines;
      side.answers.delete(batch);
      return { answer, line: 0, text: 0, alias: 0 };
    });
    const { events, messages, owners } = sent.shift() as SentBatch;
    for (let index = 0; index < events.length; index++) {
      const event = events[index] as LeveledLogEvent;
      const worker = owners[index] as number;
      const cursor = answers[worker] as (typeof answers)[number];
      const side = sides[worker] as WorkerSide;
      const { answer } = cursor;
      const line = cursor.line++;
      bytes += event.message.length + 1;
      const template = answer.templates[line] as number;
      if (template < 0) {
        analyzer.skipMined(event.service);
        continue;
      }
      let merged = NO_MERGES;
      const aliases = answer.aliases[cursor.alias];
      if (aliases !== undefined && aliases.at === line) {
        const merges: TemplateMerge[] = [];
        for (let pair = 0; pair < aliases.pairs.length; pair += 2)
          merges.push({ from: aliases.pairs[pair] as string, into: aliases.pairs[pair + 1] as string });
        merged = merges;
        cursor.alias += 1;
      }
      const flags = answer.flags[line] as number;
      const changed = (flags & CHANGED_FLAG) !== 0;
      if (changed) side.templateText[template] = answer.changedTexts[cursor.text++] as string;
      const mined: MinedMessage = {
        templateId: side.templateId[template] as string,
        template: side.templateText[template] as string,
        changed,
        // The event's own level wins over the header's, as in the sequential analysis.
        level: event.level ?? LEVELS[flags >> LEVEL_SHIFT],
        merged,
      };
      analyzer.pushMined(event.timestamp, event.service, mined, messages[index] as string);
    }
    fedCount += 1;
    const before = lines;
    lines += events.length;
    if (Math.floor(lines / options.progressEvery) !== Math.floor(before / options.progressEvery))
      options.onProgress(lines, bytes);
  };

  try {
    let gathered: LogEvent[] = [];
    const sendGathered = async (): Promise<void> => {
      send(gathered);
      gathered = [];
      if (sentCount - fedCount > SERVICE_PARTITION_DEFAULTS.batchesAhead) await feedOldest();
    };
    for await (const events of options.batches) {
      for (let index = 0; index < events.length; index++) gathered.push(events[index] as LogEvent);
      if (gathered.length >= SERVICE_PARTITION_DEFAULTS.sendEvents) await sendGathered();
    }
    if (gathered.length > 0) await sendGathered();
    while (fedCount < sentCount) await feedOldest();
    options.onProgress(lines, bytes);
    return lines;
  } finally {
    await Promise.all(sides.map((side) => side.worker.terminate()));
  }
}
