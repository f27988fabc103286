/**
 * The main thread's side of the mining workers: starts them, asks each for a few chunks per file ahead, keeps
 * the chunks that came in per file, and replays what the workers declared (services, template ids) into
 * tables the merge reads. It also notices when a service shows up in two files, which the parallel path
 * cannot answer exactly (each service must have one miner fed in global time order): the caller then runs the
 * sequential analysis instead.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { CulpritError, InvalidInputError } from '../../lambdas/core/errors';
import {
  PARALLEL_DEFAULTS,
  type ChunkRequest,
  type MinedChunk,
  type WorkerErrorReport,
  type WorkerMessage,
  type WorkerSetup,
} from './protocol';

/** What one worker declared so far: its services and templates, by the indexes its chunks use. */
export interface WorkerTables {
  readonly services: string[];
  /** Per worker template index: its service, its id, and its text as of the last line merged. */
  readonly templateService: string[];
  readonly templateId: string[];
  readonly templateText: string[];
}

/** The chunks of one file, in order, as they come in. */
export interface FileFeed {
  /** Position of the file in the listing: the merge's tie-break, as in the sequential merge. */
  readonly source: number;
  readonly path: string;
  readonly tables: WorkerTables;
  readonly queue: MinedChunk[];
  /** Requests sent and not answered yet. */
  requested: number;
  /** The file's last chunk has come in (requests still in flight then are answered with empty ones, dropped). */
  ended: boolean;
  readonly worker: Worker;
}

/** Rebuilds a worker's error on this side: unusable input stays `InvalidInputError` (exit 2). */
export function rebuildError(report: WorkerErrorReport, where: string): Error {
  return report.invalidInput
    ? new InvalidInputError(report.message)
    : new CulpritError(`mining worker failed (${where}): ${report.message}`);
}

/** Options a worker needs besides its files. */
export type WorkerOptions = Omit<WorkerSetup, 'files'>;

/**
 * The built CLI runs `<name>.js` next to this file. From TypeScript sources (tests, `tsx`) a worker
 * cannot load `.ts` by itself: it registers tsx first, then loads the source.
 */
export function spawnWorker(
  name: 'mining-worker' | 'service-mining-worker' | 'scan-worker',
  workerData: unknown,
): Worker {
  boundHeapGrowth();
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `${name}${extension}`);
  const resourceLimits = { maxYoungGenerationSizeMb: PARALLEL_DEFAULTS.workerYoungGenerationMb };
  if (extension === '.js') return new Worker(entry, { workerData, resourceLimits });
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData,
    resourceLimits,
  });
}

/**
 * Every thread is a V8 heap of its own, each allowed to grow to several times its live data: with two workers
 * that alone passed the 300 MB budget. The flag is read at every full collection, so setting it now also
 * bounds the main thread's heap.
 */
function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${PARALLEL_DEFAULTS.heapGrowingPercent}`);
}

export class WorkerPool {
  readonly feeds: FileFeed[] = [];
  /** Set once something failed outside any file (a worker crashed): the merge throws it. */
  failure: Error | undefined;
  /** Set once a service was seen in two files: the merge stops and the caller falls back. */
  conflict: string | undefined;
  private readonly workers: Worker[] = [];
  private readonly bySource = new Map<number, FileFeed>();
  private readonly owner = new Map<string, number>();
  private wake: (() => void) | undefined;
  private closed = false;

  /** Starts one worker per group of files (`groups[w]`: indexes into `files`). */
  constructor(files: readonly string[], groups: readonly (readonly number[])[], options: WorkerOptions) {
    const feeds: (FileFeed | undefined)[] = files.map(() => undefined);
    for (const group of groups) {
      const worker = spawnWorker('mining-worker', {
        ...options,
        files: group.map((index) => ({ index, path: files[index] as string })),
      });
      const tables: WorkerTables = { services: [], templateService: [], templateId: [], templateText: [] };
      for (const index of group)
        feeds[index] = {
          source: index,
          path: files[index] as string,
          tables,
          queue: [],
          requested: 0,
          ended: false,
          worker,
        };
      worker.on('message', (message: WorkerMessage) => this.receive(tables, message));
      worker.on('error', (error: Error) =>
        this.fail(new CulpritError(`mining worker failed: ${error.message}`, { cause: error })),
      );
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new CulpritError(`mining worker stopped unexpectedly (exit code ${code})`));
      });
      this.workers.push(worker);
    }
    for (const feed of feeds) {
      if (feed === undefined) continue;
      this.feeds.push(feed);
      this.bySource.set(feed.source, feed);
    }
    for (const feed of this.feeds) this.topUp(feed);
  }

  /** Asks for chunks of `feed` until `chunksAhead` are in flight or waiting. */
  topUp(feed: FileFeed): void {
    while (!feed.ended && feed.queue.length + feed.requested < PARALLEL_DEFAULTS.chunksAhead) {
      const request: ChunkRequest = { file: feed.source };
      feed.worker.postMessage(request);
      feed.requested += 1;
    }
  }

  /** The next chunk of `feed`, waiting for it if needed; throws when the pool failed. */
  async take(feed: FileFeed): Promise<MinedChunk> {
    for (;;) {
      this.check();
      const chunk = feed.queue.shift();
      if (chunk !== undefined) {
        if (!chunk.end) this.topUp(feed);
        return chunk;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Throws the pool's failure, or {@link ServiceSpansFilesSignal} once a service was seen in two files. */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.conflict !== undefined) throw new ServiceSpansFilesSignal(this.conflict);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private receive(tables: WorkerTables, message: WorkerMessage): void {
    if (message.kind === 'failure') {
      this.fail(rebuildError(message.error, 'outside any file'));
      return;
    }
    tables.services.push(...message.newServices);
    for (const index of message.fileServices) {
      const service = tables.services[index] as string;
      const owner = this.owner.get(service);
      if (owner === undefined) this.owner.set(service, message.file);
      else if (owner !== message.file)
        this.conflict ??= `service ${service} is in ${this.pathOf(owner)} and ${this.pathOf(message.file)}`;
    }
    for (const { service, id } of message.newTemplates) {
      tables.templateService.push(tables.services[service] as string);
      tables.templateId.push(id);
      tables.templateText.push('');
    }
    const feed = this.bySource.get(message.file);
    if (feed !== undefined) {
      feed.requested -= 1;
      if (!feed.ended) feed.queue.push(message);
      feed.ended ||= message.end;
    }
    this.notify();
  }

  private pathOf(source: number): string {
    return this.bySource.get(source)?.path ?? `file #${source}`;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Not an error: the parallel path cannot give the exact answer for these files, the sequential one can. */
export class ServiceSpansFilesSignal extends CulpritError {
  constructor(readonly reason: string) {
    super(`parallel mining needs each service in one file: ${reason}`);
    this.name = 'ServiceSpansFilesSignal';
  }
}
