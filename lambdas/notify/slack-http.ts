import type { SlackMessage } from '../core/notify';

/** Retry and transport settings of Slack calls. Every default declared once. */
export interface SlackHttpOptions {
  /** Attempts per call, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** First back-off after a 5xx or a network error; doubles each time. @default 500 */
  readonly baseDelayMs?: number;
  /** Longest wait, also the cap on a 429's Retry-After (a Lambda cannot wait minutes). @default 30000 */
  readonly maxDelayMs?: number;
  /** Per-request timeout. @default 10000 */
  readonly timeoutMs?: number;
  /** Web API base. @default 'https://slack.com/api' */
  readonly apiBaseUrl?: string;
  /** @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
  /** In [0, 1), for back-off jitter. @default Math.random */
  readonly random?: () => number;
}

export const SLACK_HTTP_DEFAULTS = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 10_000,
  apiBaseUrl: 'https://slack.com/api',
} as const;

/** The outcome of one Slack call after its retries; failures are values, never thrown. */
export type SlackCallResult =
  | { readonly ok: true; readonly attempts: number; readonly ts?: string; readonly channel?: string }
  | { readonly ok: false; readonly attempts: number; readonly status?: number; readonly error: string };

/** Parts of a Web API answer Culprit reads. */
interface ApiBody {
  ok?: unknown;
  error?: unknown;
  ts?: unknown;
  channel?: unknown;
}

/** `message` with `url` (which may hold a webhook's secret path) replaced by a placeholder. */
function withoutUrl(message: string, url: string): string {
  return message.split(url).join('<url>');
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * HTTP to Slack with Slack's rate-limit contract: a 429 (or `ratelimited`) waits the Retry-After it names,
 * a 5xx or a network failure backs off exponentially, all bounded by `maxAttempts`; anything else is final.
 */
export class SlackHttp {
  private readonly o: Required<SlackHttpOptions>;

  constructor(options: SlackHttpOptions = {}) {
    this.o = { ...SLACK_HTTP_DEFAULTS, sleep: defaultSleep, random: Math.random, ...options };
  }

  /** Posts to an incoming webhook (which answers `ok` as text). */
  postWebhook(url: string, message: SlackMessage): Promise<SlackCallResult> {
    return this.withRetries(url, { 'content-type': 'application/json' }, message, async (response) => {
      const text = await response.text();
      return response.ok ? { ok: true } : { ok: false, error: text.slice(0, 200) || `HTTP ${response.status}` };
    });
  }

  /** Calls a Web API method (`chat.postMessage`, `chat.update`) with a bot token. */
  callApi(method: string, token: string, payload: Record<string, unknown>): Promise<SlackCallResult> {
    const url = `${this.o.apiBaseUrl.replace(/\/+$/, '')}/${method}`;
    const headers = { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` };
    return this.withRetries(url, headers, payload, async (response) => {
      let body: ApiBody;
      try {
        body = (await response.json()) as ApiBody;
      } catch {
        return { ok: false, error: `HTTP ${response.status}: not JSON` };
      }
      if (body.ok !== true)
        return { ok: false, error: typeof body.error === 'string' ? body.error : `HTTP ${response.status}` };
      return {
        ok: true,
        ...(typeof body.ts === 'string' ? { ts: body.ts } : {}),
        ...(typeof body.channel === 'string' ? { channel: body.channel } : {}),
      };
    });
  }

  private async withRetries(
    url: string,
    headers: Record<string, string>,
    body: unknown,
    read: (response: Response) => Promise<{ ok: true; ts?: string; channel?: string } | { ok: false; error: string }>,
  ): Promise<SlackCallResult> {
    // A URL that does not parse fails the same way every time, and fetch's error would quote it (a webhook
    // URL is a credential): refuse it at once, without retries.
    if (!URL.canParse(url)) return { ok: false, attempts: 0, error: 'the URL does not parse; not sent' };
    let last: SlackCallResult = { ok: false, attempts: 0, error: 'not attempted' };
    for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
      let wait: number;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        if (response.status === 429) {
          await response.body?.cancel();
          last = { ok: false, attempts: attempt, status: 429, error: 'rate limited' };
          wait = this.retryAfter(response.headers.get('retry-after'));
        } else if (response.status >= 500) {
          const text = (await response.text()).trim().slice(0, 200);
          last = { ok: false, attempts: attempt, status: response.status, error: text === '' ? 'server error' : text };
          wait = this.backoff(attempt);
        } else {
          const outcome = await read(response);
          if (outcome.ok) return { ...outcome, attempts: attempt };
          last = { ok: false, attempts: attempt, status: response.status, error: outcome.error };
          // The Web API also reports rate limiting in the body of a 200.
          if (outcome.error !== 'ratelimited') return last;
          wait = this.retryAfter(response.headers.get('retry-after'));
        }
      } catch (error) {
        last = {
          ok: false,
          attempts: attempt,
          error: `request failed: ${withoutUrl(error instanceof Error ? error.message : String(error), url)}`,
        };
        wait = this.backoff(attempt);
      }
      if (attempt < this.o.maxAttempts) await this.o.sleep(wait);
    }
    return last;
  }

  /** Retry-After in seconds (Slack sends whole seconds); absent or unreadable means one second. */
  private retryAfter(header: string | null): number {
    const seconds = header === null ? Number.NaN : Number(header);
    const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
    return Math.min(ms, this.o.maxDelayMs);
  }

  /** Exponential back-off with jitter (half fixed, half random) so parallel containers spread out. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.o.baseDelayMs * 2 ** (attempt - 1), this.o.maxDelayMs);
    return Math.round(ceiling / 2 + (ceiling / 2) * this.o.random());
  }
}
