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

export function buildProgram(): Command {
  const program = new Command('culprit')
    .description(
      'Find the deploy that broke production: mine logs into templates, detect what changed, rank the deploys.',
    )
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
