/** Longest Step Functions execution name. */
export const MAX_EXECUTION_NAME = 80;

/** FNV-1a, 64 bits, as 16 hex digits: enough to keep two sanitised names from colliding. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The execution name for one incident and deploy: the same pair always gives the same name, so a repeated
 * trigger is refused by Step Functions (ExecutionAlreadyExists) instead of starting a second run. Only
 * letters, digits, `-` and `_` survive (the characters Step Functions allows everywhere, including in
 * CloudWatch metric names for Express machines); a hash of the raw pair keeps names distinct after
 * sanitising and truncating.
 */
export function executionName(incidentId: string, deployId: string): string {
  const hash = fnv1a64(`${incidentId}\u0000${deployId}`);
  const readable = `${incidentId}_${deployId}`.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const room = MAX_EXECUTION_NAME - hash.length - 1;
  const head = readable.slice(0, room).replace(/-+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}
