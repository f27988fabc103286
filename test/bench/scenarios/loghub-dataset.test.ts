import { DATASET_NAMES } from '../../../bench/scenarios/dataset-profiles';
import { loadDataset } from '../../../bench/scenarios/loghub-dataset';

describe('loadDataset', () => {
  it('keeps every ground-truth template of HDFS with its frequency in the 2k sample', () => {
    const hdfs = loadDataset('HDFS');

    expect(hdfs.templates).toHaveLength(14);
    expect(hdfs.templates.reduce((sum, template) => sum + template.count, 0)).toBe(2000);
    expect(hdfs.templates[0]).toMatchObject({ id: 'HDFS:E6', count: 314 });
  });

  it('splits each template at its <*> and collects the real values seen there', () => {
    const template = loadDataset('HDFS').templates.find((candidate) => candidate.eventId === 'E11');

    expect(template?.parts).toEqual(['Received block ', ' of size ', ' from ', '']);
    expect(template?.slots.map((slot) => slot.originals.length)).toEqual([292, 292, 292]);
    expect(template?.slots[0]?.originals[0]).toMatch(/^blk_-?\d+$/);
  });

  it('marks error-looking templates by their words or their level', () => {
    const hdfs = loadDataset('HDFS');
    const zookeeper = loadDataset('Zookeeper');

    expect(hdfs.templates.find((t) => t.eventId === 'E3')?.errorLooking).toBe(true); // "Got exception while serving"
    expect(hdfs.templates.find((t) => t.eventId === 'E10')?.errorLooking).toBe(false); // "PacketResponder ... terminating"
    expect(zookeeper.templates.find((t) => t.eventId === 'E49')?.errorLooking).toBe(true); // ERROR level
  });

  it.each([...DATASET_NAMES])('extracts the variable values of almost every line of %s', (name) => {
    const dataset = loadDataset(name);
    const slotted = dataset.templates.filter((template) => template.slots.length > 0);
    const withValues = slotted.filter((template) => template.slots.every((slot) => slot.originals.length > 0));
    const lines = (templates: typeof slotted) => templates.reduce((sum, template) => sum + template.count, 0);

    expect(lines(withValues) / Math.max(1, lines(slotted))).toBeGreaterThan(0.9);
  });
});
