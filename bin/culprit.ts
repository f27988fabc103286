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
import { escapeText } from './output/escape-text';

export function buildProgram(): Command {
  const program = new Command('culprit')
    .description(
      'Find the deploy that broke production: mine logs into templates, detect what changed, rank the deploys.',
    )
    .showHelpAfterError('(run with --help for usage and examples)');
  registerAnalyzeCommand(program);
  registerDemoCommand(program);
  registerMineCommand(program);
  registerDeployCommand(program);
  return program;
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
      process.stderr.write(`culprit: ${escapeText(error instanceof Error ? error.message : String(error))}\n`);
      process.exitCode = 2;
    });
}
