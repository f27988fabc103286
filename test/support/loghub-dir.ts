import path from 'node:path';

/**
 * The ten loghub-2k datasets shipped with the repository (data/loghub-2k; see its LICENSE): Loghub, Zhu et al.,
 * "Loghub: A Large Collection of System Log Datasets for AI-driven Log Analytics", ISSRE 2023.
 */
export const LOGHUB_DIR = path.resolve(__dirname, '..', '..', 'data', 'loghub-2k');
