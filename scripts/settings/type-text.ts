/** TypeScript type text of a JSON Schema (from `z.toJSONSchema`), for the generated CDK props. */

export interface JsonSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
}

const needsParens = (text: string): boolean => text.includes('|');

/** `readonly` all the way down: props are read, never written. */
export function typeText(schema: JsonSchema): string {
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) return union.map(typeText).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined)
    return schema.enum.map((value) => JSON.stringify(value).replaceAll('"', "'")).join(' | ');
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = schema.items === undefined ? 'unknown' : typeText(schema.items);
      return `readonly ${needsParens(item) ? `(${item})` : item}[]`;
    }
    case 'object': {
      if (schema.properties === undefined) {
        const values =
          typeof schema.additionalProperties === 'object' ? typeText(schema.additionalProperties) : 'unknown';
        return `Readonly<Record<string, ${values}>>`;
      }
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(
        ([name, value]) => `readonly ${name}${required.has(name) ? '' : '?'}: ${typeText(value)}`,
      );
      return `{ ${fields.join('; ')} }`;
    }
    default:
      return 'unknown';
  }
}
