/**
 * Epoch milliseconds of a timestamp string in a log record: core's reading (`parseTimestampText`), so the CLI
 * and the Lambdas read every layout the same way, and a zone-less time as UTC whatever the machine's zone.
 */
export { parseTimestampText as parseIsoTimestamp } from '../../lambdas/core/schemas';
