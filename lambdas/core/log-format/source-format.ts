/**
 * One source's format (a file, a log group, a stream): learns the header layout from the source's own lines, applies
 * it per line, and learns again when lines stop matching (a deploy changed the layout, or the source mixes layouts).
 * Lines no layout fits (continuation lines, stack traces, JSON) go to the rule-based header parser, which also serves
 * as the prior the learnt header boundary is checked against.
 */
import { type LogLevel, type ParsedLogLine, parseLogLine, scanLeadingTimestamp } from '../log-line';
import { inferLayout } from './infer-layout';
import {
  JSON_SOURCE_DEFAULTS,
  compileJsonExtractor,
  isJsonRecord,
  learnJsonShape,
  type JsonExtractor,
  type JsonShape,
} from './structured';
import { reconcileWithRules } from './rules-prior';
import { emptyMatch, matchLayout } from './match-layout';
import type { LogLayout } from './types';

export interface SourceFormatOptions {
  /**
   * Use the rule-based header parser (lambdas/core/log-line) as prior and fallback. Off, only the learnt layout
   * strips headers (JSON lines are still read as JSON): used to measure the inference alone.
   * @default true
   */
  readonly rules?: boolean;
  /**
   * Lines a layout is learnt from.
   * @default 200
   */
  readonly sampleSize?: number;
  /**
   * Layouts kept at once (a source may mix layouts); the least recently learnt one goes first.
   * @default 3
   */
  readonly maxLayouts?: number;
}

/** Longest wait between tries on input where no layout shows (a mix of sources): learning is not free. */
const MAX_WAIT = 100_000;

export const SOURCE_FORMAT_DEFAULTS = { rules: true, sampleSize: 200, maxLayouts: 3 } as const;

/** What a SourceFormat keeps between invocations (the ingest Lambda's state): plain JSON (format-state.ts). */
export interface SourceFormatState {
  readonly version: 1;
  readonly layouts: readonly LogLayout[];
}

/** Where a learnt layout put a line's header: the message starts at `messageStart`. */
export interface HeaderSplit {
  readonly messageStart: number;
  readonly level?: LogLevel;
  /** Epoch ms, only when the time column carried a full date. */
  readonly timestamp?: number;
}

const isJsonStart = (line: string): boolean => line.charCodeAt(0) === 123 || line.trimStart().startsWith('{');

/** The instant of the time column starting at `timeStart` (inside its bracket, if any), when it has a full date. */
function timestampAt(line: string, timeStart: number): number | undefined {
  const scan = { end: 0, millis: Number.NaN, syslog: false };
  const at = line.charCodeAt(timeStart) === 91 ? timeStart + 1 : timeStart;
  return scanLeadingTimestamp(line, at, scan) && !Number.isNaN(scan.millis) ? scan.millis : undefined;
}

export class SourceFormat {
  private readonly rules: boolean;
  private readonly sampleSize: number;
  private readonly maxLayouts: number;
  private learnt: LogLayout[];
  private readonly match = emptyMatch();
  /** Recent lines no layout matched: what the next layout is learnt from (a ring of sampleSize lines). */
  private misses: string[] = [];
  private missAt = 0;
  /** Lines to wait before trying to learn again; doubles after each try that finds nothing (mixed input). */
  private wait: number;
  /** Lines parsed since the last (attempt to) learn. */
  private sinceLearn = 0;
  private missesSinceLearn = 0;
  /** The shape of the source's JSON lines, learnt once from the first sample holding any. */
  private json: { readonly shape: JsonShape; readonly extract: JsonExtractor } | undefined;

  constructor(options: SourceFormatOptions = {}, state?: SourceFormatState) {
    this.rules = options.rules ?? SOURCE_FORMAT_DEFAULTS.rules;
    this.sampleSize = options.sampleSize ?? SOURCE_FORMAT_DEFAULTS.sampleSize;
    this.maxLayouts = options.maxLayouts ?? SOURCE_FORMAT_DEFAULTS.maxLayouts;
    this.learnt = state?.version === 1 ? [...state.layouts] : [];
    this.wait = this.sampleSize;
  }

  /** The layouts in use, most recently learnt first. */
  get layouts(): readonly LogLayout[] {
    return this.learnt;
  }

  /** Learns a layout from `sample` (a batch of this source's lines) and puts it first; false when none shows. */
  learn(sample: readonly string[]): boolean {
    if (this.json === undefined) this.learnJson(sample);
    this.sinceLearn = 0;
    this.missesSinceLearn = 0;
    let layout = inferLayout(sample.slice(0, this.sampleSize));
    if (layout === undefined) {
      this.wait = Math.min(this.wait * 2, MAX_WAIT);
      return false;
    }
    if (this.rules) layout = reconcileWithRules(layout, sample.slice(0, this.sampleSize));
    this.learnt = [layout, ...this.learnt].slice(0, this.maxLayouts);
    this.wait = this.sampleSize;
    return true;
  }

  /** Parses a batch: learns from its first lines when no layout is known yet, then parses every line. */
  parseAll(lines: readonly string[]): ParsedLogLine[] {
    if (this.learnt.length === 0) this.learn(lines);
    return lines.map((line) => this.parse(line));
  }

  /**
   * Learns from `lines` (a first batch of this source) when no layout is known yet and they are enough to learn
   * from; otherwise learning waits for the lines no layout fits (see {@link SourceFormat.split}).
   */
  prime(lines: readonly string[]): void {
    if (this.learnt.length === 0 && lines.length >= this.sampleSize / 4) this.learn(lines);
  }

  /** Splits one line with the first layout that fits, else with the rules (or, without rules, keeps it whole). */
  parse(line: string): ParsedLogLine {
    const trimmedStart = isJsonStart(line);
    if (!trimmedStart) {
      for (const layout of this.learnt) {
        if (matchLayout(layout, line, this.match)) {
          this.sinceLearn++;
          return this.fromMatch(line);
        }
      }
      this.noteMiss(line);
    }
    if (this.rules || trimmedStart) return parseLogLine(line, this.json?.extract);
    return { message: line.trim(), format: 'plain' };
  }

  /**
   * Where the header of `line` ends by the first learnt layout that fits it, or undefined (no layout fits: a
   * continuation line, JSON, or a layout not learnt yet; the caller falls back to the rules). Lines no layout
   * fits count towards learning again, as in {@link SourceFormat.parse}.
   */
  split(line: string): HeaderSplit | undefined {
    if (isJsonStart(line)) return undefined;
    for (const layout of this.learnt) {
      if (matchLayout(layout, line, this.match)) {
        this.sinceLearn++;
        const { messageStart, level, timeStart } = this.match;
        const timestamp = timeStart >= 0 ? timestampAt(line, timeStart) : undefined;
        if (level === undefined) return timestamp === undefined ? { messageStart } : { messageStart, timestamp };
        return timestamp === undefined ? { messageStart, level } : { messageStart, level, timestamp };
      }
    }
    this.noteMiss(line);
    return undefined;
  }

  /** The shape learnt for the source's JSON lines, if the sample held any. */
  get jsonShape(): JsonShape | undefined {
    return this.json?.shape;
  }

  state(): SourceFormatState {
    return { version: 1, layouts: this.learnt };
  }

  private fromMatch(line: string): ParsedLogLine {
    const { messageStart, level, timeStart, componentStart, componentEnd } = this.match;
    const result: { -readonly [K in keyof ParsedLogLine]: ParsedLogLine[K] } = {
      message: line.slice(messageStart).trim(),
      format: 'header',
    };
    if (level !== undefined) result.level = level;
    if (timeStart >= 0) {
      const timestamp = timestampAt(line, timeStart);
      if (timestamp !== undefined) result.timestamp = timestamp;
    }
    if (componentStart >= 0 && componentEnd > componentStart) {
      const component = line.slice(componentStart, componentEnd);
      const pid = component.lastIndexOf('[');
      result.component = pid > 0 ? component.slice(0, pid) : component;
    }
    return result;
  }

  /** Learns which fields of the sample's JSON lines are the time, level and message (lambdas/core/log-format/structured). */
  private learnJson(sample: readonly string[]): void {
    const records: unknown[] = [];
    for (const line of sample) {
      if (records.length >= JSON_SOURCE_DEFAULTS.sampleSize) break;
      if (!line.trimStart().startsWith('{')) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (isJsonRecord(value)) records.push(value);
      } catch {
        // not JSON after all: a text line
      }
    }
    if (records.length === 0) return;
    const shape = learnJsonShape(records);
    this.json = { shape, extract: compileJsonExtractor(shape) };
  }

  /** Learns again once half the recent lines since the last try matched no layout and a sample has gathered. */
  private noteMiss(line: string): void {
    this.sinceLearn++;
    this.missesSinceLearn++;
    if (this.misses.length < this.sampleSize) this.misses.push(line);
    else this.misses[this.missAt] = line;
    this.missAt = (this.missAt + 1) % this.sampleSize;
    if (this.sinceLearn >= this.wait && this.missesSinceLearn * 2 >= this.sinceLearn) {
      const sample = this.misses;
      this.misses = [];
      this.missAt = 0;
      this.learn(sample);
    }
  }
}
