#!/usr/bin/env node
/**
 * The script behind action.yml: puts one `culprit.deploy` event on the Culprit bus with the AWS CLI (preinstalled
 * on GitHub-hosted runners; credentials from the job, e.g. aws-actions/configure-aws-credentials). Dependency-free
 * on purpose: an action must not install packages. The event equals the one `culprit deploy record` sends
 * (bin/commands/deploy-record.ts; test/action/record-deploy.test.ts compares the two).
 *
 * Inputs come as environment variables: CULPRIT_SERVICE, CULPRIT_VERSION (required), CULPRIT_COMMIT, CULPRIT_URL,
 * CULPRIT_AUTHOR, CULPRIT_DESCRIPTION, CULPRIT_ID, CULPRIT_AT (ISO-8601 or epoch ms; default now),
 * CULPRIT_EVENT_BUS (default culprit). Exit codes as the CLI's: 0 recorded, 1 refused or unreachable, 2 bad input.
 */

const { execFileSync } = require('node:child_process');
const { appendFileSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const SOURCE = 'culprit.deploy';
const DETAIL_TYPE = 'Culprit Deploy';
const DEFAULT_EVENT_BUS = 'culprit';

/** A non-empty input, or undefined when unset or blank (GitHub passes unset inputs as ''). */
function input(name) {
  const value = (process.env[`CULPRIT_${name}`] ?? '').trim();
  return value === '' ? undefined : value;
}

function fail(code, message) {
  process.stderr.write(`culprit deploy record: ${message}\n`);
  process.exit(code);
}

/** Epoch ms from ISO-8601 with a zone, or digits read as epoch milliseconds (as the CLI's --at). */
function millisOf(at) {
  if (at === undefined) return Date.now();
  if (/^\d+$/.test(at)) return Number(at);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(at))
    fail(
      2,
      `at: expected ISO-8601 with a zone (2024-03-07T10:58:00Z) or epoch milliseconds, got ${JSON.stringify(at)}`,
    );
  const millis = Date.parse(at);
  if (Number.isNaN(millis)) fail(2, `at: not a date: ${JSON.stringify(at)}`);
  return millis;
}

function detailOf() {
  const service = input('SERVICE');
  const version = input('VERSION');
  if (service === undefined) fail(2, 'service: must not be empty');
  if (version === undefined) fail(2, 'version: must not be empty');
  const millis = millisOf(input('AT'));
  const optional = {
    commit: input('COMMIT'),
    author: input('AUTHOR'),
    description: input('DESCRIPTION'),
    url: input('URL'),
  };
  return {
    service,
    version,
    // Deterministic, so a re-run of the same job step stores one deploy.
    id: input('ID') ?? `${service}:${version}:${millis}`,
    timestamp: new Date(millis).toISOString(),
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

function main() {
  const detail = detailOf();
  const eventBus = input('EVENT_BUS') ?? DEFAULT_EVENT_BUS;
  const entries = [
    {
      EventBusName: eventBus,
      Source: SOURCE,
      DetailType: DETAIL_TYPE,
      Detail: JSON.stringify(detail),
      Time: detail.timestamp,
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'culprit-deploy-'));
  let result;
  try {
    writeFileSync(join(dir, 'entries.json'), JSON.stringify(entries));
    const output = execFileSync(
      'aws',
      ['events', 'put-events', '--entries', `file://${join(dir, 'entries.json')}`, '--output', 'json'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    result = JSON.parse(output);
  } catch (error) {
    fail(
      1,
      `could not put the deploy event on ${eventBus}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const entry = result.Entries?.[0];
  if ((result.FailedEntryCount ?? 0) > 0 || entry?.EventId === undefined)
    fail(
      1,
      `event bus ${eventBus} refused the deploy event: ${entry?.ErrorCode ?? 'no event id returned'}${entry?.ErrorMessage === undefined ? '' : ` (${entry.ErrorMessage})`}`,
    );
  process.stdout.write(
    `recorded deploy ${detail.id} of ${detail.service} ${detail.version} on event bus ${eventBus} (event ${entry.EventId})\n`,
  );
  if (process.env.GITHUB_OUTPUT !== undefined)
    appendFileSync(process.env.GITHUB_OUTPUT, `deploy-id=${detail.id}\nevent-id=${entry.EventId}\n`);
}

main();
