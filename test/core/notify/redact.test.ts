import { InvalidInputError } from '../../../lambdas/core/errors';
import { createRedactor, redactDeep } from '../../../lambdas/core/notify';

describe('createRedactor', () => {
  const redact = createRedactor();

  it('removes long-term and temporary AWS access key ids', () => {
    const text = 'creds AKIAIOSFODNN7EXAMPLE and ASIAY34FZKBOKMUTVV7A in env';

    expect(redact(text)).toBe('creds [REDACTED:aws-access-key] and [REDACTED:aws-access-key] in env');
  });

  it('removes bearer tokens but keeps the word Bearer', () => {
    expect(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_-x=')).toBe(
      'Authorization: Bearer [REDACTED]',
    );
  });

  it('removes the password from a URL and keeps the user and host', () => {
    expect(redact('fetching https://app:s3cr3t!@api.internal/v1/orders failed')).toBe(
      'fetching https://app:[REDACTED]@api.internal/v1/orders failed',
    );
  });

  it('removes a whole database connection string that carries a password', () => {
    expect(redact('connecting to postgres://app:s3cr3t!@db.internal:5432/shop failed')).toBe(
      'connecting to [REDACTED:database-connection-string] failed',
    );
  });

  it('removes e-mail addresses', () => {
    expect(redact('deployed by alice.smith+ci@example.co.uk today')).toBe('deployed by [REDACTED:email] today');
  });

  it('applies user patterns after the built-in ones', () => {
    const custom = createRedactor(['card=\\d{4}-\\d{4}-\\d{4}-\\d{4}', 'tenant-[a-z]+']);

    expect(custom('card=4111-1111-1111-1111 for tenant-acme')).toBe('[REDACTED] for [REDACTED]');
  });

  it('rejects a user pattern that is not a regular expression, naming it', () => {
    expect(() => createRedactor(['ok', '(unclosed'])).toThrow(InvalidInputError);
    expect(() => createRedactor(['ok', '(unclosed'])).toThrow(
      /redaction pattern 1 "\(unclosed" is not a regular expression/,
    );
  });

  it('rejects a user pattern the linear-time engine cannot run (a lookahead), naming it', () => {
    expect(() => createRedactor(['secret(?=x)'])).toThrow(/redaction pattern 0 "secret\(\?=x\)" .*RE2 syntax/);
  });

  it('runs a catastrophic user pattern in linear time', () => {
    const slow = createRedactor(['(a+)+$']);
    const started = performance.now();

    const out = slow(`${'a'.repeat(40)}!`);

    expect(out).toBe(`${'a'.repeat(40)}!`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('leaves ordinary log text alone', () => {
    const line = 'PacketResponder 1 for block blk_38865049064139660 terminating';

    expect(redact(line)).toBe(line);
  });
});

describe('redactDeep', () => {
  it('redacts every string in nested objects and arrays and keeps numbers and nulls', () => {
    const value = { a: ['mail bob@example.com'], b: { c: 'AKIAIOSFODNN7EXAMPLE', n: 3, z: null } };

    expect(redactDeep(value, createRedactor())).toEqual({
      a: ['mail [REDACTED:email]'],
      b: { c: '[REDACTED:aws-access-key]', n: 3, z: null },
    });
  });
});
