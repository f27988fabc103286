/**
 * A progress line on stderr while logs are read: lines read, lines per second and, when the input's total size
 * is known, a bar with the time left. Drawn only on an interactive terminal: never into a pipe, a file or CI
 * logs, and never with `--json` (whose readers expect a quiet stderr).
 */
import type { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';

/** The stream progress is drawn on; `isTTY` and `columns` are what terminals (and fakes in tests) expose. */
export type ProgressStream = Writable & { readonly isTTY?: boolean; readonly columns?: number };

export interface ProgressOptions {
  readonly stream: ProgressStream;
  /** Total input size in bytes, when known (enables the bar and the time left). @default undefined */
  readonly total?: number | undefined;
  /** Force progress off (e.g. `--json`). @default false */
  readonly disabled?: boolean;
}

export interface Progress {
  /** Whether anything is drawn. */
  readonly enabled: boolean;
  /** Reports the totals so far: lines read and, with a known total, bytes read. */
  update(lines: number, bytes?: number): void;
  /**
   * Writes whole lines (e.g. a skipped-line warning) above the progress line instead of through it. Without a
   * progress line it writes them to the stream as they are.
   */
  log(text: string): void;
  /** Draws the final state (a known total as 100%) and leaves the line in place. Safe to call twice. */
  stop(): void;
}

export const PROGRESS_DEFAULTS = {
  /** Redraws per second at most. @default 8 */
  fps: 8,
} as const;

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function createProgress(options: ProgressOptions): Progress {
  if (options.disabled === true || options.stream.isTTY !== true) {
    return {
      enabled: false,
      update: () => undefined,
      log: (text) => void options.stream.write(text),
      stop: () => undefined,
    };
  }
  const sized = options.total !== undefined && options.total > 0;
  const format = sized
    ? 'reading logs [{bar}] {percentage}% | {lines} lines | {rate} lines/s | {eta_formatted} left'
    : 'reading logs | {lines} lines | {rate} lines/s | {duration_formatted}';
  const bar = new SingleBar({
    stream: options.stream,
    format,
    fps: PROGRESS_DEFAULTS.fps,
    hideCursor: false,
    clearOnComplete: false,
    stopOnComplete: false,
    barsize: 24,
    etaBuffer: 50,
  });
  const started = Date.now();
  let lines = 0;
  let stopped = false;
  const payload = (): { lines: string; rate: string } => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return { lines: formatCount(lines), rate: formatCount(lines / seconds) };
  };
  bar.start(sized ? (options.total ?? 0) : 0, 0, payload());
  return {
    enabled: true,
    update(count: number, bytes?: number): void {
      if (stopped) return;
      lines = count;
      // Without a total the bar's value is unused; its payload carries the numbers.
      bar.update(sized ? Math.min(bytes ?? 0, options.total ?? 0) : 0, payload());
    },
    log(text: string): void {
      if (stopped) {
        options.stream.write(text);
        return;
      }
      // Clear the progress line and print the text there; the next redraw (at most 1/fps s away, or at the
      // next update or stop) draws the progress line again below it.
      options.stream.write(`\r\x1b[2K${text}`);
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      // The byte count may be an estimate (message sizes); reading is over, so the bar ends full.
      if (sized) bar.update(options.total ?? 0, payload());
      else bar.update(payload());
      bar.stop();
    },
  };
}
