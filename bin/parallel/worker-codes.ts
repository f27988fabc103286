/**
 * What a worker thread sends that is not mined text: a level as its protocol code, an error as a report. Apart
 * from the miners so that a worker which needs only these (service-mining-worker.ts) does not load the file
 * reading and configuration code of chunk-miner.ts at start-up.
 */
import { InvalidInputError } from '../../lambdas/core/errors';
import { LEVELS, type WorkerErrorReport } from './protocol';

const LEVEL_CODES = new Map<string, number>(LEVELS.map((level, index) => [level ?? '', index]));

/** An error as the main thread rebuilds it: input problems stay input problems (exit 2). */
export function errorReport(error: unknown): WorkerErrorReport {
  return {
    message: error instanceof Error ? error.message : String(error),
    invalidInput: error instanceof InvalidInputError,
  };
}

/** A level's code; a level without one (the readers give none of their own today) cannot be carried exactly. */
export function levelCode(level: string | undefined): number {
  if (level === undefined) return 0;
  const code = LEVEL_CODES.get(level);
  if (code === undefined) throw new Error(`level ${level} has no code in the mining protocol (see LEVELS)`);
  return code;
}
