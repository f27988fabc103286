#!/usr/bin/env node
/**
 * CDK entry point (`npx cdk synth` runs it through tsx, see cdk.json). Reads the configuration from
 * context key `culprit`, creates the stack, and runs the cdk-nag AwsSolutions checks on the app.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CulpritConfigError, CulpritStack } from '../lib';

const app = new App();
const stackName = app.node.tryGetContext('culpritStackName') as unknown;
try {
  // Environment-agnostic on purpose: synth needs no AWS credentials, and the template deploys anywhere.
  new CulpritStack(app, typeof stackName === 'string' && stackName !== '' ? stackName : 'Culprit', {
    description: 'Culprit: finds the deploy that broke production from CloudWatch Logs',
  });
} catch (error) {
  if (!(error instanceof CulpritConfigError)) throw error;
  // The message already lists every problem; a stack trace would only bury it.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
