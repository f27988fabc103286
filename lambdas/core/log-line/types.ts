/** Severity after normalisation: every dialect (`WARNING`, `err`, `notice`, `SEVERE`, pino's 50...) maps to one. */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/**
 * How the line was recognised:
 * - `json`: a JSON object with a message field (or the whole object, when it has none).
 * - `lambda-runtime`: a line written by the AWS Lambda runtime itself (START/END/REPORT/INIT_START...) or one of its
 *   tab-separated `time \t request-id \t LEVEL \t message` lines.
 * - `access`: an HTTP access-log line (nginx/Apache, ALB, CloudFront, Envoy …): the message is the request and its
 *   status class, the level ERROR for a 5xx status and INFO otherwise.
 * - `header`: a text line whose header (time, level, thread, logger...) was stripped.
 * - `plain`: nothing was recognised; the message is the trimmed line.
 */
export type LogLineFormat = 'json' | 'lambda-runtime' | 'access' | 'header' | 'plain';

/** One raw log line split into the message a template miner should see and the header fields around it. */
export interface ParsedLogLine {
  /** The message with the header stripped, trimmed of surrounding whitespace (the part a template miner should see). */
  readonly message: string;
  /** Normalised severity, when the header (or the JSON object) named one. */
  readonly level?: LogLevel;
  /**
   * Epoch milliseconds, only when the header carried an absolute date (a year, or epoch seconds/millis). A date
   * without a zone is read as UTC. Time-of-day-only and syslog (`Jun 14 15:16:01`, no year) headers give none rather
   * than a guessed one.
   */
  readonly timestamp?: number;
  /** Logger, component, class or process name, when the header named one. */
  readonly component?: string;
  /** The HTTP status of an access-log line (its class decides the level: 5xx is an error). */
  readonly httpStatus?: number;
  readonly format: LogLineFormat;
}
