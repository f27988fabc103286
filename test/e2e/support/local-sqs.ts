import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOOPBACK_AWS } from '../../lambdas/deploys/local-dynamodb';

/** fauxqs (SQS protocol) on 127.0.0.1, and a client for it. */
export interface LocalSqs {
  readonly endpoint: string;
  /** The server process, leader of its own process group. */
  readonly pid: number;
  readonly client: SQSClient;
  /** Creates a queue; with `deadLetter`, messages received `maxReceiveCount` times move there. */
  createQueue(
    name: string,
    options?: {
      readonly visibilityTimeoutSeconds?: number;
      readonly deadLetter?: { readonly queueUrl: string; readonly maxReceiveCount: number };
    },
  ): Promise<string>;
  stop(): Promise<void>;
}

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

// fauxqs is an ES module only, which jest's CommonJS runtime cannot load: it runs in its own Node process,
// started exactly as its documentation says (buildApp, then listen on loopback with a free port). It exits by
// itself once the test process is gone, so a suite that fails before stopping it leaves nothing running.
const SERVER = `
import { buildApp } from 'fauxqs';
const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(address + '\\n');
process.on('SIGTERM', () => { app.close().finally(() => process.exit(0)); });
const parent = Number(process.env.CULPRIT_TEST_PID);
setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000);
`;

export async function startLocalSqs(): Promise<LocalSqs> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CULPRIT_TEST_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = await new Promise<string>((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolvePromise(line.trim()));
    child.once('error', (error) => reject(new Error(`fauxqs could not start: ${error.message}`)));
    child.once('exit', (code) =>
      reject(new Error(`fauxqs exited with code ${String(code)} before listening: ${stderr}`)),
    );
  });
  if (!endpoint.startsWith('http://127.0.0.1:')) throw new Error(`fauxqs printed an unexpected address: ${endpoint}`);
  // Neither the process nor its pipes keep jest running: one never stopped ends with the test process.
  child.unref();
  for (const pipe of [child.stdout, child.stderr]) (pipe as unknown as { unref?: () => void } | null)?.unref?.();
  const client = new SQSClient({ ...LOOPBACK_AWS, endpoint });
  return {
    endpoint,
    pid: child.pid ?? 0,
    client,
    async createQueue(name, options = {}) {
      const attributes: Record<string, string> = {};
      if (options.visibilityTimeoutSeconds !== undefined)
        attributes.VisibilityTimeout = String(options.visibilityTimeoutSeconds);
      if (options.deadLetter !== undefined) {
        const dlq = await client.send(
          new GetQueueAttributesCommand({ QueueUrl: options.deadLetter.queueUrl, AttributeNames: ['QueueArn'] }),
        );
        attributes.RedrivePolicy = JSON.stringify({
          deadLetterTargetArn: dlq.Attributes?.QueueArn,
          maxReceiveCount: options.deadLetter.maxReceiveCount,
        });
      }
      const created = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
      if (created.QueueUrl === undefined) throw new Error(`fauxqs created queue ${name} without a URL`);
      return created.QueueUrl;
    },
    async stop() {
      client.destroy();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolvePromise) => {
        child.once('exit', () => resolvePromise());
        child.kill('SIGTERM');
      });
    },
  };
}
