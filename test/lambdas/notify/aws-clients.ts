import type { Logger } from '@aws-lambda-powertools/logger';

/** Credentials and region for clients talking to moto_server. */
export const MOTO_CLIENT = {
  region: 'eu-west-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** A logger that keeps what it was told, to assert that failures are logged. */
export function recordingLogger(): Pick<Logger, 'info' | 'warn' | 'error'> & {
  readonly entries: { level: string; message: string; extra: unknown[] }[];
} {
  const entries: { level: string; message: string; extra: unknown[] }[] = [];
  const at =
    (level: string) =>
    (message: unknown, ...extra: unknown[]) => {
      entries.push({ level, message: String(message), extra });
    };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') } as Pick<
    Logger,
    'info' | 'warn' | 'error'
  > & { readonly entries: typeof entries };
}

/** Counts the commands a v3 client sends (the real requests still go out). */
export function countCommands(client: {
  middlewareStack: { add: (mw: never, options: { step: 'initialize'; name: string }) => void };
}): Map<string, number> {
  const counts = new Map<string, number>();
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const name = context.commandName ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name: 'culpritCountCommands' });
  return counts;
}
