import type { LogLevel } from '../../lambdas/core/log-line';
import type { TimeParts } from './time-text';

/** Per-line values a layout may print; drawn by the corpus generator from a small per-source pool. */
export interface LineFields {
  readonly epochMillis: number;
  readonly time: TimeParts;
  readonly level: LogLevel;
  readonly host: string;
  readonly app: string;
  readonly pid: number;
  readonly tid: number;
  readonly thread: string;
  /** A qualified logger name (`com.example.billing.InvoiceService`). */
  readonly logger: string;
  readonly requestId: string;
  /** Seconds since start, with a fraction. */
  readonly uptime: number;
}

/** One header layout of a widely used logging convention. */
export interface HeaderLayout {
  readonly name: string;
  /** `tuning`: looked at while the inference was tuned. `held-out`: only measured, reported apart. */
  readonly family: 'tuning' | 'held-out';
  /** The whole line for `message`; most layouts put the message last unchanged. */
  readonly render: (fields: LineFields, message: string) => string;
  /** What a reader should recover as the message, when the layout adds text after it (Kafka's logger suffix). */
  readonly expected?: (fields: LineFields, message: string) => string;
}
