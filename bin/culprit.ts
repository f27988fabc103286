#!/usr/bin/env node
/**
 * The `culprit` command line. Each sub-command lives in its own file under
 * `bin/commands/` and registers itself on the program; this file only wires them.
 */
import { Command, CommanderError } from 'commander';
import { escapeText } from './output/escape-text';
import { packageVersion } from './package-version';

type Register = (program: Command) => void;

/**
 * Each sub-command's module, loaded only when it is needed: `culprit mine` then loads neither the analysis, the
 * report renderers nor the AWS SDK, which would cost more start-up time than mining a small file. `require` keeps
 * loading synchronous, so the program is built before Commander parses.
 */
const COMMANDS: Readonly<Record<string, () => Register>> = {
  analyze: () => (require('./commands/analyze') as typeof import('./commands/analyze')).registerAnalyzeCommand,
  demo: () => (require('./commands/demo') as typeof import('./commands/demo')).registerDemoCommand,
  mine: () => (require('./commands/mine') as typeof import('./commands/mine')).registerMineCommand,
  deploy: () =>
    (require('./commands/deploy-record') as typeof import('./commands/deploy-record')).registerDeployCommand,
};

/**
 * The commands to register for `args` (the arguments after the program name): the one they name; none when they
 * only ask for the version; every one otherwise, so help lists them all and a mistyped name gets suggestions.
 */
export function commandsFor(args: readonly string[] | undefined): string[] {
  const all = Object.keys(COMMANDS);
  if (args === undefined) return all;
  // Program options come before the command name (positional options), so the first word is the command.
  const word = args.find((arg) => !arg.startsWith('-'));
  if (word !== undefined) return word in COMMANDS ? [word] : all;
  const asksVersion = args.includes('-V') || args.includes('--version');
  const asksHelp = args.includes('-h') || args.includes('--help');
  return asksVersion && !asksHelp ? [] : all;
}

/** The program; with `args`, only the commands they need are loaded (see {@link commandsFor}). */
export function buildProgram(args?: readonly string[]): Command {
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
  for (const name of commandsFor(args)) (COMMANDS[name] as () => Register)()(program);
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
  buildProgram(process.argv.slice(2))
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
