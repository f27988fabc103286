import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

export type CulpritFunctionName = 'ingest' | 'rank' | 'deploys' | 'verify';

/** Settings every Culprit function shares. */
export const FUNCTION_DEFAULTS = {
  /** Node 22 is the newest runtime this project tests against (local development runs Node 20). */
  runtime: Runtime.NODEJS_22_X,
  /** Graviton: about 20 % cheaper per GB-second than x86 for the same JavaScript. */
  architecture: Architecture.ARM_64,
  /** Async invocations (log subscriptions, EventBridge) retried twice before the DLQ. */
  retryAttempts: 2,
} as const;

export interface FunctionSettings {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly description: string;
  /**
   * Leave out Lambda's own INFO lines (START, END, REPORT) from the function's log group: JSON log format with
   * system logs at WARN. Its application logs and metrics (Powertools JSON) are kept at INFO.
   * @default false
   */
  readonly quietPlatformLogs?: boolean;
}

/** Per-function sizing: memory buys CPU in Lambda, and Drain mining in ingest is CPU-bound. */
export const FUNCTION_SETTINGS: Record<CulpritFunctionName, FunctionSettings> = {
  ingest: {
    memorySize: 1024,
    timeout: Duration.seconds(60),
    description: 'Culprit ingest: mines log batches into templates and queues anomalies',
    // Ingest runs once per CloudWatch Logs delivery: START, END and REPORT (~500 bytes) would cost about as much
    // CloudWatch Logs ingestion as the invocation's request fee (docs/operations.md, "Cost model"). Duration and
    // errors stay visible as the function's Lambda metrics.
    quietPlatformLogs: true,
  },
  rank: {
    memorySize: 512,
    timeout: Duration.seconds(60),
    description: 'Culprit rank: groups anomalies into incidents and ranks the deploys that explain them',
  },
  deploys: {
    memorySize: 256,
    timeout: Duration.seconds(10),
    description: 'Culprit deploys: records deploy events from CodeDeploy, ECS, CloudFormation, Lambda and CI',
  },
  // Reads up to two windows of logs and runs the whole analysis on them (lib/parts/verification.ts).
  verify: {
    memorySize: 1024,
    timeout: Duration.seconds(120),
    description: 'Culprit verify: judges a deploy from its service logs before and after it',
  },
};

/**
 * esbuild options for every handler. The AWS SDK v3 ships with the nodejs22.x runtime, so it stays out
 * of the bundle (NodejsFunction's own default for this runtime); minifying keeps each bundle well under 1 MB.
 * test/lib/bundle-size.test.ts bundles through NodejsFunction with these options and checks the size.
 */
export const BUNDLING_DEFAULTS: BundlingOptions = {
  minify: true,
  sourceMap: true,
  // The map keeps names and positions; the sources themselves would double the asset for no runtime use.
  sourcesContent: false,
  target: 'node22',
  format: OutputFormat.CJS,
  externalModules: ['@aws-sdk/*'],
};

/** Environment for Powertools (logger, metrics) and readable stack traces. */
export function powertoolsEnvironment(name: CulpritFunctionName): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: `culprit-${name}`,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_NAMESPACE: 'Culprit',
    NODE_OPTIONS: '--enable-source-maps',
  };
}
