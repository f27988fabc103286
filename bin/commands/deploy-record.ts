/**
 * `culprit deploy record`: tells a deployed Culprit stack about a deploy that AWS does not report by
 * itself (a CI job, a feature-flag flip, a hand-run script) by putting a custom `culprit.deploy` event
 * on the Culprit event bus. The deploys Lambda stores it like any other deploy.
 */
import type { Writable } from 'node:stream';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import {
  CULPRIT_DEFAULT_EVENT_BUS,
  CULPRIT_DEPLOY_DETAIL_TYPE,
  CULPRIT_DEPLOY_SOURCE,
  culpritDeployDetailSchema,
  type CulpritDeployDetail,
} from '../../lambdas/core/deploys';
import { timestampSchema } from '../../lambdas/core/schemas';

const EXAMPLES = `
Examples:
  $ culprit deploy record --service checkout --version v1.4.2 --commit "$GITHUB_SHA"
  $ culprit deploy record --service search --version 2024.03.07 --description "cache TTL 60s -> 10s" --at 2024-03-07T10:58:00Z
  $ AWS_ENDPOINT_URL=http://127.0.0.1:4566 culprit deploy record --service api --version 7 --event-bus culprit-staging

The deploy is stored by the stack's deploys function; the same --id and --at twice store one deploy.
Credentials and region come from the usual AWS settings (AWS_PROFILE, AWS_REGION, ...).
Exit codes: 0 recorded, 1 EventBridge refused or could not be reached, 2 invalid options.`;

export const deployRecordOptionsSchema = z.object({
  service: z.string().min(1, 'must not be empty'),
  version: z.string().min(1, 'must not be empty'),
  commit: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  author: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  /** When the deploy took traffic; ISO-8601 or epoch milliseconds. */
  at: z.string().min(1).optional(),
  eventBus: z.string().min(1).default(CULPRIT_DEFAULT_EVENT_BUS),
  endpoint: z.url('must be a URL such as http://127.0.0.1:4566').optional(),
  region: z.string().min(1).optional(),
});

export type DeployRecordOptions = z.output<typeof deployRecordOptionsSchema>;

export interface DeployRecordIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** The detail the command sends; the deploys Lambda parses it with the same schema. */
export function deployDetailOf(options: DeployRecordOptions, now: () => number = Date.now): CulpritDeployDetail {
  const at = options.at === undefined ? now() : /^\d+$/.test(options.at) ? Number(options.at) : options.at;
  const millis = timestampSchema.parse(at);
  const detail = {
    service: options.service,
    version: options.version,
    // Deterministic, so the SDK retrying PutEvents (or a re-run with the same --at) stores one deploy.
    id: options.id ?? `${options.service}:${options.version}:${millis}`,
    timestamp: new Date(millis).toISOString(),
    ...(options.commit === undefined ? {} : { commit: options.commit }),
    ...(options.author === undefined ? {} : { author: options.author }),
    ...(options.description === undefined ? {} : { description: options.description }),
    ...(options.url === undefined ? {} : { url: options.url }),
  };
  culpritDeployDetailSchema.parse(detail);
  return detail;
}

/** Puts the event; returns the exit code. */
export async function runDeployRecord(raw: unknown, io: DeployRecordIo): Promise<number> {
  const parsed = deployRecordOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      io.stderr.write(`culprit deploy record: --${kebab(issue.path.map(String).join('.'))}: ${issue.message}\n`);
    return 2;
  }
  const options = parsed.data;
  let detail: CulpritDeployDetail;
  try {
    detail = deployDetailOf(options);
  } catch (error) {
    const reason = error instanceof z.ZodError ? error.issues.map((issue) => issue.message).join('; ') : String(error);
    io.stderr.write(`culprit deploy record: --at: ${reason}\n`);
    return 2;
  }
  const client = new EventBridgeClient({
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  try {
    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: options.eventBus,
            Source: CULPRIT_DEPLOY_SOURCE,
            DetailType: CULPRIT_DEPLOY_DETAIL_TYPE,
            Detail: JSON.stringify(detail),
            Time: new Date(String(detail.timestamp)),
          },
        ],
      }),
    );
    const entry = result.Entries?.[0];
    if ((result.FailedEntryCount ?? 0) > 0 || entry?.EventId === undefined) {
      io.stderr.write(
        `culprit deploy record: event bus ${options.eventBus} refused the deploy event: ${entry?.ErrorCode ?? 'no event id returned'}${entry?.ErrorMessage === undefined ? '' : ` (${entry.ErrorMessage})`}\n`,
      );
      return 1;
    }
    io.stdout.write(
      `recorded deploy ${detail.id} of ${detail.service} ${detail.version} on event bus ${options.eventBus} (event ${entry.EventId})\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(
      `culprit deploy record: could not put the deploy event on ${options.eventBus}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    client.destroy();
  }
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export function registerDeployCommand(program: Command): void {
  const deploy = program.command('deploy').description('Deploy records for a deployed Culprit stack');
  deploy
    .command('record')
    .description('Record a deploy: puts a culprit.deploy event on the Culprit event bus')
    .requiredOption('--service <name>', 'service that was deployed (mapped like any other resource name)')
    .requiredOption('--version <version>', 'version now taking traffic')
    .option('--commit <sha>', 'commit the version was built from')
    .option('--description <text>', 'what changed, for the incident report')
    .option('--author <name>', 'who deployed')
    .option('--url <url>', 'link to the CI run or release')
    .option('--id <id>', 'stable deploy id (default: <service>:<version>:<epoch ms>)')
    .option('--at <time>', 'when it took traffic, ISO-8601 or epoch milliseconds (default: now)')
    .addOption(
      new Option('--event-bus <name>', 'Culprit event bus name')
        .env('CULPRIT_EVENT_BUS')
        .default(CULPRIT_DEFAULT_EVENT_BUS),
    )
    .option(
      '--endpoint <url>',
      'EventBridge endpoint, e.g. a local emulator (default: AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL, AWS)',
    )
    .option('--region <region>', 'AWS region (default: AWS_REGION or the profile)')
    .addHelpText('after', EXAMPLES)
    .action(async (raw: unknown) => {
      process.exitCode = await runDeployRecord(raw, { stdout: process.stdout, stderr: process.stderr });
    });
}
