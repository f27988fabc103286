import {
  generateCorpus,
  loghubSources,
  redrawValue,
  seededRandom,
  toSourceLine,
  type SourceInput,
} from '../../../bench/corpus';
import { matchTemplate } from '../../../bench/loghub';

/** Real HDFS and OpenSSH lines. */
const SOURCES: SourceInput[] = [
  {
    content: 'Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
    eventTemplate: 'Received block <*> of size <*> from <*>',
    raw: '081109 203519 143 INFO dfs.DataNode$DataXceiver: Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6',
  },
  {
    content: 'Invalid user webmaster from 173.234.31.186',
    eventTemplate: 'Invalid user <*> from <*>',
    raw: 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
  },
  {
    content: 'pam_unix(sshd:auth): check pass; user unknown',
    eventTemplate: 'pam_unix(sshd:auth): check pass; user unknown',
    raw: 'Dec 10 06:55:48 LabSZ sshd[24200]: pam_unix(sshd:auth): check pass; user unknown',
  },
];

describe('redrawValue', () => {
  const random = seededRandom(7);

  it('keeps the shape of numbers, IPs and hex, and the letters of a value that holds digits', () => {
    expect(redrawValue('blk_-1608999687919862906', random)).toMatch(/^blk_-[1-9]\d{18}$/);
    expect(redrawValue('/10.250.10.6:50010', random)).toMatch(/^\/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{5}$/);
    expect(redrawValue('0x7fed806eb5d', random)).toMatch(/^0x[0-9a-f]{11}$/);
  });

  it('redraws the letters of a word value in the same case', () => {
    const value = redrawValue('WebMaster', random);
    expect(value).toMatch(/^[A-Z][a-z]{2}[A-Z][a-z]{5}$/);
    expect(value).not.toBe('WebMaster');
  });
});

describe('toSourceLine', () => {
  it('splits the message along its ground-truth variables and keeps the raw header', () => {
    expect(toSourceLine(SOURCES[0] as SourceInput)).toMatchObject({
      header: '081109 203519 143 INFO dfs.DataNode$DataXceiver: ',
      constants: ['Received block ', ' of size ', ' from ', ''],
      values: ['blk_-1608999687919862906', '91178', '/10.250.10.6'],
      trailer: '',
    });
  });
});

describe('generateCorpus', () => {
  it('gives the same lines for the same seed and other lines for another seed', () => {
    const first = generateCorpus(SOURCES, { lines: 50, seed: 1 });
    const again = generateCorpus(SOURCES, { lines: 50, seed: 1 });
    const other = generateCorpus(SOURCES, { lines: 50, seed: 2 });
    expect(again.lines).toEqual(first.lines);
    expect(other.lines).not.toEqual(first.lines);
  });

  it('redraws every variable so lines still fit their template but rarely repeat', () => {
    // Act
    const corpus = generateCorpus(SOURCES, { lines: 300, seed: 3 });

    // Assess
    corpus.lines.forEach((line, index) => {
      const source = SOURCES[corpus.sourceIndex[index] ?? 0] as SourceInput;
      expect(matchTemplate(source.eventTemplate, line)).toBeDefined();
    });
    const variable = corpus.lines.filter((line) => !line.startsWith('pam_unix'));
    expect(new Set(variable).size).toBe(variable.length);
  });

  it('keeps the header of raw lines', () => {
    const corpus = generateCorpus(SOURCES, { lines: 20, seed: 4, form: 'raw' });
    for (const line of corpus.lines)
      expect(line).toMatch(/^(081109 203519 143 INFO dfs|Dec 10 06:55:4[68] LabSZ sshd)/);
  });

  it('draws from all ten loghub datasets in about equal shares', () => {
    // Prepare
    const sources = loghubSources();

    // Act
    const corpus = generateCorpus(sources, { lines: 20_000, seed: 5 });

    // Assess
    const perDataset = new Map<string, number>();
    for (const index of corpus.sourceIndex) {
      const name = sources[index]?.dataset ?? '';
      perDataset.set(name, (perDataset.get(name) ?? 0) + 1);
    }
    expect(perDataset.size).toBe(10);
    for (const lines of perDataset.values()) expect(lines).toBeGreaterThan(1500);
  });
});
