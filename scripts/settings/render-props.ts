/** The source of lib/culprit-settings-props.ts: the stack's settings as CDK props, with their docs. */
import { z } from 'zod';
import { allSettings, defaultOf } from '../../lambdas/core/settings';
import { type JsonSchema, typeText } from './type-text';
import { wrap } from './wrap';

export const PROPS_FILE = 'lib/culprit-settings-props.ts';

export function renderSettingsProps(): string {
  const fields: string[] = [];
  for (const [name, setting] of allSettings()) {
    if (!setting.where.includes('stack')) continue;
    const schema = z.toJSONSchema(setting.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const value = defaultOf(setting);
    const fallback =
      value === undefined ? (setting.absent === undefined ? undefined : `- ${setting.absent}`) : JSON.stringify(value);
    const unit = setting.unit === undefined ? '' : ` Unit: ${setting.unit}.`;
    const lines = [
      ...wrap(setting.doc + unit, 110),
      ...(setting.details === undefined ? [] : ['', ...wrap(setting.details, 110)]),
      ...(fallback === undefined ? [] : [`@default ${fallback}`]),
    ];
    fields.push(
      [
        '  /**',
        ...lines.map((line) => (line === '' ? '   *' : `   * ${line}`)),
        '   */',
        `  readonly ${name}?: ${typeText(schema)};`,
      ].join('\n'),
    );
  }
  return [
    '// Generated from lambdas/core/settings by `npm run settings:generate`; edit the settings there, not here.',
    '',
    '/**',
    ' * The settings of the pipeline, as construct props. Every value is validated at synth time (all problems reported',
    ' * in one error) whether it comes from here, from CDK context or from culprit.config.json (docs/settings.md).',
    ' */',
    'export interface CulpritSettingsProps {',
    fields.join('\n'),
    '}',
    '',
  ].join('\n');
}
