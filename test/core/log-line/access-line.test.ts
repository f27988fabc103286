import { parseLogLine } from '../../../lambdas/core/log-line';

/** Lines written in each server's documented default format (addresses and paths made up). */
const LINES = {
  'Apache common': '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  'nginx combined':
    '203.0.113.9 - - [12/Mar/2024:08:00:05 +0000] "POST /api/orders?id=7 HTTP/1.1" 503 187 "https://shop.example/cart" "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/123.0"',
  ALB: 'https 2024-03-12T08:00:05.123456Z app/shop-lb/50dc6c495c0c9188 203.0.113.9:2817 10.0.0.1:80 0.000 0.001 0.000 502 - 34 366 "GET https://shop.example:443/api/cart HTTP/1.1" "curl/8.5.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/shop/73e2d6bc24d8a067 "Root=1-65f0-abc" "shop.example" "-" 0 2024-03-12T08:00:05.000000Z "forward" "-" "-" "10.0.0.1:80" "-" "-" "-"',
  CloudFront:
    '2024-03-12\t08:00:05\tLAX1\t392\t203.0.113.9\tGET\td111111abcdef8.cloudfront.net\t/index.html\t404\t-\tMozilla/5.0\t-\t-\tError\tSOX4xwn4XV6Q==\tshop.example\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tError\tHTTP/2.0\t-\t-\t11040\t0.001\tError\ttext/html\t78\t-\t-',
  Envoy:
    '[2024-03-12T08:00:05.310Z] "GET /healthz HTTP/2" 200 - 0 2 1 0 "10.0.1.12" "kube-probe/1.29" "a1b2" "api:8080" "10.0.2.3:8080"',
  HAProxy:
    'haproxy[14389]: 10.0.1.2:33317 [12/Mar/2024:08:00:05.655] http-in static/srv1 10/0/30/69/109 500 2750 - - ---- 1/1/1/1/0 0/0 "GET /index.html HTTP/1.1"',
} as const;

const AT = Date.UTC(2024, 2, 12, 8, 0, 5);

describe('reading HTTP access-log lines', () => {
  it('reads an Apache common line: request, status and the bracketed time with its zone', () => {
    expect(parseLogLine(LINES['Apache common'])).toEqual({
      message: 'GET /apache_pb.gif HTTP/1.0 200 success',
      level: 'INFO',
      httpStatus: 200,
      format: 'access',
      timestamp: Date.UTC(2000, 9, 10, 20, 55, 36),
    });
  });

  it.each([
    ['nginx combined', 503, 'POST /api/orders HTTP/1.1 503 server error', AT],
    ['ALB', 502, 'GET https://shop.example:443/api/cart HTTP/1.1 502 server error', AT + 123],
    ['CloudFront', 404, 'GET /index.html 404 client refusal', AT],
    ['Envoy', 200, 'GET /healthz HTTP/2 200 success', AT + 310],
    ['HAProxy', 500, 'GET /index.html HTTP/1.1 500 server error', AT + 655],
  ] as const)('reads the status, request and time of a %s line', (format, status, message, timestamp) => {
    const parsed = parseLogLine(LINES[format]);

    expect(parsed).toMatchObject({ format: 'access', httpStatus: status, message, timestamp });
  });

  it('makes a 5xx line an error and a 4xx line not one', () => {
    expect(parseLogLine(LINES.ALB).level).toBe('ERROR');
    expect(parseLogLine(LINES.CloudFront).level).toBe('INFO');
  });

  it('leaves application lines that mention a request to the header parser', () => {
    const line = '2024-03-12 08:00:05,123 WARN [http-nio-8080-exec-1] c.e.Api - "GET /api HTTP/1.1" 500 took 12 ms';

    expect(parseLogLine(line)).toMatchObject({ format: 'header', level: 'WARN' });
    expect(parseLogLine('client sent HTTP/1.1 request without a method').format).not.toBe('access');
  });
});
