import { hashText } from './token-hash';
import type { ParamType } from './types';

/**
 * Mask types as small integers, so the scanner records a token's type in a typed array instead
 * of a string slot per token. Code 0 is a constant word. Built-in types have fixed codes; user
 * mask names are registered on first use and keep their code for the life of the process.
 */
export const CONSTANT = 0;

const names: ParamType[] = [
  '',
  'NUM',
  'HEX',
  'IP',
  'UUID',
  'URL',
  'PATH',
  'EMAIL',
  'DATE',
  'TIME',
  'DURATION',
  'SIZE',
  'ARN',
  'ID',
];
const texts: string[] = names.map((name) => `<${name}>`);
const hashes: number[] = texts.map(hashText);
const codes = new Map<string, number>(names.map((name, code) => [name, code]));

export const NUM = codeOf('NUM');
export const IP = codeOf('IP');
export const DATE = codeOf('DATE');
export const SIZE = codeOf('SIZE');
export const DURATION = codeOf('DURATION');
export const ID = codeOf('ID');

/** The code of a type name, registering it when it is new (user mask names). */
export function codeOf(type: ParamType): number {
  let code = codes.get(type);
  if (code === undefined) {
    code = names.length;
    names.push(type);
    texts.push(`<${type}>`);
    hashes.push(hashText(`<${type}>`));
    codes.set(type, code);
  }
  return code;
}

export function typeName(code: number): ParamType {
  return names[code]!;
}

/** `<TYPE>`: one shared string per type, so bare masks compare by pointer and never allocate. */
export function maskTextOf(code: number): string {
  return texts[code]!;
}

/** `hashText(maskTextOf(code))`, precomputed: most masked tokens are bare masks. */
export function maskHashOf(code: number): number {
  return hashes[code]!;
}
