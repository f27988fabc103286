/**
 * Header recovery on the format corpus (55 layouts of common logging conventions, messages from the ten loghub-2k
 * sets) and leave-one-out on the ten sets. The held-out family and seed are reported apart.
 *
 *   npm run bench:formats
 *   npm run bench:formats -- --details      # one row per layout: exact/GA per reader, GA on Content
 *   npm run bench:formats -- --tuning-only  # the tuning family and seed alone: what a change is tuned on, so the
 *                                           # held-out seed and family stay unseen until the change is final
 */
import { parseArgs } from 'node:util';
import { FORMAT_CORPUS_DEFAULTS } from './formats/generate';
import { HEADER_LAYOUTS } from './formats/layouts';
import { READERS, type ReaderName, type SourceResult, mean, scoreCorpus, scoreLoghubSet } from './formats/run';
import { loadLoghubDatasets } from './loghub';

const { values } = parseArgs({
  options: { details: { type: 'boolean', default: false }, 'tuning-only': { type: 'boolean', default: false } },
});
const datasets = loadLoghubDatasets();
const readers = Object.keys(READERS) as ReaderName[];
const pct = (value: number): string => `${(value * 100).toFixed(2)} %`;

function summary(title: string, results: readonly SourceResult[]): void {
  process.stdout.write(`\n${title} (${results.length} layouts x ${FORMAT_CORPUS_DEFAULTS.lines} lines)\n`);
  for (const reader of readers) {
    const exact = mean(results.map((result) => result.scores[reader].exact));
    const ga = mean(results.map((result) => result.scores[reader].ga));
    const content = mean(results.map((result) => result.scores[reader].gaContent));
    process.stdout.write(
      `  ${reader.padEnd(9)} exact header recovery ${pct(exact).padStart(9)}   GA ${ga.toFixed(4)}   GA Content ${content.toFixed(4)}\n`,
    );
  }
  if (values.details) {
    for (const { source, scores } of results) {
      const cells = readers
        .map((reader) => `${reader} ${scores[reader].exact.toFixed(3)}/${scores[reader].ga.toFixed(3)}`)
        .join('  ');
      const content = scores.rules.gaContent.toFixed(3);
      process.stdout.write(
        `    ${source.layout.name.padEnd(36)} ${source.dataset.padEnd(9)} ${cells}  (Content ${content})\n`,
      );
    }
  }
}

const tuning = HEADER_LAYOUTS.filter((layout) => layout.family === 'tuning');
const heldOut = HEADER_LAYOUTS.filter((layout) => layout.family === 'held-out');
summary(
  `Tuning family, tuning seed ${FORMAT_CORPUS_DEFAULTS.seed}`,
  scoreCorpus(tuning, datasets, FORMAT_CORPUS_DEFAULTS.seed),
);
if (values['tuning-only']) process.exit(0);
summary(
  `Tuning family, held-out seed ${FORMAT_CORPUS_DEFAULTS.heldOutSeed}`,
  scoreCorpus(tuning, datasets, FORMAT_CORPUS_DEFAULTS.heldOutSeed),
);
summary(
  `Held-out family, held-out seed ${FORMAT_CORPUS_DEFAULTS.heldOutSeed}`,
  scoreCorpus(heldOut, datasets, FORMAT_CORPUS_DEFAULTS.heldOutSeed),
);

process.stdout.write('\nThe ten loghub-2k sets, raw lines: exact message recovery / GA (GA on Content)\n');
const rows = datasets.map((dataset) => ({
  name: dataset.name,
  scores: Object.fromEntries(readers.map((reader) => [reader, scoreLoghubSet(dataset, reader)])) as Record<
    ReaderName,
    ReturnType<typeof scoreLoghubSet>
  >,
}));
for (const row of rows) {
  const cells = readers.map(
    (reader) => `${reader} ${row.scores[reader].exact.toFixed(4)}/${row.scores[reader].ga.toFixed(4)}`,
  );
  process.stdout.write(
    `  ${row.name.padEnd(10)} ${cells.join('   ')}   (Content ${row.scores.rules.gaContent.toFixed(4)})\n`,
  );
}
for (const reader of readers) {
  process.stdout.write(
    `  mean ${reader.padEnd(9)} exact ${mean(rows.map((row) => row.scores[reader].exact)).toFixed(4)}  GA ${mean(rows.map((row) => row.scores[reader].ga)).toFixed(4)}\n`,
  );
}
