/**
 * The worker's side of parallel mining: reads its files with the CLI's own file reader, strips headers and
 * mines every event with its service's template miner, and packs the results into {@link MinedChunk}s. Each
 * service has one miner here; a service is mined by one worker only when all its events come from one file
 * (the main thread checks that from the services each chunk declares), so the miner sees exactly the lines,
 * in the order, the sequential analysis's miner sees.
 */
import { redactorFrom } from '../../lambdas/core/config';
import { TemplateMiner } from '../../lambdas/core/drain';
import type { LogLevel } from '../../lambdas/core/log-line';
import { headerAfterRedaction, mineMessage, type LeveledLogEvent } from '../../lambdas/core/analysis';
import type { LogEvent } from '../../lambdas/core/schemas';
import { readLogFileBatches } from '../input/log-file-reader';
import type { LogProblem } from '../input';
import {
  CHANGED_FLAG,
  LEVEL_SHIFT,
  type LEVELS,
  type ChunkAliases,
  type ChunkProblem,
  type MinedChunk,
  type WorkerErrorReport,
  type WorkerSetup,
} from './protocol';
import { errorReport, levelCode } from './worker-codes';

export { errorReport, levelCode } from './worker-codes';

/** Compile-time check: every level the header parser names has a code (else this type is `never` and the line fails to compile). */
type UncodedLevels = Exclude<LogLevel, NonNullable<(typeof LEVELS)[number]>>;
const EVERY_LEVEL_CODED: [UncodedLevels] extends [never] ? true : never = true;
void EVERY_LEVEL_CODED;

interface ServiceState {
  readonly index: number;
  readonly miner: TemplateMiner;
  /** Template id → worker template index. */
  readonly templates: Map<string, number>;
}

interface FileState {
  readonly path: string;
  readonly batches: AsyncIterator<LogEvent[]>;
  /** Problems reported since the last batch was handed on (the reader's sink appends to it). */
  readonly pending: { line: number; problem: string }[];
  /** The batch being mined, and the next event of it. */
  batch: readonly LogEvent[];
  next: number;
  /** Worker service indexes already declared for this file. */
  readonly seen: Set<number>;
  ended: boolean;
}

/** One growing chunk: typed arrays of `capacity` events, filled in place. */
class ChunkBuilder {
  count = 0;
  chars = 0;
  readonly timestamps: Float64Array;
  readonly templates: Int32Array;
  readonly flags: Uint8Array;
  readonly lineEnds: Uint32Array;
  readonly lineGroups: string[] = [];
  readonly batchStarts: number[] = [];
  readonly problems: ChunkProblem[] = [];
  readonly changedTexts: string[] = [];
  readonly newServices: string[] = [];
  readonly fileServices: number[] = [];
  readonly newTemplates: { service: number; id: string }[] = [];
  readonly aliases: ChunkAliases[] = [];
  private parts: string[] = [];
  private groupChars = 0;

  constructor(
    readonly capacity: number,
    private readonly linesPerGroup: number,
  ) {
    this.timestamps = new Float64Array(capacity);
    this.templates = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.lineEnds = new Uint32Array(capacity);
  }

  /** Appends one event; `line` is kept unless `template` is negative (a line that mined to nothing). */
  add(timestamp: number, template: number, flags: number, line: string): void {
    const i = this.count;
    this.timestamps[i] = timestamp;
    this.templates[i] = template;
    this.flags[i] = flags;
    if (template >= 0) {
      this.parts.push(line);
      this.groupChars += line.length;
    }
    this.lineEnds[i] = this.groupChars;
    this.count = i + 1;
    if (this.count % this.linesPerGroup === 0) this.closeGroup();
  }

  build(file: number, end: boolean, error?: WorkerErrorReport): MinedChunk {
    if (this.count % this.linesPerGroup !== 0) this.closeGroup();
    return {
      kind: 'chunk',
      file,
      count: this.count,
      timestamps: this.timestamps,
      templates: this.templates,
      flags: this.flags,
      lineEnds: this.lineEnds,
      lineGroups: this.lineGroups,
      batchStarts: this.batchStarts,
      problems: this.problems,
      changedTexts: this.changedTexts,
      newServices: this.newServices,
      fileServices: this.fileServices,
      newTemplates: this.newTemplates,
      aliases: this.aliases,
      chars: this.chars,
      end,
      ...(error === undefined ? {} : { error }),
    };
  }

  private closeGroup(): void {
    this.lineGroups.push(this.parts.join(''));
    this.parts = [];
    this.groupChars = 0;
  }
}

/** Mines the files of one worker, a chunk at a time per file, as the main thread asks for them. */
export class ChunkMiner {
  private readonly services = new Map<string, ServiceState>();
  private readonly files = new Map<number, FileState>();
  private readonly redact: ((line: string) => string) | undefined;
  private serviceCount = 0;
  private templateCount = 0;

  constructor(private readonly setup: WorkerSetup) {
    this.redact =
      setup.config === undefined || setup.config.redactionPatterns.length === 0
        ? undefined
        : redactorFrom(setup.config);
    for (const { index, path } of setup.files) {
      const pending: FileState['pending'] = [];
      const report = (p: LogProblem): void => {
        pending.push({ line: p.line, problem: p.problem });
      };
      const options = {
        report,
        maxLineBytes: setup.maxLineBytes,
        maxMessageChars: setup.maxMessageChars,
        chunkBytes: setup.chunkBytes,
        ...(setup.config?.logFields === undefined ? {} : { logFields: setup.config.logFields }),
      };
      const batches = readLogFileBatches(path, options)[Symbol.asyncIterator]();
      this.files.set(index, { path, batches, pending, batch: [], next: 0, seen: new Set(), ended: false });
    }
  }

  /** The next chunk of `file`: up to `chunkEvents` mined events, and whether the file ended (or failed). */
  async next(file: number): Promise<MinedChunk> {
    const state = this.files.get(file);
    if (state === undefined) throw new Error(`mining worker: file #${file} is not one of this worker's files`);
    const chunk = new ChunkBuilder(this.setup.chunkEvents, this.setup.linesPerGroup);
    if (state.ended) return chunk.build(file, true);
    try {
      while (chunk.count < chunk.capacity) {
        if (state.next < state.batch.length) {
          this.mine(state, chunk);
          continue;
        }
        // Like the sequential merge's pull: empty batches are passed over, their problems kept for the next.
        const next = await state.batches.next();
        if (next.done === true) {
          this.flushProblems(state, chunk, chunk.batchStarts.length);
          state.ended = true;
          return chunk.build(file, true);
        }
        if (next.value.length === 0) continue;
        chunk.batchStarts.push(chunk.count);
        this.flushProblems(state, chunk, chunk.batchStarts.length - 1);
        state.batch = next.value;
        state.next = 0;
      }
      return chunk.build(file, false);
    } catch (error) {
      this.flushProblems(state, chunk, chunk.batchStarts.length);
      state.ended = true;
      await state.batches.return?.(undefined);
      return chunk.build(file, true, errorReport(error));
    }
  }

  /** Closes every file still open. */
  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((state) => state.batches.return?.(undefined)));
  }

  private flushProblems(state: FileState, chunk: ChunkBuilder, at: number): void {
    for (const p of state.pending) chunk.problems.push({ at, line: p.line, problem: p.problem });
    state.pending.length = 0;
  }

  /** Mines the current batch's events into `chunk` until either runs out: the mining half of `Analyzer.push`. */
  private mine(state: FileState, chunk: ChunkBuilder): void {
    const { batch, seen } = state;
    const redact = this.redact;
    let lastName: string | undefined;
    let s: ServiceState | undefined;
    let i = state.next;
    for (; i < batch.length && chunk.count < chunk.capacity; i++) {
      const event = batch[i] as LogEvent;
      const message = redact === undefined ? event.message : redact(event.message);
      if (event.service !== lastName || s === undefined) {
        s = this.service(event.service, chunk);
        lastName = event.service;
        if (!seen.has(s.index)) {
          seen.add(s.index);
          chunk.fileServices.push(s.index);
        }
      }
      chunk.chars += event.message.length + 1;
      const { level, headerLength } = event as LeveledLogEvent;
      const mined = mineMessage(s.miner, message, level, headerAfterRedaction(event.message, message, headerLength));
      if (mined === undefined) {
        chunk.add(event.timestamp, -1 - s.index, 0, '');
        continue;
      }
      if (mined.merged.length > 0) {
        const pairs: string[] = [];
        for (const { from, into } of mined.merged) pairs.push(from, into);
        chunk.aliases.push({ at: chunk.count, pairs });
      }
      let template = s.templates.get(mined.templateId);
      if (template === undefined) {
        template = this.templateCount++;
        s.templates.set(mined.templateId, template);
        chunk.newTemplates.push({ service: s.index, id: mined.templateId });
      }
      let flags = levelCode(mined.level) << LEVEL_SHIFT;
      if (mined.changed) {
        flags |= CHANGED_FLAG;
        chunk.changedTexts.push(mined.template);
      }
      chunk.add(event.timestamp, template, flags, message);
    }
    state.next = i;
  }

  private service(name: string, chunk: ChunkBuilder): ServiceState {
    let s = this.services.get(name);
    if (s === undefined) {
      s = { index: this.serviceCount++, miner: new TemplateMiner(this.setup.miner), templates: new Map() };
      this.services.set(name, s);
      chunk.newServices.push(name);
    }
    return s;
  }
}
