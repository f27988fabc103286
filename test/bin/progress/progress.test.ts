import { Writable } from 'node:stream';
import { createProgress } from '../../../bin/progress';

/** A stream collecting what is written; `tty` makes it look like a terminal of 100 columns. */
function sink(tty: boolean): Writable & { text: () => string; isTTY?: boolean; columns?: number } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { text: () => string; isTTY?: boolean; columns?: number };
  stream.text = () => chunks.join('');
  if (tty) {
    stream.isTTY = true;
    stream.columns = 100;
  }
  return stream;
}

describe('createProgress', () => {
  it('writes nothing to a stream that is not a terminal', () => {
    const stream = sink(false);

    const progress = createProgress({ stream, total: 1000 });
    progress.update(10, 100);
    progress.stop();

    expect(progress.enabled).toBe(false);
    expect(stream.text()).toBe('');
  });

  it('writes nothing when turned off, as with --json, even on a terminal', () => {
    const stream = sink(true);

    const progress = createProgress({ stream, disabled: true });
    progress.update(10);
    progress.stop();

    expect(stream.text()).toBe('');
  });

  it('shows lines read, the rate and the time left on a terminal when the size is known', () => {
    const stream = sink(true);

    const progress = createProgress({ stream, total: 2000 });
    progress.update(1234, 1000);
    progress.stop();

    expect(progress.enabled).toBe(true);
    expect(stream.text()).toContain('1,234 lines');
    expect(stream.text()).toMatch(/\d[\d,]* lines\/s/);
    expect(stream.text()).toMatch(/\] \d+% \| [\d,]+ lines \| .* left/);
  });

  it('counts lines without a bar when the size is unknown', () => {
    const stream = sink(true);

    const progress = createProgress({ stream });
    progress.update(42);
    progress.stop();
    progress.stop();

    expect(stream.text()).toContain('reading logs | 42 lines |');
    expect(stream.text()).not.toContain('left');
  });

  it('prints warnings above the progress line on a terminal', () => {
    const stream = sink(true);

    const progress = createProgress({ stream, total: 100 });
    progress.update(5, 10);
    progress.log('app.log:3: no timestamp\n');
    progress.stop();

    expect(stream.text()).toContain('\r\x1b[2Kapp.log:3: no timestamp\n');
    expect(stream.text()).toMatch(/100% \| 5 lines/);
  });

  it('passes warnings through unchanged when it draws nothing', () => {
    const stream = sink(false);

    const progress = createProgress({ stream });
    progress.log('app.log:3: no timestamp\n');

    expect(stream.text()).toBe('app.log:3: no timestamp\n');
  });
});
