import { createRedactor } from '../../../lambdas/core/notify';

/**
 * Fake secrets of each kind the redactor must catch, in the lines a service would log them in. They are
 * assembled from parts so that secret scanners reading this repository do not flag the test itself.
 */
const SECRETS: ReadonlyArray<readonly [kind: string, secret: string, line: (secret: string) => string]> = [
  ['AWS access key id', ['AKIA', '2E0A8F3B244C9986'].join(''), (s) => `using key ${s} for s3`],
  [
    'AWS secret access key',
    ['Zx9kQ2mVb7Lr4Tn8Wp3Y', 'c6Hd1Jf5Gs0Ka2Ue7Rq4'].join(''),
    (s) => `env aws_secret_access_key=${s} loaded`,
  ],
  [
    'AWS secret access key in JSON',
    ['Zx9kQ2mVb7Lr4Tn8Wp3Y', 'c6Hd1Jf5Gs0Ka2Ue7Rq4'].join(''),
    (s) => `config {"AWS_SECRET_ACCESS_KEY": "${s}"}`,
  ],
  [
    'Slack bot token',
    ['xoxb', '263594206564', '2343594206574', 'FGqddMF8t08v8N7Oq4i57vs1'].join('-'),
    (s) => `slack client token=${s}`,
  ],
  [
    'Slack user token',
    ['xoxp', '263594206564', '2343594206574', '2343594206574', '4a7d8f2e0c9b6a5d4e3f2a1b0c9d8e7f'].join('-'),
    (s) => `retrying with ${s}`,
  ],
  [
    'Slack webhook URL',
    `https://hooks.slack.com/services/${['T0A1B2C3D', 'B4E5F6G7H', 'q8R9s0T1u2V3w4X5y6Z7a8B9'].join('/')}`,
    (s) => `posting to ${s} failed`,
  ],
  [
    'JWT',
    [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
      'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ].join('.'),
    (s) => `session cookie ${s} expired`,
  ],
  ['password=…', 'hunter2-Secret!', (s) => `login failed password=${s} for user bob`],
  ['"password": …', 'hunter2-Secret!', (s) => `body {"user":"bob","password":"${s}"}`],
  [
    'PEM private key',
    [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
      'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n'),
    (s) => `loaded key\n${s}\nfrom disk`,
  ],
  ['GitHub classic token', ['ghp', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('_'), (s) => `git clone with ${s}`],
  [
    'GitHub fine-grained token',
    ['github', 'pat', '11ABCDEFG0123456789abc', '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW'].join(
      '_',
    ),
    (s) => `token ${s} rejected`,
  ],
  ['Stripe live key', ['sk', 'live', '51H8mPqL2eZvKYlo2C0a1b2c3d4e5f6g7h8'].join('_'), (s) => `charge with ${s}`],
  ['Stripe restricted key', ['rk', 'test', '4eC39HqLyjWDarjtT1zdp7dc'].join('_'), (s) => `STRIPE_KEY=${s}`],
  [
    'Cloudflare API token',
    ['cfut', 'Xk3mP9qR2sT5vW8yZ1bD4fH7jL0nQ3tV6xA9cE2g5d41402a'].join('_'),
    (s) => `cloudflare client init with ${s}`,
  ],
  [
    'Tailscale auth key',
    ['tskey', 'auth', 'kBX9qhUcNT11CNTRL', 'Qz7pR3mV9xW2yK5tN8bF4hJ6'].join('-'),
    (s) => `tailscale up --authkey ${s}`,
  ],
  ['Basic auth in a URL', 's3cr3tPa55', (s) => `curl https://alice:${s}@api.example.com/v1`],
  [
    'Basic auth header',
    Buffer.from('alice:s3cr3tPa55').toString('base64'),
    (s) => `request headers Authorization: Basic ${s}`,
  ],
  ['Google API key', ['AIza', 'SyD4fC1x2Qw3Er4Ty5Ui6Op7As8Df9Gh0Jk'].join(''), (s) => `maps key=${s} over quota`],
  ['npm token', ['npm', '1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R'].join('_'), (s) => `publish with ${s}`],
  [
    'npm token in .npmrc',
    ['npm', '1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R'].join('_'),
    (s) => `//registry.npmjs.org/:_authToken=${s}`,
  ],
  ['Bearer token', 'abc123def456ghi789jkl', (s) => `Authorization: Bearer ${s}`],
  ['e-mail address', 'alice.smith+ci@example.co.uk', (s) => `deployed by ${s}`],
];

/** Lines with ids, hashes, UUIDs and template placeholders: nothing in them is a secret. */
const ORDINARY = [
  'PacketResponder 1 for block blk_38865049064139660 terminating',
  'request 3f2b8c1e-9a4d-4e7b-b1c2-5d6e7f8a9b0c done in 35 ms',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed to prod',
  'sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae pulled',
  'Receiving block blk_<*> src: /<IP>:<NUM> dest: /<IP>:<NUM>',
  'user <*> logged in with password=<*> from <IP>',
  'token refresh took 12 ms; 3 tokens cached',
  'Basic health check passed for node-7 (us-east-1a)',
  'trace_id=5b8aa5a2d2c872e8321cf37308d69df2 span_id=051581bf3cb55c13',
  'arn:aws:lambda:us-east-1:123456789012:function:checkout-api version 42',
  'GET /api/v1/orders/8812?expand=items HTTP/1.1 200 1532',
];

describe('the redactor, on a corpus of fake secrets', () => {
  const redact = createRedactor();

  it.each(SECRETS)('removes a %s', (_kind, secret, line) => {
    const out = redact(line(secret));

    expect(out).toContain('[REDACTED');
    expect(out).not.toContain(secret);
    // No long part of the secret survives either (a half-redacted key is still a leak).
    for (let start = 0; start + 8 <= secret.length; start += 4) {
      const piece = secret.slice(start, start + 8);
      if (!/^[A-Za-z]+$/.test(piece) && !line('').includes(piece)) expect(out).not.toContain(piece);
    }
  });

  it.each(ORDINARY)('leaves ordinary log text alone: %s', (line) => {
    expect(redact(line)).toBe(line);
  });

  it('takes linear time on long hostile text', () => {
    const hostile = [
      'a'.repeat(50_000),
      `${'a.'.repeat(20_000)}@`,
      `aws_secret_access_key=${'A'.repeat(30_000)}`,
      `${'eyJ'.repeat(10_000)}.`,
      `password=${'x'.repeat(50_000)}`,
    ];
    const started = performance.now();

    for (const text of hostile) redact(text);

    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
