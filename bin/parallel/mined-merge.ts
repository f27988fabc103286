/**
 * The main thread's k-way merge of the workers' mined events, by timestamp, into the analyzer. It is the
 * sequential merge (bin/input/merge-reader.ts) event for event: the same order (earliest head first, ties to
 * the file listed first, each file's events in file order, whether or not a file is sorted), and the same
 * moments of pulling a file's next batch, so unusable lines are reported in the same order too. Lines that
 * mined to nothing stay in the merge (they move the heads as they do sequentially) and are only counted.
 */
import type { Analyzer } from '../../lambdas/core/analysis';
import type { TemplateMerge } from '../../lambdas/core/drain';
import type { LogProblem } from '../input';
import { CHANGED_FLAG, LEVEL_SHIFT, LEVELS, type MinedChunk } from './protocol';
import { rebuildError, type FileFeed, type WorkerPool } from './worker-pool';
import { siftDown, siftUp } from '../input/binary-heap';

interface Cursor {
  readonly feed: FileFeed;
  chunk: MinedChunk;
  /** Next event of the chunk, and the end of the file batch it is in. */
  pos: number;
  segmentEnd: number;
  /** Next entry of the chunk's `batchStarts`, `problems`, `changedTexts` and `aliases`. */
  nextStart: number;
  nextProblem: number;
  nextText: number;
  nextAlias: number;
}

export interface MergeSinks {
  readonly onProblem: (problem: LogProblem) => void;
  /** Called with each chunk's events as it arrives: how many a file gave (for per-file counts). */
  readonly onRead?: (file: string, events: number) => void;
  /** Called with the lines merged so far and an estimate of the bytes read, every `every` lines or so. */
  readonly onProgress: (lines: number, bytes: number) => void;
  readonly progressEvery: number;
  readonly linesPerGroup: number;
}

const NO_MERGES: readonly TemplateMerge[] = Object.freeze([]);

const headTime = (c: Cursor): number => c.chunk.timestamps[c.pos] as number;

function before(a: Cursor, b: Cursor): boolean {
  const at = headTime(a);
  const bt = headTime(b);
  return at < bt || (at === bt && a.feed.source < b.feed.source);
}

export class MinedMerge {
  private lines = 0;
  private bytes = 0;

  constructor(
    private readonly pool: WorkerPool,
    private readonly analyzer: Analyzer,
    private readonly sinks: MergeSinks,
  ) {}

  /** Merges every file into the analyzer; resolves to the number of events merged. */
  async run(): Promise<number> {
    const heap: Cursor[] = [];
    // Files start one after the other, as in the sequential merge (their first problems come out in file order).
    for (const feed of this.pool.feeds) {
      const cursor = this.cursor(feed, await this.pool.take(feed));
      if (!(await this.advance(cursor))) continue;
      heap.push(cursor);
      siftUp(heap, heap.length - 1, before);
    }
    while (heap.length > 0) {
      const top = heap[0] as Cursor;
      const left = heap[1];
      const right = heap[2];
      const next = left === undefined ? undefined : right !== undefined && before(right, left) ? right : left;
      const limit = next === undefined ? Number.POSITIVE_INFINITY : headTime(next);
      const wins = next === undefined || top.feed.source < next.feed.source;
      this.consume(top, limit, wins);
      if (top.pos === top.segmentEnd && !(await this.advance(top))) {
        const last = heap.pop() as Cursor;
        if (heap.length > 0 && last !== top) heap[0] = last;
      }
      if (heap.length > 0) siftDown(heap, 0, before);
    }
    this.sinks.onProgress(this.lines, this.bytes);
    return this.lines;
  }

  private cursor(feed: FileFeed, chunk: MinedChunk): Cursor {
    this.bytes += chunk.chars;
    this.sinks.onRead?.(feed.path, chunk.count);
    return {
      feed,
      chunk,
      pos: 0,
      segmentEnd: chunk.batchStarts[0] ?? chunk.count,
      nextStart: 0,
      nextProblem: 0,
      nextText: 0,
      nextAlias: 0,
    };
  }

  /**
   * Moves `c` to an event it can hand on, pulling the file's next batch (and reporting the problems found
   * before it) when its batch is done, as the sequential merge does; false once the file has ended.
   */
  private async advance(c: Cursor): Promise<boolean> {
    for (;;) {
      this.pool.check();
      if (c.pos < c.segmentEnd) return true;
      const chunk = c.chunk;
      if (c.pos < chunk.count) {
        // The start of a batch the file reader yielded.
        this.report(c, c.nextStart);
        c.nextStart += 1;
        c.segmentEnd = chunk.batchStarts[c.nextStart] ?? chunk.count;
        continue;
      }
      if (chunk.end) {
        this.report(c, chunk.batchStarts.length);
        if (chunk.error !== undefined) throw rebuildError(chunk.error, c.feed.path);
        return false;
      }
      const next = await this.pool.take(c.feed);
      this.bytes += next.chars;
      this.sinks.onRead?.(c.feed.path, next.count);
      c.chunk = next;
      c.pos = 0;
      c.segmentEnd = next.batchStarts[0] ?? next.count;
      c.nextStart = 0;
      c.nextProblem = 0;
      c.nextText = 0;
      c.nextAlias = 0;
    }
  }

  private report(c: Cursor, at: number): void {
    const problems = c.chunk.problems;
    for (let p = problems[c.nextProblem]; p !== undefined && p.at === at; p = problems[++c.nextProblem]) {
      this.sinks.onProblem({ file: c.feed.path, line: p.line, problem: p.problem });
    }
  }

  /** Hands on the top cursor's events while they go before every other file's head (at least one). */
  private consume(c: Cursor, limit: number, wins: boolean): void {
    const analyzer = this.analyzer;
    const { chunk, feed } = c;
    const { timestamps, templates, flags, lineEnds, lineGroups, changedTexts, aliases } = chunk;
    const { services, templateService, templateId, templateText } = feed.tables;
    const perGroup = this.sinks.linesPerGroup;
    const end = c.segmentEnd;
    let pos = c.pos;
    let nextAlias = aliases[c.nextAlias];
    do {
      const template = templates[pos] as number;
      if (template < 0) {
        analyzer.skipMined(services[-1 - template] as string);
      } else {
        const service = templateService[template] as string;
        let merged = NO_MERGES;
        if (nextAlias !== undefined && nextAlias.at === pos) {
          const merges: TemplateMerge[] = [];
          for (let i = 0; i < nextAlias.pairs.length; i += 2)
            merges.push({ from: nextAlias.pairs[i] as string, into: nextAlias.pairs[i + 1] as string });
          merged = merges;
          nextAlias = aliases[++c.nextAlias];
        }
        const f = flags[pos] as number;
        const changed = (f & CHANGED_FLAG) !== 0;
        let text: string;
        if (changed) {
          text = changedTexts[c.nextText++] as string;
          templateText[template] = text;
        } else {
          text = templateText[template] as string;
        }
        const start = pos % perGroup === 0 ? 0 : (lineEnds[pos - 1] as number);
        const line = (lineGroups[(pos / perGroup) | 0] as string).slice(start, lineEnds[pos]);
        const mined = {
          templateId: templateId[template] as string,
          template: text,
          changed,
          level: LEVELS[f >> LEVEL_SHIFT],
          merged,
        };
        analyzer.pushMined(timestamps[pos] as number, service, mined, line);
      }
      pos += 1;
    } while (pos < end && ((timestamps[pos] as number) < limit || (wins && timestamps[pos] === limit)));
    const before = this.lines;
    this.lines += pos - c.pos;
    c.pos = pos;
    const every = this.sinks.progressEvery;
    if (Math.floor(this.lines / every) !== Math.floor(before / every)) this.sinks.onProgress(this.lines, this.bytes);
  }
}
