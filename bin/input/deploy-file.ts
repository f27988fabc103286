/**
 * Reads a deploy file for `culprit analyze --deploys`: JSON Lines, or a JSON array, of
 * `{"id", "service", "timestamp", "version"?, "commit"?, "author"?, "description"?}` records
 * (or one pretty-printed object, or `{"deploys": [...]}`),
 * each checked with the shared deploy schema. Deploy files are small, so they are read whole; any
 * bad record makes the whole file unusable (a silently skipped deploy could be the culprit).
 */
import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../lambdas/core/errors';
import { type Deploy, deploySchema } from '../../lambdas/core/schemas';
import { describeIssues } from './json-lines-reader';

/** Problems listed in the error before the rest are summarised. */
const LISTED_PROBLEMS = 10;

interface RawRecord {
  readonly value: unknown;
  /** "line 3" or "index 2". */
  readonly where: string;
}

function records(text: string, problems: string[]): RawRecord[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems.push(`not a valid JSON array: ${(error as Error).message}`);
      return [];
    }
    if (!Array.isArray(value)) return [];
    return value.map((item, index) => ({ value: item, where: `index ${index}` }));
  }
  // A pretty-printed object: one deploy, or `{"deploys": [...]}`.
  if (trimmed.startsWith('{') && trimmed.includes('\n')) {
    try {
      const value: unknown = JSON.parse(text);
      const list = typeof value === 'object' && value !== null && 'deploys' in value ? value.deploys : undefined;
      if (Array.isArray(list)) return list.map((item, index) => ({ value: item, where: `deploys[${index}]` }));
      return [{ value, where: 'the document' }];
    } catch {
      // Not one document: read it as JSON Lines below.
    }
  }
  const found: RawRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      found.push({ value: JSON.parse(line), where: `line ${index + 1}` });
    } catch (error) {
      problems.push(`line ${index + 1}: not valid JSON: ${(error as Error).message}`);
    }
  });
  return found;
}

/**
 * The deploys in `file`, sorted by time, `source` defaulting to `file`. A deploy listed twice with
 * the same fields is kept once; the same id with different fields is an error.
 */
export async function readDeploys(file: string): Promise<Deploy[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(error));
    throw new InvalidInputError(`cannot read deploy file ${file}: ${reason}`, { cause: error });
  }
  // A byte order mark (as Windows editors write) is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const problems: string[] = [];
  const byId = new Map<string, { deploy: Deploy; where: string }>();
  for (const record of records(text, problems)) {
    const parsed = deploySchema.safeParse(record.value);
    if (!parsed.success) {
      problems.push(`${record.where}: ${describeIssues(parsed.error)}`);
      continue;
    }
    const deploy: Deploy = { ...parsed.data, source: parsed.data.source ?? 'file' };
    const earlier = byId.get(deploy.id);
    if (earlier === undefined) byId.set(deploy.id, { deploy, where: record.where });
    else if (JSON.stringify(earlier.deploy) !== JSON.stringify(deploy)) {
      problems.push(
        `${record.where}: deploy id ${deploy.id} is already used by ${earlier.where} with different fields`,
      );
    }
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, LISTED_PROBLEMS).join('; ');
    const more = problems.length > LISTED_PROBLEMS ? ` (and ${problems.length - LISTED_PROBLEMS} more)` : '';
    throw new InvalidInputError(`deploy file ${file}: ${listed}${more}`);
  }
  return [...byId.values()].map(({ deploy }) => deploy).sort((a, b) => a.timestamp - b.timestamp);
}
