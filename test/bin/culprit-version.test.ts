import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram, commandsFor } from '../../bin/culprit';
import { packageVersion } from '../../bin/package-version';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

/** The program with exits turned into exceptions and its output captured. */
function program(): { program: Command; output: () => string } {
  let output = '';
  const built = buildProgram()
    .exitOverride()
    .configureOutput({ writeOut: (text) => (output += text), writeErr: (text) => (output += text) });
  return { program: built, output: () => output };
}

describe('culprit', () => {
  it.each(['--version', '-V'])('prints the version from package.json with %s', async (flag) => {
    const { program: cli, output } = program();

    await expect(cli.parseAsync(['node', 'culprit', flag])).rejects.toMatchObject({ code: 'commander.version' });

    expect(output().trim()).toBe(manifest.version);
    expect(output().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('leaves --version after a command to that command (deploy record --version is the deployed version)', async () => {
    const { program: cli, output } = program();
    let received: unknown;
    const record = cli.commands.find((command) => command.name() === 'deploy')?.commands[0];
    record?.action((options: unknown) => {
      received = options;
    });

    await cli.parseAsync(['node', 'culprit', 'deploy', 'record', '--service', 'checkout', '--version', 'v1.4.2']);

    expect(received).toMatchObject({ service: 'checkout', version: 'v1.4.2' });
    expect(output()).toBe('');
  });

  it('finds the package version from the built layout too (dist/bin)', () => {
    expect(packageVersion(path.resolve(__dirname, '../../dist/bin'))).toBe(manifest.version);
  });
});

describe('culprit start-up', () => {
  it('loads only the command it runs, none for --version, and every one for help or an unknown word', () => {
    expect(commandsFor(['mine', '--input', 'app.log'])).toEqual(['mine']);
    expect(commandsFor(['deploy', 'record', '--version', 'v1'])).toEqual(['deploy']);
    expect(commandsFor(['--version'])).toEqual([]);
    expect(commandsFor(['-V'])).toEqual([]);
    expect(commandsFor(['--help']).sort()).toEqual(['analyze', 'demo', 'deploy', 'mine']);
    expect(commandsFor(['help', 'mine']).sort()).toEqual(['analyze', 'demo', 'deploy', 'mine']);
    expect(commandsFor(['mien']).sort()).toEqual(['analyze', 'demo', 'deploy', 'mine']);
    expect(commandsFor([]).sort()).toEqual(['analyze', 'demo', 'deploy', 'mine']);
  });

  it('builds `culprit mine` without the other commands', () => {
    const names = buildProgram(['mine', '--input', 'app.log']).commands.map((command) => command.name());

    expect(names).toEqual(['mine']);
  });
});
