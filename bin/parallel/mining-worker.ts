/**
 * Entry point of a mining worker thread (see {@link ChunkMiner}): answers each {@link ChunkRequest} with the
 * next chunk of that file, one request at a time, in the order they came. The main thread asks for a few
 * chunks per file ahead, so a worker never runs further ahead than that.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkMiner, errorReport } from './chunk-miner';
import type { ChunkRequest, MinedChunk, WorkerFailure, WorkerSetup } from './protocol';

function transferables(chunk: MinedChunk): ArrayBuffer[] {
  return [chunk.timestamps.buffer, chunk.templates.buffer, chunk.flags.buffer, chunk.lineEnds.buffer] as ArrayBuffer[];
}

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('mining-worker runs as a worker thread only');
  const miner = new ChunkMiner(workerData as WorkerSetup);
  const queue: ChunkRequest[] = [];
  let busy = false;
  const serve = async (): Promise<void> => {
    busy = true;
    try {
      for (let request = queue.shift(); request !== undefined; request = queue.shift()) {
        const chunk = await miner.next(request.file);
        port.postMessage(chunk, transferables(chunk));
      }
    } catch (error) {
      const failure: WorkerFailure = { kind: 'failure', error: errorReport(error) };
      port.postMessage(failure);
    } finally {
      busy = false;
    }
  };
  port.on('message', (request: ChunkRequest) => {
    queue.push(request);
    if (!busy) void serve();
  });
  // The main thread closes the port (or terminates the worker) when it is done or gives up.
  port.on('close', () => void miner.close());
}

start();
