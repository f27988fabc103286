import type { LogLevel } from './types';

/** What the header scanners found; filled in place, then turned into a ParsedLogLine once. */
export interface HeaderFields {
  /** Index where the message starts; 0 when nothing was stripped. */
  messageStart: number;
  level: LogLevel | undefined;
  component: string | undefined;
  /** Epoch ms, NaN when unknown. */
  millis: number;
  /** True when the line came from the AWS Lambda runtime's own tab-separated layout. */
  lambdaRuntime: boolean;
}

export function emptyHeaderFields(): HeaderFields {
  return { messageStart: 0, level: undefined, component: undefined, millis: Number.NaN, lambdaRuntime: false };
}
