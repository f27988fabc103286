export {
  analyzeInParallel,
  assignFiles,
  sharedFileService,
  type ParallelAnalysisOptions,
  type ParallelOutcome,
} from './parallel-analysis';
export { PARALLEL_DEFAULTS } from './protocol';
export { analyzeByService, SERVICE_PARTITION_DEFAULTS, type ServicePartitionOptions } from './service-partition';
