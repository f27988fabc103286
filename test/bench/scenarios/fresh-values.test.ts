import { loadDataset } from '../../../bench/scenarios/loghub-dataset';
import { drawSlotValue, reshapeValue, slotValues } from '../../../bench/scenarios/fresh-values';
import { Random } from '../../../bench/scenarios/random';

describe('reshapeValue', () => {
  const random = new Random('shape');

  it('redraws the host part of an IPv4 address and keeps a port a port', () => {
    const value = reshapeValue('10.251.73.220:50010', random);

    expect(value).toMatch(/^10\.251\.\d{1,3}\.\d{1,3}:\d{4,5}$/);
    const [octets = '', port] = value.split(':');
    expect(octets.split('.').every((octet) => Number(octet) <= 255)).toBe(true);
    expect(Number(port)).toBeLessThanOrEqual(65535);
  });

  it('keeps the length of a digit run and its sign', () => {
    expect(reshapeValue('blk_-6952295868487656571', random)).toMatch(/^blk_-[1-9]\d{18}$/);
  });

  it('redraws 0x numbers and free-standing hex ids as hex of the same length', () => {
    expect(reshapeValue('0x14ede63a5a70000', random)).toMatch(/^0x[0-9a-f]{15}$/);
    expect(reshapeValue('session 7a2f9c01b3', random)).toMatch(/^session [0-9a-f]{10}$/);
  });

  it('leaves words and digits glued to words alone', () => {
    expect(reshapeValue('Package_for_KB3192321 amd64 R02-M1-N0 webmaster', random)).toBe(
      'Package_for_KB3192321 amd64 R02-M1-N0 webmaster',
    );
  });
});

describe('drawSlotValue', () => {
  it('reuses the values of a categorical slot as they are', () => {
    // "PacketResponder <*> for block <*> terminating": the first slot only ever holds 0, 1 or 2.
    const template = loadDataset('HDFS').templates.find(
      (candidate) => candidate.text === 'PacketResponder <*> for block <*> terminating',
    );
    const [responder, block] = template?.slots ?? [];
    const random = new Random('slots');

    const values = new Set(Array.from({ length: 200 }, () => drawSlotValue(responder ?? slotValues([]), random)));

    expect(responder?.categorical).toBe(true);
    expect(block?.categorical).toBe(false);
    expect([...values].every((value) => ['0', '1', '2'].includes(value))).toBe(true);
  });
});
