#!/usr/bin/env node
/**
 * CDK entry point (`npx cdk synth` runs it through tsx, see cdk.json). Reads the configuration from
 * culprit.config.json (`-c culpritConfigFile=FILE`) or context key `culprit`, creates the stack, and runs the
 * cdk-nag AwsSolutions checks on the app.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { InvalidInputError } from '../lambdas/core/errors';
import { stackSettingsOf } from '../lambdas/core/settings';
import { CulpritStack, parseCulpritConfig, type CulpritProps } from '../lib';
import { readConfigFileSync } from './config';

const app = new App();
const stackName = app.node.tryGetContext('culpritStackName') as unknown;
const configFile = app.node.tryGetContext('culpritConfigFile') as unknown;
try {
  let culprit: CulpritProps | undefined;
  if (typeof configFile === 'string' && configFile !== '') {
    // One file for the CLI and the stack: the whole file is checked as the CLI reads it, then the stack's part.
    const { raw } = readConfigFileSync(configFile);
    culprit = parseCulpritConfig(stackSettingsOf(raw), configFile) as CulpritProps;
  }
  // Environment-agnostic on purpose: synth needs no AWS credentials, and the template deploys anywhere.
  new CulpritStack(app, typeof stackName === 'string' && stackName !== '' ? stackName : 'Culprit', {
    description: 'Culprit: finds the deploy that broke production from CloudWatch Logs',
    ...(culprit === undefined ? {} : { culprit }),
  });
} catch (error) {
  // Bad settings (SettingsError) and unreadable files are InvalidInputErrors.
  if (!(error instanceof InvalidInputError)) throw error;
  // The message already lists every problem; a stack trace would only bury it.
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
