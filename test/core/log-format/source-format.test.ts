import { SourceFormat, inferLayout } from '../../../lambdas/core/log-format';

const MESSAGES = [
  'Server startup in 1 ms',
  'Deploying web application directory /opt/app',
  'Stopping service',
  'Initializing ProtocolHandler',
];
const tomcat = (i: number, message = MESSAGES[i % MESSAGES.length]): string =>
  `03-Dec-2026 10:${String(i % 60).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')} ${i % 7 === 0 ? 'WARNING' : 'INFO'} [main] org.apache.catalina.startup.Catalina.start ${message}`;

describe('inferLayout', () => {
  it('learns a Tomcat layout nobody wrote a rule for, and where its message begins', () => {
    const lines = Array.from({ length: 60 }, (_, i) => tomcat(i));

    const format = new SourceFormat({ rules: false });
    const parsed = format.parseAll(lines);

    expect(parsed[1]).toMatchObject({
      message: 'Deploying web application directory /opt/app',
      level: 'INFO',
      format: 'header',
    });
    expect(parsed[7]?.level).toBe('WARN');
  });

  it('learns nothing from lines without a consistent header', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `user ${i} did thing number ${i * 3}`);

    expect(inferLayout(lines)).toBeUndefined();
  });
});

describe('SourceFormat', () => {
  it('reads continuation lines with the rules and keeps them whole', () => {
    const lines = [...Array.from({ length: 30 }, (_, i) => tomcat(i)), '\tat org.foo.Bar.run(Bar.java:42)'];

    const parsed = new SourceFormat().parseAll(lines);

    expect(parsed[30]?.message).toBe('at org.foo.Bar.run(Bar.java:42)');
  });

  it('learns a second layout when the source switches to one', () => {
    const format = new SourceFormat({ rules: false, sampleSize: 40 });
    format.parseAll(Array.from({ length: 40 }, (_, i) => tomcat(i)));
    const nginx = (i: number): string =>
      `2026/12/03 10:00:${String(i % 60).padStart(2, '0')} [error] 42#42: *${i} upstream timed out`;

    const parsed = Array.from({ length: 120 }, (_, i) => format.parse(nginx(i)));

    expect(format.layouts).toHaveLength(2);
    expect(parsed[119]).toMatchObject({ message: 'upstream timed out', level: 'ERROR' });
  });

  it('carries its layouts over in a JSON state', () => {
    const first = new SourceFormat();
    first.parseAll(Array.from({ length: 30 }, (_, i) => tomcat(i)));

    const second = new SourceFormat({}, JSON.parse(JSON.stringify(first.state())));

    expect(second.parse(tomcat(99, 'Server startup in 99 ms')).message).toBe('Server startup in 99 ms');
  });
});
