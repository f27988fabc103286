/**
 * Everything one service can print: its normal mix (the dataset's templates at their sampled
 * frequencies, minus held-out ones) and any template an effect adds, rendered as the readers will
 * see it — the raw header plus content for `.log` and CloudWatch files, the bare content for JSON Lines.
 */
import { InvalidInputError } from '../../lambdas/core/errors';
import type { Dataset, DatasetTemplate } from './loghub-dataset';
import { drawSlotValue } from './fresh-values';
import { type Random, WeightedPicker } from './random';
import { rewordTemplate } from './reword';
import {
  SYNTHETIC_LINES,
  type SyntheticLine,
  type SyntheticRole,
  renderSynthetic,
  syntheticTemplateText,
} from './synthetic-lines';
import type { ServiceSpec, TemplateRef } from './types';

export const SYNTHETIC_PREFIX = 'synthetic:';

export interface RenderedLine {
  readonly message: string;
  readonly level: string;
}

/** A template ready to print lines, with its header variants precomputed. */
export interface PrintableTemplate {
  readonly id: string;
  readonly text: string;
  render(random: Random): RenderedLine;
}

interface Header {
  readonly text: string;
  readonly level: string;
}

function headersOf(dataset: Dataset, rows: Dataset['rows'], withHeader: boolean, level?: string): Header[] {
  const { profile } = dataset;
  const column = profile.levelColumn;
  return rows.map((row) => {
    const effective = column !== undefined && level !== undefined ? { ...row, [column]: level } : row;
    const rowLevel = column === undefined ? '' : (effective[column] ?? '');
    return { text: withHeader ? profile.header(effective) : '', level: rowLevel };
  });
}

function datasetPrintable(dataset: Dataset, template: DatasetTemplate, withHeader: boolean): PrintableTemplate {
  const headers = headersOf(dataset, template.rows, withHeader);
  const fallbackLevel = template.errorLooking ? 'ERROR' : 'INFO';
  return {
    id: template.id,
    text: template.text,
    render(random) {
      const header = random.pick(headers);
      let content = template.parts[0] ?? '';
      for (let i = 0; i < template.slots.length; i += 1) {
        content += drawSlotValue(template.slots[i] as (typeof template.slots)[number], random);
        content += template.parts[i + 1] ?? '';
      }
      return { message: header.text + content, level: header.level === '' ? fallbackLevel : header.level };
    },
  };
}

/** Roles printed at the routine (info) level: their error, if any, is in the words or nowhere. */
const ROUTINE_ROLES: ReadonlySet<SyntheticRole> = new Set(['info', 'restart', 'hidden-error', 'behaviour']);

function syntheticPrintable(
  dataset: Dataset,
  line: SyntheticLine,
  withHeader: boolean,
  random: Random,
  upstream: string | undefined,
): PrintableTemplate {
  const { profile } = dataset;
  const routine = ROUTINE_ROLES.has(line.role);
  const level = routine ? profile.infoLevel : profile.errorLevel;
  // A few real rows lend their header (component, pid, node) with the level set to the line's.
  const headers = headersOf(dataset, random.sample(dataset.rows, 12), withHeader, level === '' ? undefined : level);
  const fallbackLevel = routine ? 'INFO' : 'ERROR';
  return {
    id: `${SYNTHETIC_PREFIX}${line.id}`,
    text: syntheticTemplateText(line, upstream),
    render(lineRandom) {
      const header = lineRandom.pick(headers);
      return {
        message: header.text + renderSynthetic(line, lineRandom, upstream),
        level: header.level === '' ? fallbackLevel : header.level,
      };
    },
  };
}

/** The printable lines of one service. */
export class ServiceLines {
  readonly normal: WeightedPicker<PrintableTemplate>;
  /** Probability that a normal line is of each template, by id. */
  readonly share = new Map<string, number>();
  private readonly byRef = new Map<string, PrintableTemplate>();
  private readonly withHeader: boolean;

  constructor(
    readonly spec: ServiceSpec,
    private readonly dataset: Dataset,
    private readonly random: Random,
  ) {
    // A structured record holds the bare message; its level goes in a field of the record.
    this.withHeader = spec.format !== 'jsonl' && spec.records === undefined;
    const heldOut = new Set(spec.heldOut);
    const kept = dataset.templates.filter((template) => !heldOut.has(template.id));
    const total = kept.reduce((sum, template) => sum + template.count, 0);
    const printable = kept.map((template) => {
      const line = datasetPrintable(dataset, template, this.withHeader);
      this.byRef.set(template.id, line);
      this.share.set(template.id, template.count / total);
      return line;
    });
    this.normal = new WeightedPicker(
      printable,
      kept.map((template) => template.count),
    );
  }

  /** The template an effect refers to; held-out dataset templates and synthesised ones are built on first use. */
  template(ref: TemplateRef): PrintableTemplate {
    const key =
      ref.upstream !== undefined
        ? `${ref.id}>${ref.upstream}`
        : ref.reword !== undefined
          ? `${ref.id}~${ref.reword.rule}~${ref.reword.seed}`
          : ref.id;
    const known = this.byRef.get(key);
    if (known !== undefined) return known;
    let built: PrintableTemplate | undefined;
    if (ref.id.startsWith(SYNTHETIC_PREFIX)) {
      const line = SYNTHETIC_LINES.find((candidate) => `${SYNTHETIC_PREFIX}${candidate.id}` === ref.id);
      if (line !== undefined) {
        built = syntheticPrintable(this.dataset, line, this.withHeader, this.random.fork(key), ref.upstream);
      }
    } else {
      const template = this.dataset.templates.find((candidate) => candidate.id === ref.id);
      if (template !== undefined) {
        const printed = ref.reword === undefined ? template : rewordTemplate(template, ref.reword);
        built = datasetPrintable(this.dataset, printed, this.withHeader);
      }
    }
    if (built === undefined) {
      throw new InvalidInputError(`scenario service ${this.spec.name}: unknown template ${ref.id}`);
    }
    this.byRef.set(key, built);
    return built;
  }
}
