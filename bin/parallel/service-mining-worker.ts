/**
 * Entry point of a service-mining worker thread (see service-partition.ts): the main thread reads the input and
 * sends each worker the messages of the services it owns, batch by batch; the worker strips headers and mines each
 * message with its service's template miner, and answers every batch, in order, with what was mined.
 */
import { parentPort, workerData } from 'node:worker_threads';
// The mining step's own file, not the analysis index: a worker starts without loading detection and ranking.
import { mineMessage } from '../../lambdas/core/analysis/mining-step';
import { TemplateMiner, type MinerOptionsInput } from '../../lambdas/core/drain';
import { errorReport, levelCode } from './worker-codes';
import {
  CHANGED_FLAG,
  LEVEL_SHIFT,
  type ChunkAliases,
  type MinedLines,
  type ServiceLines,
  type WorkerFailure,
} from './protocol';

interface ServiceMiner {
  readonly miner: TemplateMiner;
  /** Template id → worker template index. */
  readonly templates: Map<string, number>;
}

function start(): void {
  const port = parentPort;
  if (port === null) throw new Error('service-mining-worker runs as a worker thread only');
  const options = workerData as MinerOptionsInput;
  const services: ServiceMiner[] = [];
  let templateCount = 0;

  const mine = (request: ServiceLines): MinedLines => {
    for (let index = 0; index < request.newServices.length; index++)
      services.push({ miner: new TemplateMiner(options), templates: new Map() });
    const count = request.messages.length;
    const templates = new Int32Array(count);
    const flags = new Uint8Array(count);
    const changedTexts: string[] = [];
    const newTemplates: string[] = [];
    const aliases: ChunkAliases[] = [];
    for (let line = 0; line < count; line++) {
      const service = services[request.services[line] as number] as ServiceMiner;
      // The header's level only: the event's own level (if any) stays on the main thread, which wins over it.
      const header = request.headers[line] as number;
      const mined = mineMessage(
        service.miner,
        request.messages[line] as string,
        undefined,
        header >= 0 ? header : undefined,
      );
      if (mined === undefined) {
        templates[line] = -1;
        continue;
      }
      if (mined.merged.length > 0) {
        const pairs: string[] = [];
        for (const { from, into } of mined.merged) pairs.push(from, into);
        aliases.push({ at: line, pairs });
      }
      let template = service.templates.get(mined.templateId);
      if (template === undefined) {
        template = templateCount++;
        service.templates.set(mined.templateId, template);
        newTemplates.push(mined.templateId);
      }
      templates[line] = template;
      let flag = levelCode(mined.level) << LEVEL_SHIFT;
      if (mined.changed) {
        flag |= CHANGED_FLAG;
        changedTexts.push(mined.template);
      }
      flags[line] = flag;
    }
    return { kind: 'mined', batch: request.batch, templates, flags, changedTexts, newTemplates, aliases };
  };

  port.on('message', (request: ServiceLines) => {
    try {
      const mined = mine(request);
      port.postMessage(mined, [mined.templates.buffer, mined.flags.buffer] as ArrayBuffer[]);
    } catch (error) {
      const failure: WorkerFailure = { kind: 'failure', error: errorReport(error) };
      port.postMessage(failure);
    }
  });
}

start();
