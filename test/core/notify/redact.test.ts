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
    expect(redact('connecting to postgres://app:s3cr3t!@db.internal:5432/shop failed')).toBe(
      'connecting to postgres://app:[REDACTED]@db.internal:5432/shop failed',
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
    expect(() => createRedactor(['ok', '(unclosed'])).toThrow(/pattern 1 \("\(unclosed"\)/);
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
