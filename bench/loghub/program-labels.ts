/**
 * A check of the miner on a variable first token: every line of a loghub set gets a program
 * label drawn at random for that line (`sshd:`, `kube-proxy:`, `[worker-3]`), the way syslog and
 * many daemons tag the message after the header. The event ids stay the ground truth, so GA says
 * whether the miner kept each event one group although the prefix tree keys on the first token.
 * Deterministic for a given seed.
 */
import { seededRandom } from '../corpus';
import type { LoghubDataset } from './datasets';

const PROGRAMS = 'sshd cron systemd kube-proxy nginx app.py dockerd kubelet auditd worker postfix ntpd'.split(' ');

/** The dataset with a random program label before every line's message. */
export function withProgramLabels(dataset: LoghubDataset, seed: number): LoghubDataset {
  const random = seededRandom(seed);
  const lines = dataset.lines.map((line) => {
    const program = PROGRAMS[random.int(PROGRAMS.length)]!;
    const label = random.int(4) === 0 ? `[${program}-${random.int(8)}]` : `${program}:`;
    const content = `${label} ${line.content}`;
    return { ...line, content, raw: content };
  });
  return { name: dataset.name, lines };
}
