/**
 * How a Lambda function's lines reach CloudWatch: each log statement is a JSON record (Powertools for AWS
 * Lambda or pino) with its level in a field, and the Lambda service adds START / END / REPORT lines around
 * every invocation. The events carry no level of their own: the record inside names it.
 */
import type { Random } from './random';
import type { ScenarioEvent, ServiceSpec } from './types';

const PINO_LEVELS: Readonly<Record<string, number>> = { ERROR: 50, WARN: 40, INFO: 30, DEBUG: 20 };

/** The routine/error class of a dataset or synthesised level, as a record's level name. */
function recordLevel(level: string | undefined): 'ERROR' | 'WARN' | 'INFO' {
  const upper = (level ?? '').toUpperCase();
  if (/^(ERROR|ERR|FATAL|SEVERE|CRIT|CRITICAL|ALERT|EMERG|FAILURE)$/.test(upper)) return 'ERROR';
  if (/^(WARN|WARNING)$/.test(upper)) return 'WARN';
  return 'INFO';
}

function record(spec: ServiceSpec, event: ScenarioEvent, requestId: string, coldStart: boolean): string {
  const level = recordLevel(event.level);
  if (spec.records === 'pino') {
    return JSON.stringify({
      level: PINO_LEVELS[level],
      time: event.timestamp,
      pid: 8,
      hostname: '169.254.76.1',
      reqId: requestId,
      msg: event.message,
    });
  }
  return JSON.stringify({
    level,
    message: event.message,
    timestamp: new Date(event.timestamp).toISOString(),
    service: spec.name,
    cold_start: coldStart,
    function_request_id: requestId,
  });
}

function uuid(random: Random): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-a${random.hex(3)}-${random.hex(12)}`;
}

/** One event as its invocation prints it: the record, and a third of the time the START/END/REPORT lines around it. */
export function* asInvocation(spec: ServiceSpec, event: ScenarioEvent, random: Random): Generator<ScenarioEvent> {
  const requestId = uuid(random);
  const framed = random.chance(0.33);
  const platform = (message: string, templateId: string): ScenarioEvent => ({
    timestamp: event.timestamp,
    service: event.service,
    message,
    level: undefined,
    templateId,
  });
  if (framed) yield platform(`START RequestId: ${requestId} Version: $LATEST`, 'platform:start');
  yield { ...event, message: record(spec, event, requestId, framed && random.chance(0.05)), level: undefined };
  if (!framed) return;
  const duration = random.uniform(2, 900).toFixed(2);
  yield platform(`END RequestId: ${requestId}`, 'platform:end');
  yield platform(
    `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tBilled Duration: ${Math.ceil(Number(duration))} ms\tMemory Size: 512 MB\tMax Memory Used: ${random.int(80, 300)} MB`,
    'platform:report',
  );
}
