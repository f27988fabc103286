/**
 * A corpus source line split into constant text and variable values, using its ground-truth
 * template: `Received block <*> of size <*>` over `Received block blk_1 of size 67` gives the
 * constants `Received block `, ` of size `, `` and the values `blk_1`, `67`.
 */
import { matchTemplateSpans } from '../loghub/normalise';
import type { Random } from './prng';
import { compileValueShape, drawValue, type ValueShape } from './redraw-value';

export interface SourceLine {
  /** Text before the message (the raw line's header); empty for content-only sources. */
  readonly header: string;
  /** Constant pieces around the values: `constants.length === values.length + 1`. */
  readonly constants: readonly string[];
  readonly values: readonly string[];
  /** How each value is redrawn, worked out once. */
  readonly shapes: readonly ValueShape[];
  /** Text after the message in the raw line (usually trailing white space). */
  readonly trailer: string;
}

/** What a source is built from: a line's message, its template and, optionally, the whole raw line. */
export interface SourceInput {
  readonly content: string;
  readonly eventTemplate: string;
  readonly raw?: string;
}

/** Splits the message along its template's variables; a message the template does not describe stays constant. */
export function toSourceLine(input: SourceInput): SourceLine {
  let header = '';
  let trailer = '';
  if (input.raw !== undefined) {
    const at = input.raw.lastIndexOf(input.content);
    if (at >= 0 && input.content !== '') {
      header = input.raw.slice(0, at);
      trailer = input.raw.slice(at + input.content.length);
    } else {
      // The message cannot be located in the raw line: keep the raw line whole and constant.
      return { header: '', constants: [input.raw], values: [], shapes: [], trailer: '' };
    }
  }
  const spans = matchTemplateSpans(input.eventTemplate, input.content);
  if (spans === undefined || spans.length === 0) {
    return { header, constants: [input.content], values: [], shapes: [], trailer };
  }
  // Constants come from the message itself (not the template) so spacing stays as logged.
  const constants: string[] = [];
  const values: string[] = [];
  let cursor = 0;
  for (const [start, end] of spans) {
    constants.push(input.content.slice(cursor, start));
    values.push(input.content.slice(start, end));
    cursor = end;
  }
  constants.push(input.content.slice(cursor));
  return { header, constants, values, shapes: values.map(compileValueShape), trailer };
}

/**
 * A new line with every value redrawn; the header and trailer are kept as logged. Built with
 * `join` so the result is one flat string: `+=` would leave a rope that the miner flattens on
 * first read, which would blur the benchmark's time and memory figures.
 */
export function renderSourceLine(source: SourceLine, random: Random, withHeader: boolean): string {
  const pieces: string[] = [];
  if (withHeader) pieces.push(source.header);
  pieces.push(source.constants[0] ?? '');
  for (let i = 0; i < source.shapes.length; i++) {
    pieces.push(drawValue(source.shapes[i] as ValueShape, random), source.constants[i + 1] ?? '');
  }
  if (withHeader) pieces.push(source.trailer);
  return pieces.join('');
}
