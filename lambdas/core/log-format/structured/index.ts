export { CONVENTIONAL_FIELDS, REQUIRED_ROLES, type FieldRole } from './conventions';
export { compileJsonExtractor, type ExtractorOptions, type JsonExtractor } from './extractor';
export { isJsonRecord, valueAt, type JsonRecord } from './field-path';
export { learnJsonShape } from './learn-shape';
export { describeMissingFields, missingRoles } from './missing-fields';
export { JsonSource, JSON_SOURCE_DEFAULTS, type JsonSourceOptions } from './json-source';
export type { JsonShape, LogFieldMapping, ShapeEvidence, StructuredFields } from './types';
export { JsonMessageSource, readJsonMessages } from './json-messages';
