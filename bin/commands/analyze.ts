/**
 * `culprit analyze`: reads log files and a deploy list, finds incidents, and names the deploy that most likely
 * caused each (or says none did), with a confidence and the evidence. The same core the Lambdas run.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { Analyzer, type AnalysisOptionsInput, redactEvent } from '../../lambdas/core/analysis';
import {
  analysisOptionsFrom,
  logGroupNamesFrom,
  redactorFrom,
  serviceMapFrom,
  type ConfigFile,
} from '../../lambdas/core/config';
import { InvalidInputError } from '../../lambdas/core/errors';
import { settingFlagValue } from '../../lambdas/core/settings';
import type { Deploy, LogEvent } from '../../lambdas/core/schemas';
import { flagOf, parseTimeRange, readConfigFile, settingOption } from '../config';
import { readCloudWatchEvents } from '../input/cloudwatch-source';
import { InputLosses, listLogFiles, readDeploys, readLogEventBatches, type LogProblem } from '../input';
import { escapeText, formatJsonReport, formatSummary } from '../output';
import { renderHtmlReport } from '../output/html-report';
import { analyzeByService, analyzeInParallel } from '../parallel';
import { describeFileFormat } from './analyze-format';
import { createProgress, inputBytes, type Progress } from '../progress';

const EXAMPLES = `
Examples:
  $ culprit analyze --logs logs/ --deploys deploys.jsonl
  $ culprit analyze --logs api.log worker.jsonl --deploys deploys.json --json | jq '.incidents[0].suspects[0]'
  $ culprit analyze --logs logs/ --deploys deploys.jsonl --lookback 60 --blame-threshold 0.7
  $ culprit analyze --logs logs/ --deploys deploys.jsonl --html report.html
  $ culprit analyze --logs logs/ --deploys deploys.jsonl --threads 1
  $ culprit analyze --log-groups /aws/lambda/api /ecs/db --since 2h --deploys deploys.jsonl --config culprit.config.json

Logs: files or folders of plain-text logs (one service per file, named after the file), JSON Lines
({"timestamp", "service" or "logGroup", "message"}) or "aws logs filter-log-events" exports; or CloudWatch
log groups read directly (--log-groups, or "logGroups" in the config file) over --since/--until.
Deploys: JSON Lines or a JSON array of {"id", "service", "timestamp", "version"?, ...}.
Config: culprit.config.json (service map, thresholds, masks, redactions); flags win over the file.
Unusable lines are reported on stderr as file:line and skipped.
Threads: files are read and mined on worker threads (one per core, one per file at most) when every service's
lines are in one file; otherwise (one file of many services, say) the main thread reads and each service is
mined on one of the workers. --log-groups are analysed on one thread. The answer is the same either way.
Exit codes: 0 the analysis ran (whatever it found), 2 the input cannot be used.`;

/** Problems printed one by one on stderr before the rest are only counted. */
const LISTED_PROBLEMS = 20;
/** Progress is updated every this many lines (updates are cheap, but not free). */
const PROGRESS_EVERY = 4096;

export const analyzeOptionsSchema = z.object({
  logs: z.array(z.string().min(1)).default([]),
  deploys: z.string().min(1),
  json: z.boolean().default(false),
  // Settings: checked by the settings model's schema, as in the config file (`--lookback 1e9` is refused).
  lookback: settingFlagValue('lookbackMinutes'),
  learning: settingFlagValue('learningMinutes'),
  blameThreshold: settingFlagValue('blameConfidence'),
  html: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  logGroups: z.array(z.string().min(1)).optional(),
  since: z.string().min(1).optional(),
  until: z.string().min(1).optional(),
  endpoint: z.url().optional(),
  region: z.string().min(1).optional(),
  /** Mining threads at most; 1 mines on the main thread. @default os.availableParallelism(), at most one per file */
  threads: settingFlagValue('threads'),
  showFormat: z.boolean().optional(),
});

export type AnalyzeCommandOptions = z.infer<typeof analyzeOptionsSchema>;

export interface AnalyzeIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** "Now" for --since 2h. @default Date.now() */
  readonly now?: number;
}

/** Config file settings first, then the flags over them. */
function analysisOptions(o: AnalyzeCommandOptions, config: ConfigFile | undefined): AnalysisOptionsInput {
  const base = config === undefined ? {} : analysisOptionsFrom(config);
  return {
    ...base,
    ...(o.learning === undefined ? {} : { detect: { ...base.detect, learningMs: o.learning * 60_000 } }),
    rank: {
      ...base.rank,
      ...(o.lookback === undefined ? {} : { lookbackMs: o.lookback * 60_000 }),
      ...(o.blameThreshold === undefined ? {} : { blameThreshold: o.blameThreshold }),
    },
  };
}

async function write(stream: Writable, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      stream.off('drain', done).off('error', done).off('close', done);
      resolve();
    };
    stream.on('drain', done).on('error', done).on('close', done);
  });
}

/** Runs `culprit analyze`; resolves to the exit code. */
export async function runAnalyze(options: AnalyzeCommandOptions, io: AnalyzeIo): Promise<number> {
  const fail = async (message: string): Promise<number> => {
    await write(io.stderr, `culprit analyze: ${escapeText(message)}\n`);
    return 2;
  };
  let deploys: Deploy[];
  let analyzer: Analyzer;
  let config: ConfigFile | undefined;
  let progress: Progress | undefined;
  let problems = 0;
  /** Problems already listed by a parallel run that gave way to the sequential one (they come in the same order). */
  let listedBefore = 0;
  const logs = options.logs;
  let losses = new InputLosses();
  const onProblem = (p: LogProblem): void => {
    problems += 1;
    losses.add(p);
    if (problems > LISTED_PROBLEMS || problems <= listedBefore) return;
    const text = `${escapeText(`${p.file}:${p.line}: ${p.problem}`)}\n`;
    if (progress === undefined) io.stderr.write(text);
    else progress.log(text);
  };
  const onRead = (file: string, events: number): void => losses.read(file, events);
  try {
    config = options.config === undefined ? undefined : await readConfigFile(options.config);
    if (logs.length > 0 && options.logGroups !== undefined)
      return await fail('give either --logs or --log-groups, not both');
    // Files win: the config's "logGroups" are read only when no --logs are given.
    const logGroups =
      logs.length > 0 ? [] : (options.logGroups ?? (config === undefined ? [] : logGroupNamesFrom(config)));
    if (logs.length === 0 && logGroups.length === 0)
      return await fail('give log files (--logs) or CloudWatch log groups (--log-groups or "logGroups" in --config)');
    analyzer = new Analyzer(analysisOptions(options, config));
    deploys = await readDeploys(options.deploys);
    const redact = config === undefined ? undefined : redactorFrom(config);
    let batches: AsyncIterable<readonly LogEvent[]>;
    let files: string[] = [];
    if (logs.length > 0) {
      files = await listLogFiles(logs);
      losses = new InputLosses(files);
      if (options.showFormat)
        for (const file of files) await write(io.stderr, await describeFileFormat(file, config?.logFields));
      batches = readLogEventBatches(logs, {
        onProblem,
        onRead,
        ...(config?.logFields === undefined ? {} : { logFields: config.logFields }),
      });
    } else {
      if (options.showFormat)
        await write(io.stderr, '--show-format: shows the layouts of log files only, not of CloudWatch log groups\n');
      const range = parseTimeRange(options.since ?? '1h', options.until, io.now ?? Date.now());
      batches = oneByOne(
        readCloudWatchEvents({
          logGroups,
          ...range,
          ...(config === undefined ? {} : { services: serviceMapFrom(config) }),
          ...(config?.logFields === undefined ? {} : { logFields: config.logFields }),
          ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
          ...(options.region === undefined ? {} : { region: options.region }),
        }),
      );
    }
    // Started only now, once the input is known to be usable; stopped in `finally` (its timer keeps Node alive).
    progress = createProgress({
      stream: io.stderr,
      disabled: options.json,
      total: logs.length === 0 ? undefined : await inputBytes(logs),
    });
    const bar = progress;
    const threads = options.threads ?? availableParallelism();
    let lines: number | undefined;
    if (threads > 1 && files.length > 1) {
      const outcome = await analyzeInParallel({
        files,
        threads: Math.min(threads, files.length),
        analyzer,
        config,
        onProblem,
        onRead,
        onProgress: (count, bytes) => bar.update(count, bytes),
        progressEvery: PROGRESS_EVERY,
      });
      if (outcome.kind === 'merged') {
        lines = outcome.lines;
      } else {
        // Same lines, same order: the problems already listed are the sequential run's first ones.
        listedBefore = Math.min(problems, LISTED_PROBLEMS);
        problems = 0;
        losses = new InputLosses(files);
        analyzer = new Analyzer(analysisOptions(options, config));
      }
    }
    // One file, or a service in several: read here, mine on workers by service (the same answer as one thread).
    if (lines === undefined && threads > 1 && files.length > 0)
      lines = await analyzeByService({
        batches,
        threads,
        analyzer,
        redact,
        onProgress: (count, bytes) => bar.update(count, bytes),
        progressEvery: PROGRESS_EVERY,
      });
    lines ??= await feedSequentially(batches, analyzer, redact, progress);
    progress.stop();
    if (lines === 0)
      return await fail(`no usable log events in ${logs.length > 0 ? logs.join(', ') : logGroups.join(', ')}`);
  } catch (error) {
    if (error instanceof InvalidInputError) return fail(error.message);
    throw error;
  } finally {
    progress?.stop();
  }
  if (problems > LISTED_PROBLEMS)
    await write(io.stderr, `… ${problems - LISTED_PROBLEMS} more unusable line(s) skipped (${problems} in all)\n`);
  // One line per file that lost lines, after every run: a file none of whose lines could be read shows here.
  for (const sentence of losses.sentences()) await write(io.stderr, `${escapeText(sentence)}\n`);
  for (const warning of unknownDeployServices(deploys, analyzer.serviceNames()))
    await write(io.stderr, `warning: ${escapeText(warning)}\n`);
  const result = analyzer.result(deploys);
  if (options.html !== undefined) {
    try {
      await writeFile(
        options.html,
        renderHtmlReport(result, deploys, {
          generatedAt: io.now ?? Date.now(),
          // True per-template rates on the timelines, from the analyzer's bounded bucket history.
          series: (service, templateId, from, to) => analyzer.templateSeries(service, templateId, from, to),
          health: (service, from, to) => analyzer.serviceHealth(service, from, to),
          ...(config === undefined ? {} : { links: config.links }),
        }),
      );
    } catch (error) {
      return fail(
        `cannot write the HTML report ${options.html}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  await write(
    io.stdout,
    options.json
      ? formatJsonReport(result, { skipped: losses.skipped(), files: losses.files() }, config?.links)
      : formatSummary(result),
  );
  if (options.html !== undefined && !options.json) await write(io.stderr, `HTML report written to ${options.html}\n`);
  return 0;
}

/**
 * One sentence per service that deploys name but no log has: such a deploy can never be blamed, and a typo in
 * a service name would otherwise turn the verdict into "no deploy" without a word.
 */
export function unknownDeployServices(deploys: readonly Deploy[], seen: readonly string[]): string[] {
  const known = new Set(seen);
  const byService = new Map<string, string[]>();
  for (const deploy of deploys) {
    if (known.has(deploy.service)) continue;
    byService.set(deploy.service, [...(byService.get(deploy.service) ?? []), deploy.id]);
  }
  const services = [...seen].sort().join(', ');
  return [...byService].map(
    ([service, ids]) =>
      `deploy${ids.length === 1 ? '' : 's'} ${ids.join(', ')} name${ids.length === 1 ? 's' : ''} service ` +
      `"${service}", which no log has, so ${ids.length === 1 ? 'it' : 'they'} cannot be blamed; ` +
      `services in the logs: ${services || 'none'}`,
  );
}

/** Pushes every event into the analyzer on this thread; resolves to the number of events. */
async function feedSequentially(
  batches: AsyncIterable<readonly LogEvent[]>,
  analyzer: Analyzer,
  redact: ((line: string) => string) | undefined,
  progress: Progress,
): Promise<number> {
  let lines = 0;
  let bytes = 0;
  // Batches are looped over synchronously: awaiting each of millions of lines would cost more than mining them.
  for await (const batch of batches) {
    for (const event of batch) {
      analyzer.push(redact === undefined ? event : redactEvent(event, redact));
      // An estimate of the bytes read; the bar ends full when reading does.
      bytes += event.message.length + 1;
    }
    const before = lines;
    lines += batch.length;
    if (Math.floor(lines / PROGRESS_EVERY) !== Math.floor(before / PROGRESS_EVERY)) progress.update(lines, bytes);
  }
  return lines;
}

/** CloudWatch events arrive one by one over the network; a batch of one costs nothing there. */
async function* oneByOne(events: AsyncIterable<LogEvent>): AsyncGenerator<readonly LogEvent[]> {
  for await (const event of events) yield [event];
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Find incidents in logs and rank the deploys that could have caused them')
    .option('-l, --logs <paths...>', 'log files or folders (text, JSON Lines, CloudWatch exports)')
    .requiredOption('-d, --deploys <file>', 'deploy list (JSON Lines or a JSON array)')
    .option('--json', 'print one JSON document instead of the summary')
    .addOption(settingOption('analyze', 'lookbackMinutes'))
    .addOption(settingOption('analyze', 'learningMinutes'))
    .addOption(settingOption('analyze', 'blameConfidence'))
    .option('--html <file>', 'also write a self-contained HTML report (timeline, suspects, evidence)')
    .option('-c, --config <file>', 'culprit.config.json: service map, thresholds, masks, redactions')
    .option('--log-groups <names...>', 'read these CloudWatch log groups instead of files')
    .option('--since <time>', 'CloudWatch: start, as a duration before now (2h, 30m) or an ISO time (default 1h)')
    .option('--until <time>', 'CloudWatch: end, as a duration before now or an ISO time (default now)')
    .option('--endpoint <url>', 'CloudWatch: endpoint URL (e.g. a local emulator)')
    .option('--region <region>', 'CloudWatch: AWS region (default from the environment)')
    .addOption(settingOption('analyze', 'threads'))
    .option(
      '--show-format',
      "print each log file's learnt header layout (or JSON fields), with an example line, to stderr",
    )
    .addHelpText('after', EXAMPLES)
    .action(async (raw: unknown) => {
      const parsed = analyzeOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((i) => `${flagOf('analyze', i.path.map(String).join('.'))}: ${i.message}`)
          .join('; ');
        process.stderr.write(`culprit analyze: ${problems}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runAnalyze(parsed.data, { stdout: process.stdout, stderr: process.stderr });
    });
}
