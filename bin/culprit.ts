#!/usr/bin/env node
/**
 * The `culprit` command line. Each sub-command lives in its own file under
 * `bin/commands/` and registers itself on the program; this file only wires them.
 */
import { Command, CommanderError } from 'commander';
import { registerAnalyzeCommand } from './commands/analyze';
import { registerDemoCommand } from './commands/demo';
import { registerDeployCommand } from './commands/deploy-record';
import { registerMineCommand } from './commands/mine';
import { escapeText } from './output/escape-text';
import { packageVersion } from './package-version';

export function buildProgram(): Command {
  const program = new Command('culprit')
    .description(
      'Find the deploy that broke production: mine logs into templates, detect what changed, rank the deploys.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    // `deploy record --version` is the deployed version: program options only before the command name.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage and examples)')
    // Commander's usage errors (a missing required option, an unknown flag) are thrown instead of exiting with 1,
    // so they exit 2 like every other unusable input (README, "Exit codes"); the sub-commands inherit this.
    .exitOverride();
  registerAnalyzeCommand(program);
  registerDemoCommand(program);
  registerMineCommand(program);
  registerDeployCommand(program);
  return program;
}

/** Help and version exit 0; every usage error is unusable input, 2. */
export function exitCodeOf(error: CommanderError): number {
  return error.exitCode === 0 ? 0 : 2;
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
      // Commander has printed its message (or the help, which exits 0).
      if (error instanceof CommanderError) {
        process.exitCode = exitCodeOf(error);
        return;
      }
      process.stderr.write(`culprit: ${escapeText(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    });
}
