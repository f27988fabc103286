import { InvalidInputError } from '../errors';

/** A snapshot that cannot be restored: unknown format or version, or inconsistent content. */
export class SnapshotError extends InvalidInputError {}
