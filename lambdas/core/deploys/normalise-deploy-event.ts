import { UnrecognisedDeployEventError } from './errors';
import { eventEnvelopeSchema } from './event-envelope';
import type { NormaliseOutcome } from './normalise-outcome';
import type { ServiceMap } from './service-map';
import {
  cloudFormationReader,
  codeDeployReader,
  culpritCustomReader,
  ecsReader,
  lambdaCloudTrailReader,
  type DeploySourceReader,
} from './sources';
import { zodProblems } from './zod-problems';

/** Every event kind the deploys Lambda understands; the EventBridge rules send exactly these. */
export const DEPLOY_SOURCE_READERS: readonly DeploySourceReader[] = [
  codeDeployReader,
  ecsReader,
  cloudFormationReader,
  lambdaCloudTrailReader,
  culpritCustomReader,
];

/**
 * Turns one EventBridge event into the shared `Deploy` record (or says why it is not a deploy).
 * Throws `UnrecognisedDeployEventError` for a shape it does not know, never guessing.
 */
export function normaliseDeployEvent(event: unknown, services: ServiceMap): NormaliseOutcome {
  const envelope = eventEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new UnrecognisedDeployEventError('not an EventBridge event', zodProblems(envelope.error), {
      cause: envelope.error,
    });
  }
  const { source } = envelope.data;
  const detailType = envelope.data['detail-type'];
  const reader = DEPLOY_SOURCE_READERS.find(
    (candidate) => candidate.source === source && candidate.detailType === detailType,
  );
  if (reader === undefined) {
    const known = DEPLOY_SOURCE_READERS.map((candidate) => `${candidate.source} / ${candidate.detailType}`).join(', ');
    throw new UnrecognisedDeployEventError(
      `event ${envelope.data.id} has source ${JSON.stringify(source)} and detail-type ${JSON.stringify(detailType)}, which no deploy reader handles (known: ${known})`,
    );
  }
  return reader.read(envelope.data, services);
}
