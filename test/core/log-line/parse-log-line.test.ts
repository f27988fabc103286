/**
 * Unit tests of parseLogLine, one format at a time. Text-header cases use real lines from the loghub 2k samples
 * (https://github.com/logpai/loghub). Loghub license notice: "The datasets are freely available for research or
 * academic work, subject to the following condition: For any usage or distribution of the loghub datasets, please
 * refer to the loghub repository URL (https://github.com/logpai/loghub) and cite the following loghub paper where
 * applicable. Jieming Zhu, Shilin He, Pinjia He, Jinyang Liu, Michael R. Lyu. Loghub: A Large Collection of System Log
 * Datasets for AI-driven Log Analytics. In ISSRE, 2023. The above license notice shall be included in all copies of
 * the datasets."
 */
import { type ParsedLogLine, parseLogLine } from '../../../lambdas/core/log-line';

const REQUEST_ID = '6f1b2c3d-1111-2222-3333-444455556666';
const at = (iso: string): number => Date.parse(iso);

describe('parseLogLine on the text headers of the loghub datasets', () => {
  const cases: ReadonlyArray<readonly [string, string, ParsedLogLine]> = [
    [
      'Apache error log (ctime in brackets, bracketed level)',
      '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties',
      {
        message: 'workerEnv.init() ok /etc/httpd/conf/workers2.properties',
        level: 'INFO',
        timestamp: at('2005-12-04T04:47:44Z'),
        format: 'header',
      },
    ],
    [
      'Apache error log with a client field, which stays in the message',
      '[Sun Dec 04 05:15:09 2005] [error] [client 222.166.160.184] Directory index forbidden by rule: /var/www/html/',
      {
        message: '[client 222.166.160.184] Directory index forbidden by rule: /var/www/html/',
        level: 'ERROR',
        timestamp: at('2005-12-04T05:15:09Z'),
        format: 'header',
      },
    ],
    [
      'BGL RAS log',
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      {
        message: 'instruction cache parity error corrected',
        level: 'INFO',
        timestamp: 1117838570675,
        component: 'KERNEL',
        format: 'header',
      },
    ],
    [
      'BGL RAS log with an alert label',
      'APPREAD 1117869872 2005.06.04 R04-M1-N4-I:J18-U11 2005-06-04-00.24.32.432192 R04-M1-N4-I:J18-U11 RAS APP FATAL ciod: failed to read message prefix on control stream (CioStream socket to 172.16.96.116:33569',
      {
        message: 'ciod: failed to read message prefix on control stream (CioStream socket to 172.16.96.116:33569',
        level: 'FATAL',
        timestamp: 1117869872432,
        component: 'APP',
        format: 'header',
      },
    ],
    [
      'HDFS (yyMMdd HHmmss, pid before the level)',
      '081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating',
      {
        message: 'PacketResponder 1 for block blk_38865049064139660 terminating',
        level: 'INFO',
        timestamp: at('2008-11-09T20:36:15Z'),
        component: 'dfs.DataNode$PacketResponder',
        format: 'header',
      },
    ],
    [
      'HPC',
      '225111 node-10 unix.hw state_change.unavailable 1117296789 1 Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=3891)',
      {
        message: 'Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=3891)',
        timestamp: 1117296789000,
        component: 'unix.hw',
        format: 'header',
      },
    ],
    [
      'Hadoop log4j (thread with blanks after the level)',
      '2015-10-18 18:04:11,034 ERROR [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Container complete event for unknown container id container_1445144423722_0020_01_000012',
      {
        message: 'Container complete event for unknown container id container_1445144423722_0020_01_000012',
        level: 'ERROR',
        timestamp: at('2015-10-18T18:04:11.034Z'),
        component: 'org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator',
        format: 'header',
      },
    ],
    [
      'Linux syslog (no year: no timestamp)',
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ',
      {
        message: 'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4',
        component: 'sshd(pam_unix)',
        format: 'header',
      },
    ],
    [
      'Linux syslog with a blank in the tag',
      'Jun 19 04:09:11 combo syslogd 1.4.1: restart.',
      { message: 'restart.', component: 'syslogd 1.4.1', format: 'header' },
    ],
    [
      'OpenSSH syslog',
      'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
      {
        message:
          'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
        component: 'sshd',
        format: 'header',
      },
    ],
    [
      'Spark (yy/MM/dd)',
      '17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]',
      {
        message: 'Registered signal handlers for [TERM, HUP, INT]',
        level: 'INFO',
        timestamp: at('2017-06-09T20:10:40Z'),
        component: 'executor.CoarseGrainedExecutorBackend',
        format: 'header',
      },
    ],
    [
      'Windows CBS (comma after the time, column-aligned level and component)',
      '2016-09-28 04:30:31, Info                  CBS    SQM: Initializing online with Windows opt-in: False',
      {
        message: 'SQM: Initializing online with Windows opt-in: False',
        level: 'INFO',
        timestamp: at('2016-09-28T04:30:31Z'),
        component: 'CBS',
        format: 'header',
      },
    ],
    [
      'Zookeeper (dash separators, thread:class@line location)',
      '2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200',
      {
        message: 'Notification time out: 3200',
        level: 'INFO',
        timestamp: at('2015-07-29T17:41:44.747Z'),
        component: 'FastLeaderElection',
        format: 'header',
      },
    ],
  ];

  it.each(cases)('parses a %s line', (_name, raw, expected) => {
    const parsed = parseLogLine(raw);

    expect(parsed).toEqual(expected);
  });
});

describe('parseLogLine on other common text headers', () => {
  const cases: ReadonlyArray<readonly [string, string, ParsedLogLine]> = [
    [
      'ISO-8601 with T, millis and Z',
      '2024-03-01T12:34:56.789Z WARN disk almost full',
      { message: 'disk almost full', level: 'WARN', timestamp: at('2024-03-01T12:34:56.789Z'), format: 'header' },
    ],
    [
      'ISO-8601 with an offset',
      '2024-03-01T12:34:56+02:00 ERROR boom',
      { message: 'boom', level: 'ERROR', timestamp: at('2024-03-01T10:34:56Z'), format: 'header' },
    ],
    [
      'ISO-8601 with a compact negative offset and microseconds',
      '2024-03-01 12:34:56.123456-0500 INFO ok',
      { message: 'ok', level: 'INFO', timestamp: at('2024-03-01T17:34:56.123Z'), format: 'header' },
    ],
    [
      'ISO-8601 without zone (read as UTC)',
      '2024-03-01 12:34:56 INFO ok',
      { message: 'ok', level: 'INFO', timestamp: at('2024-03-01T12:34:56Z'), format: 'header' },
    ],
    [
      'Python logging with name and level',
      '2024-01-02 03:04:05,123 - myapp.db - ERROR - connection refused',
      {
        message: 'connection refused',
        level: 'ERROR',
        timestamp: at('2024-01-02T03:04:05.123Z'),
        component: 'myapp.db',
        format: 'header',
      },
    ],
    [
      'Python logging basicConfig',
      'ERROR:root:something broke',
      { message: 'something broke', level: 'ERROR', component: 'root', format: 'header' },
    ],
    [
      'Python logging basicConfig with a dotted logger',
      'WARNING:urllib3.connectionpool:Retrying (Retry(total=2))',
      { message: 'Retrying (Retry(total=2))', level: 'WARN', component: 'urllib3.connectionpool', format: 'header' },
    ],
    [
      'epoch seconds prefix',
      '1704067200 cache warmed',
      { message: 'cache warmed', timestamp: 1704067200000, format: 'header' },
    ],
    [
      'epoch millis prefix',
      '1704067200123 cache warmed',
      { message: 'cache warmed', timestamp: 1704067200123, format: 'header' },
    ],
    [
      'bracketed level without timestamp',
      '[ERROR] could not open config',
      { message: 'could not open config', level: 'ERROR', format: 'header' },
    ],
    [
      'pid and thread confirmed by a level',
      '[12345] [main] INFO started',
      { message: 'started', level: 'INFO', format: 'header' },
    ],
    [
      'parenthesised thread',
      '2024-01-01 12:00:00 (thread-1) DEBUG x.y.Z: debug msg',
      {
        message: 'debug msg',
        level: 'DEBUG',
        timestamp: at('2024-01-01T12:00:00Z'),
        component: 'x.y.Z',
        format: 'header',
      },
    ],
    [
      'logback with a time of day only (no timestamp)',
      '12:00:00.123 [main] INFO  com.example.App - Started',
      { message: 'Started', level: 'INFO', component: 'com.example.App', format: 'header' },
    ],
    [
      'Spring Boot',
      '2024-01-01 12:00:00.123  INFO 12345 --- [           main] c.e.demo.DemoApplication                 : Started DemoApplication in 1.2 seconds',
      {
        message: 'Started DemoApplication in 1.2 seconds',
        level: 'INFO',
        timestamp: at('2024-01-01T12:00:00.123Z'),
        component: 'c.e.demo.DemoApplication',
        format: 'header',
      },
    ],
    [
      'syslog with a year',
      'Jun 14 15:16:01 2024 host cron[12]: job done',
      { message: 'job done', timestamp: at('2024-06-14T15:16:01Z'), component: 'cron', format: 'header' },
    ],
    [
      'syslog after an ISO stamp',
      '2024-01-01T12:00:00+02:00 web01 nginx[123]: GET /',
      { message: 'GET /', timestamp: at('2024-01-01T10:00:00Z'), component: 'nginx', format: 'header' },
    ],
    [
      'glog',
      'E0101 12:00:00.123456    1234 main.go:42] something failed',
      { message: 'something failed', level: 'ERROR', component: 'main.go', format: 'header' },
    ],
    [
      'Monolog channel.LEVEL',
      '[2024-01-01 12:00:00] local.ERROR: Something failed',
      {
        message: 'Something failed',
        level: 'ERROR',
        timestamp: at('2024-01-01T12:00:00Z'),
        component: 'local',
        format: 'header',
      },
    ],
    [
      'Rust tracing',
      '2024-01-01T00:00:00.000000Z  INFO my_crate::handler: request done',
      {
        message: 'request done',
        level: 'INFO',
        timestamp: at('2024-01-01T00:00:00Z'),
        component: 'my_crate::handler',
        format: 'header',
      },
    ],
    ['kernel uptime', '[    0.000000] Linux version 5.15', { message: 'Linux version 5.15', format: 'header' }],
  ];

  it.each(cases)('parses %s', (_name, raw, expected) => {
    const parsed = parseLogLine(raw);

    expect(parsed).toEqual(expected);
  });
});

describe('parseLogLine on a collector timestamp in front of the application line', () => {
  it('strips the application header behind it and keeps the collector timestamp', () => {
    const line =
      '2024-04-05T21:24:50.590Z 134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: Component "alt0" is in the unavailable state (HWID=3180)';

    expect(parseLogLine(line)).toEqual({
      message: 'Component State Change: Component "alt0" is in the unavailable state (HWID=3180)',
      component: 'unix.hw',
      timestamp: at('2024-04-05T21:24:50.590Z'),
      format: 'header',
    });
  });

  it('leaves a plain message after the timestamp alone', () => {
    expect(parseLogLine('2024-04-05T21:24:50.590Z user 42 logged in')).toEqual({
      message: 'user 42 logged in',
      timestamp: at('2024-04-05T21:24:50.590Z'),
      format: 'header',
    });
  });
});

describe('parseLogLine on a header whose timestamp a reader already cut off', () => {
  it('reads the level and location behind a leading dash separator (Zookeeper layout)', () => {
    const line =
      '- WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@762] - Connection broken for id 188978561024, my id = 2, error = ';

    expect(parseLogLine(line)).toEqual({
      message: 'Connection broken for id 188978561024, my id = 2, error =',
      level: 'WARN',
      component: 'QuorumCnxManager$RecvWorker',
      format: 'header',
    });
  });

  it('keeps a dash-led line whose next word is no level', () => {
    expect(parseLogLine('- retrying in 5 s')).toEqual({ message: '- retrying in 5 s', format: 'plain' });
  });
});

describe('parseLogLine on capitalised id columns between a timestamp and the level', () => {
  it('strips host, facility and component before the level (BGL fields behind an ISO timestamp)', () => {
    const line =
      '2024-03-15T09:20:55.997Z R27-M0-N1-C:J15-U01 RAS KERNEL FATAL icache prefetch threshold................9';

    expect(parseLogLine(line)).toEqual({
      message: 'icache prefetch threshold................9',
      level: 'FATAL',
      component: 'KERNEL',
      timestamp: at('2024-03-15T09:20:55.997Z'),
      format: 'header',
    });
  });

  it('strips them without a timestamp too (a CloudWatch event whose timestamp is a field of its own)', () => {
    expect(parseLogLine('R05-M1-N7-C:J15-U11 RAS KERNEL INFO generating core.8021')).toEqual({
      message: 'generating core.8021',
      level: 'INFO',
      component: 'KERNEL',
      format: 'header',
    });
  });

  it('keeps capitalised words followed by a level written in lower case when nothing vouches for a header', () => {
    expect(parseLogLine('NFS SERVER error reading block 7')).toEqual({
      message: 'NFS SERVER error reading block 7',
      format: 'plain',
    });
  });

  it('leaves capitalised words in the message when no level follows them', () => {
    expect(parseLogLine('2024-01-01T00:00:00Z GET /index.html 200')).toEqual({
      message: 'GET /index.html 200',
      timestamp: at('2024-01-01T00:00:00Z'),
      format: 'header',
    });
  });
});

describe('parseLogLine keeps doubtful tokens in the message', () => {
  it.each([
    ['a capitalised level-like word at the start', 'Error: cannot find module'],
    ['a mixed-case level word at the start', 'Info about the thing'],
    ['a number that is no plausible epoch', '12345 items processed'],
    ['a bracket without a level to vouch for it', '[preauth] user disconnected'],
    ['a date that does not exist', '2024-02-30 12:00:00 INFO nope'],
  ])('keeps %s', (_name, raw) => {
    const parsed = parseLogLine(raw);

    expect(parsed).toEqual({ message: raw, format: 'plain' });
  });

  it('keeps a mixed-case level word that reads as prose after a timestamp', () => {
    const parsed = parseLogLine('2024-01-01 12:00:00 Error connecting to db');

    expect(parsed).toEqual({
      message: 'Error connecting to db',
      timestamp: at('2024-01-01T12:00:00Z'),
      format: 'header',
    });
  });

  it('keeps an exception class after the level, since it is the subject of the message', () => {
    const parsed = parseLogLine('2024-01-01 12:00:00 ERROR java.lang.IllegalStateException: queue closed');

    expect(parsed.message).toBe('java.lang.IllegalStateException: queue closed');
  });

  it('keeps the error type after a bracketed level (Lambda Python, Maven)', () => {
    const parsed = parseLogLine('[ERROR] Runtime.ImportModuleError: Unable to import module');

    expect(parsed).toEqual({
      message: 'Runtime.ImportModuleError: Unable to import module',
      level: 'ERROR',
      format: 'header',
    });
  });

  it('keeps a short undotted word with a colon after the level (`INFO Remoting: ...`)', () => {
    const parsed = parseLogLine('17/06/09 20:10:41 INFO Remoting: Starting remoting');

    expect(parsed.message).toBe('Remoting: Starting remoting');
  });
});

describe('parseLogLine on JSON lines', () => {
  it('takes message, level, timestamp and service from a Powertools line', () => {
    const raw =
      '{"level":"ERROR","message":"db down","timestamp":"2024-01-01T00:00:00.000Z","service":"orders","xray_trace_id":"1-x"}';

    const parsed = parseLogLine(raw);

    expect(parsed).toEqual({
      message: 'db down',
      level: 'ERROR',
      timestamp: at('2024-01-01T00:00:00Z'),
      component: 'orders',
      format: 'json',
    });
  });

  it('reads pino numeric levels, epoch-millis time and msg', () => {
    const parsed = parseLogLine('{"level":50,"time":1704067200000,"msg":"hello","name":"api"}');

    expect(parsed).toEqual({
      message: 'hello',
      level: 'ERROR',
      timestamp: 1704067200000,
      component: 'api',
      format: 'json',
    });
  });

  it('reads severity, levelname and epoch-seconds ts', () => {
    expect(parseLogLine('{"severity":"WARNING","ts":1704067200.5,"message":"a"}')).toEqual({
      message: 'a',
      level: 'WARN',
      timestamp: 1704067200500,
      format: 'json',
    });
    expect(parseLogLine('{"levelname":"CRITICAL","message":"b"}')).toEqual({
      message: 'b',
      level: 'FATAL',
      format: 'json',
    });
  });

  it('reads ECS log.level, as a dotted key or a nested object, and @timestamp', () => {
    const dotted = parseLogLine('{"log.level":"warn","@timestamp":"2024-01-01T00:00:00Z","message":"ecs dotted"}');
    const nested = parseLogLine('{"log":{"level":"warn"},"message":"ecs nested"}');

    expect(dotted).toEqual({
      message: 'ecs dotted',
      level: 'WARN',
      timestamp: at('2024-01-01T00:00:00Z'),
      format: 'json',
    });
    expect(nested).toEqual({ message: 'ecs nested', level: 'WARN', format: 'json' });
  });

  it('parses a header inside a Docker `log` field once', () => {
    const raw =
      '{"log":"2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster\\n","stream":"stdout"}';

    const parsed = parseLogLine(raw);

    expect(parsed).toEqual({
      message: 'Created MRAppMaster',
      level: 'INFO',
      timestamp: at('2015-10-18T18:01:47.978Z'),
      component: 'org.apache.hadoop.mapreduce.v2.app.MRAppMaster',
      format: 'json',
    });
  });

  it('parses JSON inside a `log` field as text, not as JSON again', () => {
    const parsed = parseLogLine('{"log":"{\\"level\\":\\"error\\",\\"msg\\":\\"inner\\"}"}');

    expect(parsed).toEqual({ message: '{"level":"error","msg":"inner"}', format: 'json' });
  });

  it('keeps the whole line as message when the object has no message field', () => {
    const raw = '{"type":"platform.start","record":{"requestId":"x"}}';

    expect(parseLogLine(raw)).toEqual({ message: raw, format: 'json' });
  });

  it('falls back to text parsing when braces hold no JSON', () => {
    expect(parseLogLine('{not json}')).toEqual({ message: '{not json}', format: 'plain' });
  });

  it('does not take an unparsable timestamp string', () => {
    expect(parseLogLine('{"time":"yesterday","message":"m"}')).toEqual({ message: 'm', format: 'json' });
  });
});

describe('parseLogLine on AWS Lambda runtime lines', () => {
  it.each([
    `START RequestId: ${REQUEST_ID} Version: $LATEST`,
    `END RequestId: ${REQUEST_ID}`,
    `REPORT RequestId: ${REQUEST_ID}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB`,
    'INIT_START Runtime Version: nodejs:20.v13\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:abc',
  ])('keeps the platform line %s whole', (raw) => {
    expect(parseLogLine(raw)).toEqual({ message: raw, format: 'lambda-runtime' });
  });

  it('marks a timed-out REPORT as an error', () => {
    const raw = `REPORT RequestId: ${REQUEST_ID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tStatus: timeout`;

    expect(parseLogLine(raw)).toEqual({ message: raw, level: 'ERROR', format: 'lambda-runtime' });
  });

  it('strips time, request id and level from a Node.js runtime line', () => {
    const parsed = parseLogLine(`2024-01-01T00:00:00.000Z\t${REQUEST_ID}\tERROR\tInvoke Error {"errorType":"Error"}`);

    expect(parsed).toEqual({
      message: 'Invoke Error {"errorType":"Error"}',
      level: 'ERROR',
      timestamp: at('2024-01-01T00:00:00Z'),
      format: 'lambda-runtime',
    });
  });

  it('accepts `undefined` as the request id of Node.js init lines', () => {
    const parsed = parseLogLine('2024-01-01T00:00:00.000Z\tundefined\tINFO\tLoading function');

    expect(parsed).toEqual({
      message: 'Loading function',
      level: 'INFO',
      timestamp: at('2024-01-01T00:00:00Z'),
      format: 'lambda-runtime',
    });
  });

  it('strips level, time and request id from a Python runtime line', () => {
    const parsed = parseLogLine(`[WARNING]\t2024-01-01T00:00:00.123Z\t${REQUEST_ID}\tslow call`);

    expect(parsed).toEqual({
      message: 'slow call',
      level: 'WARN',
      timestamp: at('2024-01-01T00:00:00.123Z'),
      format: 'lambda-runtime',
    });
  });

  it('does not take a zap tab-separated line for a Lambda runtime line', () => {
    const parsed = parseLogLine('2024-01-01T00:00:00.000Z\tinfo\tmain.go:12\tserver started');

    expect(parsed).toEqual({
      message: 'main.go:12\tserver started',
      level: 'INFO',
      timestamp: at('2024-01-01T00:00:00Z'),
      format: 'header',
    });
  });

  it('strips the request id from a task timeout line', () => {
    const parsed = parseLogLine(`2024-01-01T00:00:03.005Z ${REQUEST_ID} Task timed out after 3.00 seconds`);

    expect(parsed).toEqual({
      message: 'Task timed out after 3.00 seconds',
      timestamp: at('2024-01-01T00:00:03.005Z'),
      format: 'header',
    });
  });
});

describe('parseLogLine on empty, garbage and hostile input', () => {
  it.each([
    ['empty', '', ''],
    ['blank', ' \t\r\n ', ''],
    ['a lone bracket', '[', '['],
    ['a lone brace', '{', '{'],
    ['a truncated date', '2024-', '2024-'],
    ['control and binary characters', '\u0000\u0001\u0002binary\uffff', '\u0000\u0001\u0002binary\uffff'],
    ['an unpaired surrogate', '\ud800 half', '\ud800 half'],
    ['a JSON array', '[1,2,3]', '[1,2,3]'],
  ])('returns %s input as a plain message', (_name, raw, message) => {
    expect(parseLogLine(raw)).toEqual({ message, format: 'plain' });
  });

  it('skips a byte-order mark and leading line breaks before the header', () => {
    expect(parseLogLine('\uFEFF2024-01-01 00:00:00 INFO bom line').message).toBe('bom line');
    expect(parseLogLine('\n2024-01-01 00:00:00 INFO after newline').message).toBe('after newline');
  });

  it('keeps the continuation lines of a multi-line event in the message', () => {
    const parsed = parseLogLine('2024-01-01 00:00:00 ERROR failed\n\tat com.foo.Bar(Bar.java:1)');

    expect(parsed.message).toBe('failed\n\tat com.foo.Bar(Bar.java:1)');
  });

  it('does not throw on a value that is not a string', () => {
    const notAString = 42 as unknown as string;

    expect(parseLogLine(notAString)).toEqual({ message: '', format: 'plain' });
  });

  it('handles a megabyte-long line without blanks', () => {
    const raw = `2024-01-01T00:00:00Z INFO ${'x'.repeat(1_000_000)}`;

    expect(parseLogLine(raw).message).toHaveLength(1_000_000);
  });

  it('never throws and returns a slice of the line for thousands of generated header-like lines', () => {
    const fragments = [
      '2024-01-01',
      'T',
      '12:00:00',
      ',123',
      'Z',
      '+02:00',
      ' ',
      '  ',
      '\t',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      'INFO',
      'error',
      'E',
      '-',
      ':',
      '|',
      ',',
      '148',
      '1704067200',
      'Jun 14',
      'Sun Dec 04',
      'com.foo.Bar',
      'sshd[12]',
      '{',
      '}',
      '"',
      '\n',
      'START RequestId: ',
      'msg',
      '081109 203615',
      '17/06/09',
      '@774',
      '\u0000',
      'é',
      '\ud83d\ude00',
    ];
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    const lines = Array.from({ length: 5000 }, () =>
      Array.from({ length: 1 + (next() % 12) }, () => fragments[next() % fragments.length]).join(''),
    );

    const notSlices = lines.filter((raw) => {
      const parsed = parseLogLine(raw);
      return parsed.format !== 'json' && !raw.includes(parsed.message);
    });

    expect(notSlices).toEqual([]);
  });
});
