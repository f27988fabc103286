import { hasErrorSignal, hasErrorWords } from '../../../lambdas/core/detect/error-signal';

describe('error signals', () => {
  it.each([
    'Dispatching sendSyncFailedBroadcast to 12 subscribers',
    'Rolled back transaction 3f2a: org.springframework.dao.DataIntegrityViolationException',
    'Caused by: java.io.EOFException: stream ended',
  ])('finds an error word inside an identifier in a template: %s', (text) => {
    expect(hasErrorWords(text)).toBe(true);
  });

  it.each([
    'Upstream answered request 9a1f with body={"error":"quota_exceeded","retryAfter":30}',
    '{"level":"error","msg":"charge declined"}',
    'POST /v1/orders/12 status=503 duration=87ms',
    '10.0.0.1 - - [01/Mar/2024:09:00:00 +0000] "GET /cart HTTP/1.1" 502 173',
  ])('reads an error its template masks on the raw line: %s', (line) => {
    expect(hasErrorSignal(line)).toBe(true);
  });

  it.each([
    'POST /v1/orders/12 status=201 duration=87ms',
    'Upstream answered request 9a1f with body={"error":null}',
    '2024-03-01T09:00:00Z node-12 switch_module error 1 health probe completed',
    'Errors counter reset for FailoverGroup primary',
  ])('sees no masked error signal in a routine raw line: %s', (line) => {
    expect(hasErrorSignal(line)).toBe(false);
  });
});
