import type { LogLevel } from '../../lambdas/core/log-line';

/** Level spellings of the conventions in the corpus. */
const SPELLINGS = {
  upper: { TRACE: 'TRACE', DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARN', ERROR: 'ERROR', FATAL: 'FATAL' },
  python: { TRACE: 'DEBUG', DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARNING', ERROR: 'ERROR', FATAL: 'CRITICAL' },
  lower: { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error', FATAL: 'fatal' },
  title: { TRACE: 'Trace', DEBUG: 'Debug', INFO: 'Info', WARN: 'Warning', ERROR: 'Error', FATAL: 'Critical' },
  three: { TRACE: 'VRB', DEBUG: 'DBG', INFO: 'INF', WARN: 'WRN', ERROR: 'ERR', FATAL: 'FTL' },
  letter: { TRACE: 'V', DEBUG: 'D', INFO: 'I', WARN: 'W', ERROR: 'E', FATAL: 'F' },
  postgres: { TRACE: 'DEBUG2', DEBUG: 'DEBUG1', INFO: 'LOG', WARN: 'WARNING', ERROR: 'ERROR', FATAL: 'FATAL' },
  mysql: { TRACE: 'Note', DEBUG: 'Note', INFO: 'System', WARN: 'Warning', ERROR: 'ERROR', FATAL: 'ERROR' },
  dotnet: { TRACE: 'trce', DEBUG: 'dbug', INFO: 'info', WARN: 'warn', ERROR: 'fail', FATAL: 'crit' },
  syslog: { TRACE: 'debug', DEBUG: 'debug', INFO: 'notice', WARN: 'warn', ERROR: 'err', FATAL: 'crit' },
  windows: {
    TRACE: 'Verbose',
    DEBUG: 'Verbose',
    INFO: 'Information',
    WARN: 'Warning',
    ERROR: 'Error',
    FATAL: 'Critical',
  },
  redis: { TRACE: '.', DEBUG: '-', INFO: '*', WARN: '#', ERROR: '#', FATAL: '#' },
} as const satisfies Record<string, Record<LogLevel, string>>;

export type LevelSpelling = keyof typeof SPELLINGS;

export function levelText(level: LogLevel, spelling: LevelSpelling, width = 0): string {
  return SPELLINGS[spelling][level].padEnd(width);
}
