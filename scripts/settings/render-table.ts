/** The source of docs/settings.md: one table row per setting, from the settings model. */
import { allSettings, defaultText, type Setting } from '../../lambdas/core/settings';

export const TABLE_FILE = 'docs/settings.md';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function whereText(setting: Setting): string {
  const places: string[] = [];
  if (setting.where.includes('stack')) places.push('props');
  if (setting.where.includes('file')) places.push('file');
  if (setting.cli !== undefined)
    places.push(`\`${setting.cli.flags.split(' ')[0]}\` (${setting.cli.commands.map((c) => `\`${c}\``).join(', ')})`);
  if (setting.env !== undefined) places.push(`\`${setting.env.variable}\` (${setting.env.functions.join(', ')})`);
  return places.join(', ');
}

export function renderSettingsTable(): string {
  const rows = allSettings().map(([name, setting]) => {
    const fallback = defaultText(setting) ?? '';
    const description = setting.details === undefined ? setting.doc : `${setting.doc} ${setting.details}`;
    return `| \`${name}\` | ${cell(fallback === '' ? '' : setting.absent === fallback ? fallback : `\`${fallback}\``)} | ${setting.unit ?? ''} | ${whereText(setting)} | ${cell(description)} |`;
  });
  return [
    '# Settings',
    '',
    '<!-- Generated from lambdas/core/settings by `npm run settings:generate`; a test fails when it is stale. -->',
    '',
    'Every setting of Culprit, declared once in `lambdas/core/settings`. **Where** says where it may be given:',
    '`props` of the `Culprit` construct (and CDK context `culprit`), `file` (culprit.config.json, read by the CLI',
    'and by `cdk synth -c culpritConfigFile=FILE`), a flag of a `culprit` command (a flag wins over the file), and',
    'the Lambda environment variable that carries it (set by the stack; absent means the default). The stack and',
    'the CLI share every default. Every source is checked by the same rules, and all problems are reported at once.',
    '',
    '| Setting | Default | Unit | Where | Description |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Adding a setting',
    '',
    'Declare it with `defineSetting` in the group file of `lambdas/core/settings` it belongs to: a zod schema with',
    '`.default(…)` (or `.optional()` and `absent`), a one-line `doc`, `unit`, `where`, and `env` / `cli` when it',
    'travels there. Then run `npm run settings:generate` (this table and the CDK props) and read the value from the',
    "parsed settings (`parseCulpritConfig`, `parseConfigFile`, the handler's environment or `settingsFromFlags`).",
    '',
  ].join('\n');
}
