/**
 * Limits that come from where settings travel. Lambda environments hold 4 KB in total (names and values); the
 * settings share it with the resource names (tables, queues, bus: about 600 bytes).
 */

/** The service map travels as JSON in one variable of every function. */
export const MAX_SERVICE_MAP_JSON_BYTES = 2500;

/** The redaction patterns travel as JSON in the rank function's environment, next to the service map. */
export const MAX_REDACT_PATTERNS_JSON_BYTES = 500;

/** All the settings one function's environment carries, names and values. */
export const MAX_SETTINGS_ENV_BYTES = 3400;
