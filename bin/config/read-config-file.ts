/**
 * Reads `culprit.config.json` from disk. The file is read only when asked for (`--config FILE`) or, when
 * `findConfigFile` is used, announced by the caller — never picked up silently.
 */
import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfigFile, type ConfigFile } from '../../lambdas/core/config';
import { SettingsError } from '../../lambdas/core/settings';

/** The name the CLI looks for in the working directory. */
export const CONFIG_FILE_NAME = 'culprit.config.json';

/** `line L, column C` of a character offset, for JSON syntax errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function syntaxProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  const where = position?.[1] === undefined ? '' : ` at ${lineColumn(text, Number(position[1]))}`;
  return `not valid JSON${where}: ${message}`;
}

function originOf(file: string): string {
  return path.basename(file) === file ? file : path.relative(process.cwd(), file) || file;
}

function unreadable(origin: string, error: unknown): SettingsError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
  return new SettingsError(origin, [{ path: '(file)', message: `cannot read: ${reason}` }], { cause: error });
}

function parseText(text: string, origin: string): { config: ConfigFile; raw: unknown } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(origin, [{ path: '(root)', message: syntaxProblem(text, error) }], { cause: error });
  }
  return { config: parseConfigFile(raw, origin), raw };
}

/** Reads and validates a configuration file; every problem is reported as `file: path: problem`. */
export async function readConfigFile(file: string): Promise<ConfigFile> {
  const origin = originOf(file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw unreadable(origin, error);
  }
  return parseText(text, origin).config;
}

/**
 * The same, synchronously, with the raw JSON too: for the CDK app (bin/app.ts runs synchronously), which hands
 * `stackSettingsOf(raw)` to its own schema.
 */
export function readConfigFileSync(file: string): { config: ConfigFile; raw: unknown } {
  const origin = originOf(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadable(origin, error);
  }
  return parseText(text, origin);
}

/** `DIR/culprit.config.json` when it exists, else undefined. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  const candidate = path.join(dir, CONFIG_FILE_NAME);
  try {
    await access(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}
