/**
 * `culprit analyze`: reads log files and a deploy list, finds incidents, and names the deploy that most likely
 * caused each (or says none did), with a confidence and the evidence. The same core the Lambdas run.
 */
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { Analyzer, type AnalysisOptionsInput } from '../../lambdas/core/analysis';
import { InvalidInputError } from '../../lambdas/core/errors';
import type { Deploy } from '../../lambdas/core/schemas';
import { readDeploys, readLogEventBatches, type LogProblem } from '../input';
import { formatJsonReport, formatSummary } from '../output';

const EXAMPLES = `
Examples:
  $ culprit analyze --logs logs/ --deploys deploys.jsonl
  $ culprit analyze --logs api.log worker.jsonl --deploys deploys.json --json | jq '.incidents[0].suspects[0]'
  $ culprit analyze --logs logs/ --deploys deploys.jsonl --lookback 60 --blame-threshold 0.7

Logs: files or folders of plain-text logs (one service per file, named after the file), JSON Lines
({"timestamp", "service" or "logGroup", "message"}) or "aws logs filter-log-events" exports.
Deploys: JSON Lines or a JSON array of {"id", "service", "timestamp", "version"?, ...}.
Unusable lines are reported on stderr as file:line and skipped.
Exit codes: 0 the analysis ran (whatever it found), 2 the input cannot be used.`;

/** Problems printed one by one on stderr before the rest are only counted. */
const LISTED_PROBLEMS = 20;

const minutes = z.coerce.number().finite().positive();

export const analyzeOptionsSchema = z.object({
  logs: z.array(z.string().min(1)).min(1),
  deploys: z.string().min(1),
  json: z.boolean().default(false),
  lookback: minutes.optional(),
  learning: minutes.optional(),
  blameThreshold: z.coerce.number().min(0).max(1).optional(),
});

export type AnalyzeCommandOptions = z.infer<typeof analyzeOptionsSchema>;

export interface AnalyzeIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

function analysisOptions(o: AnalyzeCommandOptions): AnalysisOptionsInput {
  return {
    ...(o.learning === undefined ? {} : { detect: { learningMs: o.learning * 60_000 } }),
    rank: {
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
    await write(io.stderr, `culprit analyze: ${message}\n`);
    return 2;
  };
  let problems = 0;
  const onProblem = (p: LogProblem): void => {
    problems += 1;
    if (problems <= LISTED_PROBLEMS) io.stderr.write(`${p.file}:${p.line}: ${p.problem}\n`);
  };
  let deploys: Deploy[];
  let analyzer: Analyzer;
  try {
    analyzer = new Analyzer(analysisOptions(options));
    deploys = await readDeploys(options.deploys);
    // Batches are looped over synchronously: awaiting each of millions of lines would cost more than mining them.
    const batches = readLogEventBatches(options.logs, { onProblem });
    for await (const batch of batches) for (const event of batch) analyzer.push(event);
    if (batches.stats.events === 0) return await fail(`no usable log events in ${options.logs.join(', ')}`);
  } catch (error) {
    if (error instanceof InvalidInputError) return fail(error.message);
    throw error;
  }
  if (problems > LISTED_PROBLEMS) await write(io.stderr, `… ${problems - LISTED_PROBLEMS} more unusable line(s) skipped (${problems} in all)\n`);
  const result = analyzer.result(deploys);
  await write(io.stdout, options.json ? formatJsonReport(result) : formatSummary(result));
  return 0;
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('Find incidents in logs and rank the deploys that could have caused them')
    .requiredOption('-l, --logs <paths...>', 'log files or folders (text, JSON Lines, CloudWatch exports)')
    .requiredOption('-d, --deploys <file>', 'deploy list (JSON Lines or a JSON array)')
    .option('--json', 'print one JSON document instead of the summary')
    .option('--lookback <minutes>', 'how far before an incident deploys are suspects (default 120)')
    .option('--learning <minutes>', "how long each service's first lines are taken as normal (default 10)")
    .option('--blame-threshold <p>', 'confidence in [0, 1] at which a deploy is blamed (default 0.5)')
    .addHelpText('after', EXAMPLES)
    .action(async (raw: unknown) => {
      const parsed = analyzeOptionsSchema.safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
        process.stderr.write(`culprit analyze: ${problems}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runAnalyze(parsed.data, { stdout: process.stdout, stderr: process.stderr });
    });
}
