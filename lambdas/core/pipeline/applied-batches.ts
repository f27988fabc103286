/**
 * The batches a service's state already holds: a bounded list of `{ key, version }` kept with the state, so a
 * payload Lambda delivers again (a retry after a failure, or a duplicate delivery) is recognised and not
 * counted twice; `version` names the commit, whose outbox holds what that batch produced.
 */
export interface AppliedBatch {
  readonly key: string;
  readonly version: number;
}

/**
 * Batches remembered per service. Lambda retries a failed asynchronous invocation within minutes (twice);
 * 200 batches covers that at hundreds of invocations per minute while the list stays a few KB.
 * @default 200
 */
export const APPLIED_BATCHES_KEPT = 200;

export function findApplied(applied: readonly AppliedBatch[], key: string): AppliedBatch | undefined {
  return applied.find((entry) => entry.key === key);
}

/** The list after committing `entry`: newest last, oldest dropped beyond `kept`. */
export function withApplied(
  applied: readonly AppliedBatch[],
  entry: AppliedBatch,
  kept = APPLIED_BATCHES_KEPT,
): AppliedBatch[] {
  const next = [...applied.filter((existing) => existing.key !== entry.key), entry];
  return next.length > kept ? next.slice(next.length - kept) : next;
}
