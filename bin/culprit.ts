#!/usr/bin/env node
/**
 * The `culprit` command line. Each sub-command lives in its own file under
 * `bin/commands/` and registers itself on the program; this file only wires them.
 */
import { Command } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze';
import { registerDemoCommand } from './commands/demo';
import { registerDeployCommand } from './commands/deploy-record';
import { registerMineCommand } from './commands/mine';
import { packageVersion } from './package-version';

export function buildProgram(): Command {
  const program = new Command('culprit')
    .description(
      'Find the deploy that broke production: mine logs into templates, detect what changed, rank the deploys.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    // `deploy record --version` is the deployed version: program options only before the command name.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage and examples)');
  registerAnalyzeCommand(program);
  registerDemoCommand(program);
  registerMineCommand(program);
  registerDeployCommand(program);
  return program;
}

if (require.main === module) {
  // The AWS SDK prints a 9-line notice on every run under Node 20 (its releases after January 2027 need Node 22).
  // The README states which Node versions Culprit supports until when; set the variable to anything else to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // A reader that stops early (`culprit … | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`culprit: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
