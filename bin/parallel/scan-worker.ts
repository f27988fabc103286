/**
 * Entry point of a scanning worker thread (see {@link ScanPool}): answers each {@link ScanRequest} with the
 * tokens of its lines, in the order the requests came. It loads only the miner's scanner.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchScanner } from '../../lambdas/core/drain/scanned-batch';
import type { ScanFailure, ScanReply, ScanRequest, ScanSetup } from './scan-protocol';

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('scan-worker runs as a worker thread only');
  let scanner: BatchScanner;
  try {
    scanner = new BatchScanner((workerData as ScanSetup).miner);
  } catch (error) {
    const failure: ScanFailure = { kind: 'failure', message: error instanceof Error ? error.message : String(error) };
    port.postMessage(failure);
    return;
  }
  port.on('message', (request: ScanRequest) => {
    try {
      const { lineStarts, tokens } = scanner.scan(request.lines.split('\n'));
      const reply: ScanReply = { kind: 'scanned', lineStarts, tokens };
      port.postMessage(reply, [lineStarts.buffer, tokens.buffer] as ArrayBuffer[]);
    } catch (error) {
      const failure: ScanFailure = { kind: 'failure', message: error instanceof Error ? error.message : String(error) };
      port.postMessage(failure);
    }
  });
}

start();
