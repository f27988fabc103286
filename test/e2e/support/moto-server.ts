import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** moto_server (Python moto) on 127.0.0.1: EventBridge, and SQS to observe what the bus delivers. */
export interface MotoServer {
  readonly endpoint: string;
  /** The process id (the leader of its own process group). */
  readonly pid: number;
  stop(): Promise<void>;
}

/** The last bytes moto wrote to stderr, kept for the error message when it does not start. */
const STDERR_TAIL_CHARS = 2000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port on 127.0.0.1');
  return address.port;
}

/** Kills the whole process group of `child` (moto and anything it started); no error when it is gone. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `moto_server`; a missing moto fails the suite loudly instead of skipping it. The server never
 * outlives the test process: it runs in its own process group, killed by `stop()`, by a failed start, and
 * at the latest when the test process exits (a suite whose `afterAll` never ran). It holds no handle that
 * keeps jest from exiting by itself.
 */
export async function startMotoServer(): Promise<MotoServer> {
  const port = await freePort();
  // A shell leads the process group: it runs moto and watches this process, and when this process is gone
  // (a jest that exited without calling stop()) it kills the group. Jest's sandboxed `process` does not
  // deliver the real 'exit' event, so the watch cannot live on this side.
  const watchdog = `trap 'kill 0' EXIT; moto_server -H 127.0.0.1 -p ${port} & while kill -0 ${process.pid} 2>/dev/null && kill -0 $! 2>/dev/null; do sleep 1; done`;
  const child: ChildProcess = spawn('sh', ['-c', watchdog], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  // Drained, or moto blocks once its request log fills the pipe.
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`moto_server could not start (is Python moto 5 installed?): ${error.message}`)),
    ),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${stderr.trim()}`);
      try {
        const response = await fetch(`${endpoint}/moto-api/`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`moto_server did not answer on ${endpoint}: ${stderr.trim()}`);
  })();
  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    killGroup(child, 'SIGKILL');
    throw error;
  }
  child.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return {
    endpoint,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        killGroup(child, 'SIGTERM');
      });
    },
  };
}
