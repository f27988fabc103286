import { z } from 'zod';
import { deploySchema } from '../../schemas';
import { UnrecognisedDeployEventError } from '../errors';
import { resolveService } from '../service-map';
import { isoToMillis, parseDetail } from './parse-detail';
import type { DeploySourceReader } from './source-reader';

/**
 * The Lambda API calls that put new code or a new version in front of traffic. CloudTrail names them
 * with an API-version suffix (`UpdateFunctionCode20150331v2`, `PublishVersion20150331`,
 * `UpdateAlias20150331`), so they are matched by prefix, here and in the EventBridge rule.
 */
export const LAMBDA_DEPLOY_API_CALLS = ['UpdateFunctionCode', 'PublishVersion', 'UpdateAlias'] as const;
type LambdaDeployApiCall = (typeof LAMBDA_DEPLOY_API_CALLS)[number];

const EVENT_NAME = /^(UpdateFunctionCode|PublishVersion|UpdateAlias)(?:\d{8}(?:v\d+)?)?$/;

/** Detail of "AWS API Call via CloudTrail" for `lambda.amazonaws.com` (only the fields read here). */
const lambdaCallDetailSchema = z.object({
  eventSource: z.literal('lambda.amazonaws.com'),
  eventName: z.string().min(1),
  eventTime: z.string().min(1),
  eventID: z.string().min(1),
  errorCode: z.string().optional(),
  userIdentity: z.object({ arn: z.string().optional() }).optional(),
  // CloudTrail writes null for these when a call carries none (and for failed calls).
  requestParameters: z
    .object({
      functionName: z.string().min(1),
      /** UpdateAlias: the alias name. */
      name: z.string().optional(),
      functionVersion: z.string().optional(),
    })
    .nullable()
    .optional(),
  responseElements: z
    .object({
      version: z.string().optional(),
      functionVersion: z.string().optional(),
      codeSha256: z.string().optional(),
    })
    .nullable()
    .optional(),
});

/** A function name from a name, a full ARN or a partial ARN (`123456789012:function:name[:qualifier]`). */
function functionNameOf(reference: string): string {
  const fromArn = /(?:^|:)function:([^:]+)/.exec(reference)?.[1];
  return fromArn ?? reference;
}

function describe(
  call: LambdaDeployApiCall,
  functionName: string,
  version: string | undefined,
  alias: string | undefined,
  sha: string | undefined,
): string {
  if (call === 'UpdateAlias') return `alias ${functionName}:${alias ?? '?'} now points at version ${version ?? '?'}`;
  if (call === 'PublishVersion') return `published version ${version ?? '?'} of ${functionName}`;
  return `new code for ${functionName}${sha === undefined ? '' : ` (sha256 ${sha})`}`;
}

export const lambdaCloudTrailReader: DeploySourceReader = {
  source: 'aws.lambda',
  detailType: 'AWS API Call via CloudTrail',
  read(envelope, services) {
    const detail = parseDetail(lambdaCallDetailSchema, envelope);
    if (detail.errorCode !== undefined) {
      return { kind: 'ignored', reason: `${detail.eventName} failed with ${detail.errorCode}; nothing was deployed` };
    }
    const call = EVENT_NAME.exec(detail.eventName)?.[1] as LambdaDeployApiCall | undefined;
    if (call === undefined) {
      return { kind: 'ignored', reason: `${detail.eventName} does not deploy code` };
    }
    const request = detail.requestParameters;
    if (request === null || request === undefined) {
      throw new UnrecognisedDeployEventError(
        `event ${envelope.id} (aws.lambda ${detail.eventName}) names no function`,
        ['detail.requestParameters: expected an object with functionName, got none'],
      );
    }
    const functionName = functionNameOf(request.functionName);
    const response = detail.responseElements ?? undefined;
    const rawVersion =
      call === 'UpdateAlias' ? (response?.functionVersion ?? request.functionVersion) : response?.version;
    // `$LATEST` is not a version anyone can roll back to; leave it out rather than mislead.
    const version = rawVersion === '$LATEST' ? undefined : rawVersion;
    const alias = call === 'UpdateAlias' ? request.name : undefined;
    const candidates = alias === undefined ? [functionName] : [`${functionName}:${alias}`, functionName];
    const author = detail.userIdentity?.arn;
    const deploy = deploySchema.parse({
      id: `lambda:${detail.eventID}`,
      service: resolveService(services, candidates, functionName),
      timestamp: isoToMillis(detail.eventTime, 'detail.eventTime', envelope),
      description: describe(call, functionName, version, alias, response?.codeSha256),
      source: 'lambda',
      ...(version === undefined ? {} : { version }),
      ...(author === undefined ? {} : { author }),
    });
    return { kind: 'deploy', deploy };
  },
};
