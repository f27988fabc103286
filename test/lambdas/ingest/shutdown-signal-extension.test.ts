import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

// The extension ingest ships as a layer (lambdas/extensions/shutdown-signal), run against a loopback server
// that answers the two Extensions API calls it makes as Lambda documents them. No emulator of this API exists.
const EXTENSION = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'lambdas',
  'extensions',
  'shutdown-signal',
  'extensions',
  'culprit-shutdown-signal',
);

interface ExtensionsApi {
  readonly server: Server;
  readonly address: string;
  readonly calls: {
    method: string;
    url: string;
    name: string | undefined;
    identifier: string | undefined;
    body: string;
  }[];
  /** Answers the extension's waiting /event/next with a SHUTDOWN event. */
  shutdown(): void;
  /** Resolves when the extension is waiting on /event/next. */
  readonly waiting: Promise<void>;
}

async function startExtensionsApi(): Promise<ExtensionsApi> {
  const calls: ExtensionsApi['calls'] = [];
  let parked: ServerResponse | undefined;
  let markWaiting: () => void = () => undefined;
  const waiting = new Promise<void>((done) => (markWaiting = done));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls.push({
        method: req.method ?? '',
        url: req.url ?? '',
        name: req.headers['lambda-extension-name'] as string | undefined,
        identifier: req.headers['lambda-extension-identifier'] as string | undefined,
        body,
      });
      if (req.url === '/2020-01-01/extension/register') {
        res
          .writeHead(200, { 'Lambda-Extension-Identifier': 'ext-1', 'Content-Type': 'application/json' })
          .end(JSON.stringify({ functionName: 'ingest', functionVersion: '$LATEST', handler: 'index.handler' }));
      } else if (req.url === '/2020-01-01/extension/event/next') {
        parked = res;
        markWaiting();
      } else {
        res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    address: `127.0.0.1:${port}`,
    calls,
    waiting,
    shutdown: () =>
      parked
        ?.writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ eventType: 'SHUTDOWN', shutdownReason: 'spindown', deadlineMs: Date.now() + 2000 })),
  };
}

describe('the shutdown-signal extension', () => {
  it('registers for SHUTDOWN only, under its file name, waits for the next event and exits when it is SHUTDOWN', async () => {
    const api = await startExtensionsApi();
    try {
      // Act: started as Lambda starts external extensions (Node here is the test's; in Lambda /var/lang/bin/node).
      const child = spawn(process.execPath, [EXTENSION], {
        env: { AWS_LAMBDA_RUNTIME_API: api.address },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      await api.waiting;
      const whileWaiting = child.exitCode;
      api.shutdown();
      const code = await exited;

      // Assess
      expect(whileWaiting).toBeNull();
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(api.calls.map((c) => [c.method, c.url, c.name ?? c.identifier, c.body])).toEqual([
        ['POST', '/2020-01-01/extension/register', 'culprit-shutdown-signal', '{"events":["SHUTDOWN"]}'],
        ['GET', '/2020-01-01/extension/event/next', 'ext-1', ''],
      ]);
    } finally {
      await new Promise((done) => api.server.close(done));
    }
  });
});
