import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stub received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** What the stub answers next: a status, headers and a body; queued answers are used first. */
export interface StubAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * A Slack stand-in on 127.0.0.1 speaking Slack's protocol: records every request, answers queued
 * responses first (429 with Retry-After, 500…), then behaves like Slack: a webhook answers `ok`,
 * chat.postMessage a new `ts`, chat.update the `ts` it was given.
 */
export class SlackStub {
  readonly requests: RecordedRequest[] = [];
  private readonly queued: StubAnswer[] = [];
  private server: Server | undefined;
  private nextTs = 1_709_632_800;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        const path = req.url ?? '';
        this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        const answer = this.queued.shift() ?? this.slackAnswer(path, body);
        res.writeHead(answer.status, {
          'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
          ...answer.headers,
        });
        res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }

  answerNext(...answers: StubAnswer[]): void {
    this.queued.push(...answers);
  }

  reset(): void {
    this.requests.length = 0;
    this.queued.length = 0;
  }

  private slackAnswer(path: string, body: Record<string, unknown>): StubAnswer {
    if (path.startsWith('/hooks/')) return { status: 200, body: 'ok' };
    if (path === '/api/chat.postMessage')
      return { status: 200, body: { ok: true, channel: body.channel, ts: `${this.nextTs++}.000100` } };
    if (path === '/api/chat.update') return { status: 200, body: { ok: true, channel: body.channel, ts: body.ts } };
    return { status: 404, body: { ok: false, error: 'unknown_method' } };
  }
}
