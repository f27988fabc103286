import type { EventEnvelope } from '../event-envelope';
import type { NormaliseOutcome } from '../normalise-outcome';
import type { ServiceMap } from '../service-map';

/** Reads one kind of EventBridge event (one `source` + `detail-type`) into a deploy. */
export interface DeploySourceReader {
  /** The event `source` this reader handles, e.g. `aws.codedeploy`. */
  readonly source: string;
  /** The event `detail-type` this reader handles. */
  readonly detailType: string;
  /** Throws `UnrecognisedDeployEventError` when the detail does not have the documented shape. */
  read(envelope: EventEnvelope, services: ServiceMap): NormaliseOutcome;
}
