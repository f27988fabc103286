/**
 * `culprit mine`: mines a log file (or stdin) into templates with the same miner the ingest
 * Lambda runs, streaming the input line by line so files larger than memory work.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { TemplateMiner, type MinerOptionsInput, type TemplateInfo } from '../../lambdas/core/drain';
// The modules themselves, not their folders' index: the indexes load every reader and report renderer, which
// `culprit mine` never uses and would pay for in start-up time.
import { LINE_READER_DEFAULTS, readLineBatches } from '../input/line-reader';
import { LineGroups } from '../output/line-groups';
import { InputReadError, type PreparedBatch, type ScanAheadOptions, scanAhead } from './mine-scan-ahead';

/**
 * Bytes read at a time: lines are split and mined synchronously within a chunk, so the one await per chunk is
 * spread over thousands of lines. Lines are decoded one by one, so no line pins the chunk.
 * @default 1048576
 */
const READ_CHUNK_BYTES = 1 << 20;

const EXAMPLES = `
Examples:
  $ culprit mine --input app.log                 templates, most frequent first
  $ culprit mine --input app.log --raw           strip time/level/logger headers first
  $ culprit mine --input app.log --jsonl         one JSON object per input line: its final group
  $ culprit mine --input app.log --as-mined      the same, streamed as mined, with each line's parameters
  $ kubectl logs my-pod | culprit mine --input - --raw
  $ culprit mine --input app.log --jsonl | jq -r 'select(.templateId != "") | .templateId' | sort | uniq -c

Lines longer than 64 KiB are mined by their first 64 KiB. Invalid UTF-8 is read as U+FFFD.
--jsonl prints {"line", "templateId", "template"} for every input line: the group the line
belongs to at the end of the input, so lines of one event share one id even when templates merged
after the line was read. It is written once the input ends (stdin included); memory grows by
4 bytes a line. --as-mined streams instead: each line's id and template as they stood when it
was mined (they can generalise or merge later), and its typed "params".
Empty lines give {"templateId": "", "template": ""}.
Exit codes: 0 done, 2 the input cannot be read.`;

export const mineOptionsSchema = z.object({
  input: z.string().min(1),
  jsonl: z.boolean().default(false),
  asMined: z.boolean().default(false),
  raw: z.boolean().default(false),
  showFormat: z.boolean().default(false),
  /** Threads at most: the main thread mines, the others scan lines ahead. @default one per idle core but one, at most 2 */
  threads: z.coerce
    .number()
    .int('--threads must be a whole number of threads')
    .min(1, '--threads must be 1 to 256')
    .max(256, '--threads must be 1 to 256')
    .optional(),
});

export type MineCommandOptions = z.infer<typeof mineOptionsSchema>;

/** Where the command reads and writes; the real process streams, or others in tests. */
export interface MineIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Buffers small writes into larger ones and waits when the consumer is slow. */
class Output {
  private buffer = '';
  /** Set when the output failed or its reader went away (e.g. `| head`): stop producing. */
  closed = false;
  /** The write error, unless it was only the reader going away (EPIPE). */
  failure: Error | undefined;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      if (error.code !== 'EPIPE') this.failure = error;
    });
  }

  /** Appends `text`; call {@link Output.flush} when `full`. */
  write(text: string): void {
    this.buffer += text;
  }

  get full(): boolean {
    return this.buffer.length >= 64 * 1024;
  }

  async flush(): Promise<void> {
    if (this.buffer === '' || this.closed) return;
    const text = this.buffer;
    this.buffer = '';
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done).on('close', done).on('error', done);
      });
    }
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
};

/** `no such file or directory` out of `ENOENT: no such file or directory, open 'x.log'`. */
function readReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const known = code === undefined ? undefined : REASONS[code];
  if (known !== undefined) return known;
  return error.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/s, '');
}

function formatTable(templates: readonly TemplateInfo[], terminalWidth: number | undefined): string {
  const rows = [...templates].sort((a, b) => b.count - a.count);
  const idWidth = Math.max(2, ...rows.map((row) => row.templateId.length));
  const countWidth = Math.max(5, ...rows.map((row) => String(row.count).length));
  const prefixWidth = idWidth + countWidth + 4;
  // Only an interactive terminal gets cut templates; a pipe or file gets them whole.
  const room = terminalWidth !== undefined ? Math.max(terminalWidth - prefixWidth, 20) : Infinity;
  const fit = (text: string): string => (text.length > room ? `${text.slice(0, room - 1)}…` : text);
  const lines = [`${'ID'.padEnd(idWidth)}  ${'COUNT'.padStart(countWidth)}  TEMPLATE`];
  for (const row of rows) {
    lines.push(`${row.templateId.padEnd(idWidth)}  ${String(row.count).padStart(countWidth)}  ${fit(row.template)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `culprit mine` mines with the miner's defaults; its scanning workers must use the same options. */
const MINER_OPTIONS: MinerOptionsInput = {};

/**
 * Scanning workers at most without `--threads`: the main thread mines about as fast as two workers scan.
 * @default 2
 */
const DEFAULT_MAX_SCAN_WORKERS = 2;

/**
 * Scanning workers: every thread `--threads` allows but the main one, which mines. Without `--threads`, one per
 * core idle now (by the load average) besides the main thread's, at most two: the workers add about a third to
 * the CPU time, which pays only on cores nobody else uses (on a saturated machine they made a run 1.5 times as
 * long; docs/benchmarks.md).
 */
function scanWorkers(threads: number | undefined): number {
  if (threads !== undefined) return threads - 1;
  const idle = Math.round(availableParallelism() - loadavg()[0]!);
  return Math.max(0, Math.min(idle - 1, DEFAULT_MAX_SCAN_WORKERS));
}

/** The size of a regular file, `undefined` for a pipe or device (its size says nothing of what will be read). */
async function fileSize(handle: FileHandle): Promise<number | undefined> {
  const stats = await handle.stat();
  return stats.isFile() ? stats.size : undefined;
}

type RawSupport = typeof import('../../lambdas/core/log-format') & typeof import('./mine-format');

/** The header parser and --raw's helpers, loaded synchronously (`require`) when --raw asks for them. */
function loadRawSupport(): RawSupport {
  return {
    ...(require('../../lambdas/core/log-format') as typeof import('../../lambdas/core/log-format')),
    ...(require('./mine-format') as typeof import('./mine-format')),
  };
}

/** When `culprit mine` starts its scanning workers (tests start them on small inputs). */
export type MineScanning = Pick<ScanAheadOptions, 'startAfterLines' | 'startAtBytes'>;

/** Runs `culprit mine`; resolves to the exit code. */
export async function runMine(options: MineCommandOptions, io: MineIo, scanning: MineScanning = {}): Promise<number> {
  const label = options.input === '-' ? 'stdin' : options.input;
  let source: Readable;
  let inputBytes: number | undefined;
  if (options.input === '-') {
    source = io.stdin;
  } else {
    try {
      const handle = await open(options.input, 'r');
      inputBytes = await fileSize(handle);
      source = handle.createReadStream({ highWaterMark: READ_CHUNK_BYTES });
    } catch (error) {
      io.stderr.write(`culprit mine: cannot read ${label}: ${readReason(error)}\n`);
      return 2;
    }
  }

  const miner = new TemplateMiner(MINER_OPTIONS);
  const out = new Output(io.stdout);
  let mined = 0;
  let empty = 0;
  const cut: number[] = [];
  const streamed = options.asMined;
  const groups = options.jsonl && !options.asMined ? new LineGroups() : undefined;
  // --raw: one source, one learnt header layout (the rules read what it does not fit). The header parser is loaded
  // only then: compiling it is a tenth of the start-up of a plain `culprit mine`.
  const raw = options.raw ? loadRawSupport() : undefined;
  const format = raw === undefined ? undefined : new raw.SourceFormat();
  const sample: string[] = [];
  const read = readLineBatches(source);
  const batches = scanAhead(
    (raw === undefined || format === undefined
      ? read
      : raw.learnFromFirstLines(read, format, sample, raw.SOURCE_FORMAT_DEFAULTS.sampleSize))[Symbol.asyncIterator](),
    {
      ...scanning,
      workers: scanWorkers(options.threads),
      miner: MINER_OPTIONS,
      inputBytes,
      messagesOf: format === undefined ? (texts) => texts : (texts) => texts.map((text) => format.parse(text).message),
    },
  );
  try {
    for (;;) {
      let next: IteratorResult<PreparedBatch>;
      try {
        next = await batches.next();
      } catch (error) {
        // Only the input's own errors are reported as unreadable input; a miner or worker error propagates.
        if (!(error instanceof InputReadError)) throw error;
        await out.flush();
        io.stderr.write(`culprit mine: cannot read ${label}: ${readReason(error.reason)}\n`);
        return 2;
      }
      if (next.done === true || out.closed) break;
      const { firstNumber, messages, truncated, scanned } = next.value;
      for (const index of truncated) cut.push(firstNumber + index);
      // The lines of a chunk synchronously: awaiting per line would cost as much as mining it.
      for (let index = 0; index < messages.length; index++) {
        const message = messages[index] as string;
        if (message.trim() === '') {
          empty += 1;
          groups?.push('');
          if (streamed)
            out.write(`${JSON.stringify({ line: firstNumber + index, templateId: '', template: '', params: [] })}\n`);
          continue;
        }
        mined += 1;
        if (!streamed) {
          // The table and --jsonl read the templates once the input is mined: only the id is kept per line.
          const templateId =
            scanned === undefined ? miner.assign(message) : miner.assignScanned(message, scanned, index);
          groups?.push(templateId);
          continue;
        }
        const result = scanned === undefined ? miner.mine(message) : miner.mineScanned(message, scanned, index);
        const record = {
          line: firstNumber + index,
          templateId: result.templateId,
          template: result.template,
          params: result.params,
        };
        out.write(`${JSON.stringify(record)}\n`);
        if (out.full) await out.flush();
      }
    }
  } finally {
    // Stops the workers (and the reading) whether the input ended, the output went away or something failed.
    await batches.return(undefined);
    if (source !== io.stdin) source.destroy();
  }

  if (groups !== undefined) {
    for (const record of groups.records(miner)) {
      if (out.closed) break;
      out.write(`${JSON.stringify(record)}\n`);
      if (out.full) await out.flush();
    }
  }
  if (options.showFormat && raw !== undefined && format !== undefined)
    io.stderr.write(raw.formatReport(format, sample));
  const templates = miner.templates();
  if (!options.jsonl && !streamed) {
    const width =
      'isTTY' in io.stdout && io.stdout.isTTY === true && 'columns' in io.stdout
        ? Number(io.stdout.columns)
        : undefined;
    out.write(formatTable(templates, width));
    out.write(
      `\n${mined} lines mined into ${templates.length} templates${empty > 0 ? `, ${empty} empty lines skipped` : ''}\n`,
    );
  }
  await out.flush();
  if (out.failure) {
    io.stderr.write(`culprit mine: cannot write the output: ${readReason(out.failure)}\n`);
    return 2;
  }
  if (cut.length > 0) {
    const shown = cut.slice(0, 5).join(', ') + (cut.length > 5 ? ', …' : '');
    io.stderr.write(
      `culprit mine: ${cut.length} line(s) longer than ${LINE_READER_DEFAULTS.maxLineBytes / 1024} KiB, mined by their first ${LINE_READER_DEFAULTS.maxLineBytes / 1024} KiB (line ${shown})\n`,
    );
  }
  return 0;
}

export function registerMineCommand(program: Command): void {
  program
    .command('mine')
    .description('Mine log lines into templates (Drain): one message per line, streamed')
    .requiredOption('-i, --input <file>', 'log file to read, one message per line; "-" reads stdin')
    .option(
      '--jsonl',
      "print one JSON object per input line, in input order, with the line's final group, instead of the template table",
    )
    .option(
      '--as-mined',
      'like --jsonl, but streamed: each line as it was mined, with its parameters (not its final group)',
    )
    .option('--raw', "strip each line's header (time, level, thread, logger, ...) before mining")
    .option(
      '--show-format',
      'with --raw: print the header layout learnt from the input, with an example line, to stderr',
    )
    .option(
      '--threads <n>',
      'threads at most: one mines, the others tokenise lines ahead of it (1: no worker threads; default: one per idle core but one, at most 2)',
    )
    .addHelpText('after', EXAMPLES)
    .action(async (raw: unknown) => {
      const parsed = mineOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        process.stderr.write(`culprit mine: ${parsed.error.issues.map((issue) => issue.message).join('; ')}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runMine(parsed.data, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    });
}
