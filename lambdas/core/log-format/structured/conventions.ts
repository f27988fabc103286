/**
 * Field names the common structured-logging conventions use, per role: the prior a source's shape is learnt
 * against (its own records decide when they disagree), and the fields read when nothing was learnt.
 * pino/bunyan (`time`, `msg`, numeric `level`), ECS (`@timestamp`, `message`, `log.level`, `service.name`),
 * winston and Powertools (`timestamp`, `level`, `message`, `service`), Docker json-file (`time`, `log`),
 * Logstash (`@timestamp`, `message`), GCP (`severity`, `serviceContext.service`), Serilog compact (`@t`, `@m`,
 * `@l`), Python logging JSON formatters (`asctime`, `levelname`, `name`), zap (`ts`, `msg`), logrus (`time`,
 * `msg`, `level`).
 */

/** The roles a structured record's fields play. */
export type FieldRole = 'timestamp' | 'level' | 'message' | 'service' | 'component';

/** Known names per role, most specific first; the first present (and usable) one wins. */
export const CONVENTIONAL_FIELDS: Readonly<Record<FieldRole, readonly string[]>> = {
  timestamp: ['timestamp', 'time', '@timestamp', 'ts', '@t', 'asctime', 'datetime', 'date', 't'],
  level: ['level', 'severity', 'levelname', 'log.level', 'lvl', 'loglevel', '@l', 'level_name'],
  message: ['message', 'msg', 'log', '@m', '@mt', 'text', 'event'],
  // Only names that mean the emitting service: each service gets a miner of its own in the analysis.
  service: ['service', 'service.name', 'serviceContext.service', 'logGroup', 'app', 'application'],
  component: ['logger', 'logger_name', 'loggerName', 'component', 'name', 'service'],
};

/** What `culprit analyze` needs of every record: a message and a time. */
export const REQUIRED_ROLES: readonly FieldRole[] = ['message', 'timestamp'];
