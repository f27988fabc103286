/**
 * Synthesised lines for production conditions: what a rolling restart prints at every deploy, errors
 * that are errors only by their record's level, errors hidden in the raw line at a routine level, a
 * caller's errors with no name in them, a large new non-error line, and exceptions printed as one event
 * per stack frame (a known, handled one and a new one).
 */
import type { SyntheticLine } from './synthetic-lines';

export const PRODUCTION_LINES: readonly SyntheticLine[] = [
  // A rolling restart, instance by instance, at every deploy.
  { id: 'restart-drain', family: 'any', role: 'restart', pattern: 'Received SIGTERM, draining {int} connections' },
  { id: 'restart-stopped', family: 'any', role: 'restart', pattern: 'Shutdown complete after {ms} ms' },
  { id: 'restart-start', family: 'any', role: 'restart', pattern: 'Starting application on {host} with PID {int}' },
  {
    id: 'restart-ready',
    family: 'any',
    role: 'restart',
    pattern: 'Application started in {float} seconds, listening on port {port}',
  },
  // Errors only by the level a structured record carries: no error word in the message.
  { id: 'quiet-charge', family: 'any', role: 'quiet-error', pattern: 'Charge {hex8} declined by provider, code {int}' },
  {
    id: 'quiet-schema',
    family: 'any',
    role: 'quiet-error',
    pattern: 'Record {hex8} skipped: schema version {int} does not match',
  },
  // Errors at a routine level, visible only in the raw line.
  {
    id: 'hidden-camel',
    family: 'any',
    role: 'hidden-error',
    pattern: 'Dispatching sendSyncFailedBroadcast to {int} subscribers of shard {int}',
  },
  {
    id: 'hidden-exception',
    family: 'any',
    role: 'hidden-error',
    pattern: 'Rolled back transaction {hex8}: org.springframework.dao.DataIntegrityViolationException',
  },
  {
    id: 'hidden-json',
    family: 'any',
    role: 'hidden-error',
    pattern: 'Upstream answered request {hex8} with body={"error":"quota_exceeded","retryAfter":{int}}',
  },
  {
    id: 'hidden-status',
    family: 'any',
    role: 'hidden-error',
    pattern: 'POST /v1/orders/{int} status=503 duration={ms}ms',
  },
  // A caller's errors that name no dependency (a dependency map has to tell where they come from).
  {
    id: 'caller-retries',
    family: 'any',
    role: 'caller-error',
    pattern: 'Request {hex8} failed after 3 attempts (last status 502), giving up',
  },
  {
    id: 'caller-timeout',
    family: 'any',
    role: 'caller-error',
    pattern: 'Timed out after {ms} ms waiting for a response to call {hex8}',
  },
  // A large new non-error line: the deploy changed behaviour, nothing broke.
  {
    id: 'behaviour-audit',
    family: 'any',
    role: 'behaviour',
    pattern: 'Audit event recorded for session {hex16} (policy v{int})',
  },
  {
    id: 'behaviour-cache',
    family: 'any',
    role: 'behaviour',
    pattern: 'Cache lookup for key {hex8} served from tier {int}',
  },
  // A handled exception the service has always printed now and then, one event per frame.
  {
    id: 'handled-trace',
    family: 'any',
    role: 'handled',
    pattern: 'Retrying after transient exception in poller {int}: java.net.SocketTimeoutException: Read timed out',
    stack: [
      '\tat java.net.SocketInputStream.socketRead0(Native Method)',
      '\tat com.acme.platform.poll.Poller.fetch(Poller.java:88)',
      '\tat com.acme.platform.poll.Poller.run(Poller.java:41)',
      '\t... 4 more',
    ],
  },
  // A new exception a bad release throws, with a cause.
  {
    id: 'trace-new',
    family: 'any',
    role: 'trace-error',
    pattern: 'Unhandled exception processing message {hex8}: java.lang.IllegalStateException: cursor closed',
    stack: [
      '\tat com.acme.platform.store.Cursor.next(Cursor.java:152)',
      '\tat com.acme.platform.store.Reader.drain(Reader.java:77)',
      'Caused by: java.io.EOFException: stream ended after {int} bytes',
      '\tat com.acme.platform.io.Frames.read(Frames.java:203)',
      '\t... 9 more',
    ],
  },
];
