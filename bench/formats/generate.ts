/**
 * The format corpus: for each header layout, one source of lines whose messages are consecutive lines of one of the
 * ten loghub-2k sets (the message is the set's Content, so its EventId is the grouping truth), with header values
 * (time, level, host, thread, logger, pids, request ids) drawn from a seeded generator.
 */
import type { LogLevel } from '../../lambdas/core/log-line';
import { type Random, seededRandom } from '../corpus/prng';
import type { LoghubDataset } from '../loghub';
import type { HeaderLayout, LineFields } from './layout-types';
import { timeParts } from './time-text';

export const FORMAT_CORPUS_DEFAULTS = {
  /** Lines per layout. */
  lines: 400,
  /** The seed the inference was tuned on. */
  seed: 11,
  /** The seed kept apart: measured, never looked at while tuning. */
  heldOutSeed: 1_234_567,
} as const;

/** One generated line with what a reader should recover. */
export interface FormatLine {
  readonly raw: string;
  readonly message: string;
  readonly eventId: string;
}

export interface FormatSource {
  readonly layout: HeaderLayout;
  readonly dataset: string;
  readonly lines: readonly FormatLine[];
}

const LEVELS: readonly [LogLevel, number][] = [
  ['INFO', 0.8],
  ['WARN', 0.08],
  ['ERROR', 0.06],
  ['DEBUG', 0.05],
  ['FATAL', 0.01],
];
const APPS = ['billing', 'api-gateway', 'worker', 'auth_service', 'scheduler', 'ingest', 'payments', 'web'];
const HOSTS = ['ip-10-0-1-23', 'web01', 'db-primary', 'node7.cluster.local', 'prod-eu-3', 'localhost'];
const THREADS = ['main', 'pool-1-thread-3', 'http-nio-8080-exec-7', 'kafka-producer-network-thread', 'worker-2'];
const LOGGERS = [
  'com.example.billing.InvoiceService',
  'org.apache.kafka.clients.NetworkClient',
  'io.netty.channel.DefaultChannelPipeline',
  'com.example.api.RequestHandler',
  'org.springframework.web.servlet.DispatcherServlet',
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)] as T;
}

function levelFor(random: Random): LogLevel {
  let draw = random.next();
  for (const [level, share] of LEVELS) {
    draw -= share;
    if (draw < 0) return level;
  }
  return 'INFO';
}

function hex(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'.charAt(random.int(16));
  return out;
}

/** A source: a few threads and loggers, one app and host, one pid that sometimes restarts. */
function fieldsOf(random: Random): () => LineFields {
  const app = pick(random, APPS);
  const host = pick(random, HOSTS);
  const threads = [pick(random, THREADS), pick(random, THREADS)];
  const loggers = [pick(random, LOGGERS), pick(random, LOGGERS), pick(random, LOGGERS)];
  let pid = 1000 + random.int(60000);
  let epochMillis = Date.UTC(2023, 0, 1) + random.int(900) * 86_400_000 + random.int(86_400_000);
  const started = epochMillis - random.int(3_600_000);
  return () => {
    epochMillis += random.int(1500);
    if (random.next() < 0.002) pid = 1000 + random.int(60000);
    return {
      epochMillis,
      time: timeParts(epochMillis),
      level: levelFor(random),
      host,
      app,
      pid,
      tid: 1 + random.int(20000),
      thread: pick(random, threads),
      logger: pick(random, loggers),
      requestId: `${hex(random, 8)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 4)}-${hex(random, 12)}`,
      uptime: (epochMillis - started) / 1000,
    };
  };
}

/** One source per layout, deterministic for a seed. */
export function generateFormatCorpus(
  layouts: readonly HeaderLayout[],
  datasets: readonly LoghubDataset[],
  seed: number,
  lines: number = FORMAT_CORPUS_DEFAULTS.lines,
): FormatSource[] {
  const random = seededRandom(seed);
  return layouts.map((layout) => {
    const dataset = pick(random, datasets);
    const next = fieldsOf(random);
    const offset = random.int(dataset.lines.length);
    const out: FormatLine[] = [];
    for (let i = 0; i < lines; i++) {
      const line = dataset.lines[(offset + i) % dataset.lines.length];
      if (line === undefined) break;
      const message = line.content.trim();
      const fields = next();
      out.push({
        raw: layout.render(fields, message),
        message: layout.expected?.(fields, message) ?? message,
        eventId: line.eventId,
      });
    }
    return { layout, dataset: dataset.name, lines: out };
  });
}
