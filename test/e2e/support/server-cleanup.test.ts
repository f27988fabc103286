import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const FIXTURE = 'test/e2e/support/fixtures/failing-suite.fixture.ts';

/** Whether any process of the group `pid` leads (moto and the shell watching it) is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The groups still alive after a grace period (the watchdog looks once a second). */
async function survivors(pids: readonly number[]): Promise<number[]> {
  for (let attempt = 0; attempt < 50 && pids.some(groupAlive); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(groupAlive);
}

describe('the local server helpers, when tests fail', () => {
  it('leave no moto_server or fauxqs behind, and jest exits by itself (nothing forces it to)', async () => {
    // Prepare: a jest of its own over a suite that fails, started servers and never stopped one.
    const dir = mkdtempSync(join(tmpdir(), 'culprit-cleanup-'));
    const pidFile = join(dir, 'pids');
    const jest = spawn(
      process.execPath,
      [
        require.resolve('jest/bin/jest'),
        '--rootDir',
        ROOT,
        '--roots',
        '<rootDir>/test',
        '--testMatch',
        '**/*.fixture.ts',
        '--runTestsByPath',
        FIXTURE,
      ],
      { cwd: ROOT, env: { ...process.env, CULPRIT_PID_FILE: pidFile }, stdio: 'ignore' },
    );

    // Act: wait for it to end on its own (a jest held open by a handle would run into the test's timeout).
    const exitCode = await new Promise<number | null>((done) => jest.once('exit', (code) => done(code)));
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    rmSync(dir, { recursive: true, force: true });
    const alive = await survivors(pids);

    // Assess
    expect(exitCode).toBe(1);
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(alive).toEqual([]);
    // A jest of its own starting three servers: minutes when the machine is busy.
  }, 240_000);
});
