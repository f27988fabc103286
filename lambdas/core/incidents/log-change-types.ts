import type { Anomaly } from '../detect';

/** Lines per template id of one service over a time range, the text of a template, and the judged horizon. */
export interface LogHistorySource {
  templateMix(service: string, from: number, to: number): ReadonlyMap<string, number> | undefined;
  templateText(service: string, templateId: string): string | undefined;
  /** Whether a template is an error template (an error level on some line, or error words). */
  isErrorTemplate(service: string, templateId: string): boolean;
  /** Start of the bucket still open: everything before it has been counted. */
  watermark(): number | undefined;
}

/**
 * A change in a service's logs that is not a fault, reported instead of an incident:
 * - `rewording`: a template stopped and a similar one started at the same moment and rate (a release reworded
 *   a log statement);
 * - `load`: the service's templates rose together (traffic, not a fault).
 */
export type LogChange =
  | {
      readonly kind: 'rewording';
      readonly service: string;
      /** When the new wording started, epoch ms. */
      readonly at: number;
      readonly from: string;
      readonly to: string;
      /**
       * How alike the two templates are, in [0, 1]: their word overlap, or for routine templates that keep most of
       * their characters (an abbreviated word), one minus their normalised edit distance, whichever is higher.
       */
      readonly similarity: number;
      /** The deploy of the service that most likely made the change (see `attributeLogChanges`). */
      readonly deploy?: LogChangeDeploy;
    }
  | {
      readonly kind: 'load';
      readonly service: string;
      readonly at: number;
      /** How many times its usual rate the service's traffic (other templates) ran at. */
      readonly factor: number;
      /** Templates whose rise the load explains. */
      readonly templates: readonly string[];
    };

/** A deploy named with a log change: the change is its doing, and not held against it. */
export interface LogChangeDeploy {
  readonly id: string;
  readonly timestamp: number;
  readonly version?: string;
}

/** Anomalies left for incidents, and the changes that explained the others away. */
export interface ExplainedAnomalies {
  readonly anomalies: Anomaly[];
  readonly changes: LogChange[];
}
