/**
 * Header layouts of widely used logging conventions, written from each project's documented default or commonly
 * configured pattern. The `held-out` family was written with the others before any tuning and is only measured.
 */
import { levelText as lv } from './level-text';
import type { HeaderLayout, LineFields as F } from './layout-types';
import { hms, hmsFraction, pad, ymd } from './time-text';

const iso = (f: F, digits = 3, zone = 'Z'): string => `${ymd(f.time)}T${hmsFraction(f.time, digits)}${zone}`;
const syslogStamp = (f: F): string => `${f.time.monthName} ${pad(f.time.day, 2, ' ')} ${hms(f.time)}`;
const short = (logger: string): string =>
  logger
    .split('.')
    .map((part, index, all) => (index < all.length - 1 ? part.charAt(0) : part))
    .join('.');
const lastPart = (logger: string): string => logger.slice(logger.lastIndexOf('.') + 1);

const tuning = (name: string, render: HeaderLayout['render'], expected?: HeaderLayout['expected']): HeaderLayout =>
  expected === undefined ? { name, family: 'tuning', render } : { name, family: 'tuning', render, expected };
const heldOut = (name: string, render: HeaderLayout['render']): HeaderLayout => ({ name, family: 'held-out', render });

export const HEADER_LAYOUTS: readonly HeaderLayout[] = [
  tuning('syslog RFC 3164', (f, m) => `${syslogStamp(f)} ${f.host} ${f.app}[${f.pid}]: ${m}`),
  tuning('syslog RFC 3164 without host', (f, m) => `${syslogStamp(f)} ${f.app}[${f.pid}]: ${m}`),
  tuning('syslog RFC 3164 with PRI, no pid', (f, m) => `<13>${syslogStamp(f)} ${f.host} ${f.app}: ${m}`),
  tuning('syslog RFC 5424', (f, m) => `<165>1 ${iso(f, 3)} ${f.host} ${f.app} ${f.pid} ID47 - ${m}`),
  tuning('journald short-iso', (f, m) => `${ymd(f.time)}T${hms(f.time)}+0000 ${f.host} ${f.app}[${f.pid}]: ${m}`),
  tuning(
    'journald short-precise',
    (f, m) => `${f.time.monthName} ${pad(f.time.day)} ${hmsFraction(f.time, 6)} ${f.host} ${f.app}[${f.pid}]: ${m}`,
  ),
  tuning(
    'rsyslog high precision',
    (f, m) => `${ymd(f.time)}T${hmsFraction(f.time, 6)}+00:00 ${f.host} ${f.app}[${f.pid}]: ${m}`,
  ),
  tuning(
    'log4j %d %-5p [%t] %c - %m',
    (f, m) =>
      `${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} ${lv(f.level, 'upper', 5)} [${f.thread}] ${f.logger} - ${m}`,
  ),
  tuning(
    'logback default',
    (f, m) => `${hmsFraction(f.time, 3)} [${f.thread}] ${lv(f.level, 'upper', 5)} ${short(f.logger)} - ${m}`,
  ),
  tuning(
    'Spring Boot',
    (f, m) =>
      `${ymd(f.time)} ${hmsFraction(f.time, 3)}  ${lv(f.level, 'upper', 5)} ${f.pid} --- [${f.thread.padStart(15)}] ${short(f.logger).padEnd(40)} : ${m}`,
  ),
  tuning(
    'log4net',
    (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} [${f.tid}] ${lv(f.level, 'upper', 5)} ${f.logger} - ${m}`,
  ),
  tuning(
    'Python asctime - name - levelname',
    (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} - ${f.app} - ${lv(f.level, 'python')} - ${m}`,
  ),
  tuning('Python basicConfig default', (f, m) => `${lv(f.level, 'python')}:${f.app}:${m}`),
  tuning(
    'Flask default',
    (f, m) => `[${ymd(f.time)} ${hmsFraction(f.time, 3, ',')}] ${lv(f.level, 'python')} in ${f.app}: ${m}`,
  ),
  tuning('Go log', (f, m) => `${ymd(f.time, '/')} ${hms(f.time)} ${m}`),
  tuning(
    'Go log microseconds shortfile',
    (f, m) => `${ymd(f.time, '/')} ${hmsFraction(f.time, 6)} main.go:${f.tid % 400}: ${m}`,
  ),
  tuning('zap development', (f, m) => `${iso(f)}\t${lv(f.level, 'upper')}\t${f.app}/handler.go:${f.tid % 300}\t${m}`),
  tuning(
    'klog',
    (f, m) =>
      `${lv(f.level, 'letter')}${pad(f.time.month)}${pad(f.time.day)} ${hmsFraction(f.time, 6)} ${String(f.pid).padStart(7)} controller.go:${f.tid % 900}] ${m}`,
  ),
  tuning('logrus TTY', (f, m) => `${lv(f.level, 'upper').slice(0, 4)}[${pad(Math.floor(f.uptime), 4)}] ${m}`),
  tuning(
    'Rust env_logger',
    (f, m) => `[${iso(f, 0).replace('.Z', 'Z')} ${lv(f.level, 'upper', 5)} ${f.app}::server] ${m}`,
  ),
  tuning('Rust tracing', (f, m) => `${iso(f, 6)} ${lv(f.level, 'upper', 5)} ${f.app}::handler: ${m}`),
  tuning('Serilog console', (f, m) => `[${hms(f.time)} ${lv(f.level, 'three')}] ${m}`),
  tuning('Serilog file', (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 3)} +00:00 [${lv(f.level, 'three')}] ${m}`),
  tuning('NLog default', (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 4)}|${lv(f.level, 'upper')}|${f.logger}|${m}`),
  tuning(
    'nginx error log',
    (f, m) => `${ymd(f.time, '/')} ${hms(f.time)} [${lv(f.level, 'lower')}] ${f.pid}#${f.pid}: *${f.tid} ${m}`,
  ),
  tuning(
    'Apache 2.4 error log',
    (f, m) =>
      `[${f.time.weekday} ${f.time.monthName} ${pad(f.time.day)} ${hmsFraction(f.time, 6)} ${f.time.year}] [core:${lv(f.level, 'syslog')}] [pid ${f.pid}:tid ${f.tid}] ${m}`,
  ),
  tuning('HAProxy', (f, m) => `${syslogStamp(f)} localhost haproxy[${f.pid}]: ${m}`),
  tuning(
    'Envoy',
    (f, m) =>
      `[${ymd(f.time)} ${hmsFraction(f.time, 3)}][${f.tid % 64}][${lv(f.level, 'lower')}][upstream] [source/common/upstream/cluster_manager_impl.cc:${f.tid % 900}] ${m}`,
  ),
  tuning(
    'PostgreSQL',
    (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 3)} UTC [${f.pid}] ${lv(f.level, 'postgres')}:  ${m}`,
  ),
  tuning(
    'MySQL 8',
    (f, m) => `${iso(f, 6)} ${f.tid % 40} [${lv(f.level, 'mysql')}] [MY-0${10000 + (f.tid % 900)}] [Server] ${m}`,
  ),
  tuning(
    'Redis',
    (f, m) =>
      `${f.pid}:M ${pad(f.time.day)} ${f.time.monthName} ${f.time.year} ${hmsFraction(f.time, 3)} ${lv(f.level, 'redis')} ${m}`,
  ),
  tuning(
    'Kafka',
    (f, m) =>
      `[${ymd(f.time)} ${hmsFraction(f.time, 3, ',')}] ${lv(f.level, 'upper')} ${m} (kafka.server.${lastPart(f.logger)})`,
    (f, m) => `${m} (kafka.server.${lastPart(f.logger)})`,
  ),
  tuning(
    'Elasticsearch',
    (f, m) =>
      `[${ymd(f.time)}T${hmsFraction(f.time, 3, ',')}][${lv(f.level, 'upper', 5)}][${short(f.logger).padEnd(25)}] [${f.host}] ${m}`,
  ),
  tuning('CRI container log', (f, m) => `${iso(f, 9)} stdout F ${m}`),
  tuning(
    'Java unified GC log',
    (f, m) => `[${iso(f, 3, '+0000')}][${f.uptime.toFixed(3)}s][${lv(f.level, 'lower')}][gc] ${m}`,
  ),
  tuning(
    'Windows event text export',
    (f, m) =>
      `${lv(f.level, 'windows')}\t${pad(f.time.month)}/${pad(f.time.day)}/${f.time.year} ${hms(f.time)}\tService Control Manager\t${7000 + (f.tid % 50)}\tNone\t${m}`,
  ),
  tuning('Lambda Node.js runtime', (f, m) => `${iso(f)}\t${f.requestId}\t${lv(f.level, 'upper')}\t${m}`),
  tuning('Lambda Python runtime', (f, m) => `[${lv(f.level, 'upper')}]\t${iso(f)}\t${f.requestId}\t${m}`),
  tuning(
    'Tomcat Catalina',
    (f, m) =>
      `${pad(f.time.day)}-${f.time.monthName}-${f.time.year} ${hmsFraction(f.time, 3)} ${lv(f.level, 'upper')} [${f.thread}] ${f.logger}.run ${m}`,
  ),
  tuning(
    'Ruby Logger',
    (f, m) =>
      `${lv(f.level, 'letter')}, [${ymd(f.time)}T${hmsFraction(f.time, 6)} #${f.pid}] ${lv(f.level, 'upper', 5)} -- ${f.app}: ${m}`,
  ),
  tuning('Monolog', (f, m) => `[${ymd(f.time)} ${hms(f.time)}] ${f.app}.${lv(f.level, 'upper')}: ${m}`),
  tuning('pino-pretty', (f, m) => `[${hmsFraction(f.time, 3)}] ${lv(f.level, 'upper')} (${f.pid}): ${m}`),
  tuning('docker logs --timestamps', (f, m) => `${iso(f, 9)} ${m}`),
  tuning('Elixir Logger', (f, m) => `${hmsFraction(f.time, 3)} [${lv(f.level, 'lower')}] ${m}`),
  tuning('epoch seconds prefix', (f, m) => `${(f.epochMillis / 1000).toFixed(3)} ${f.host} ${m}`),
  // Added after the first held-out measurement, as more tuning conventions (the held-out family stayed unseen).
  tuning('gunicorn', (f, m) => `[${ymd(f.time)} ${hms(f.time)} +0000] [${f.pid}] [${lv(f.level, 'upper')}] ${m}`),
  tuning(
    'Celery worker',
    (f, m) => `[${ymd(f.time)} ${hmsFraction(f.time, 3, ',')}: ${lv(f.level, 'upper')}/MainProcess] ${m}`,
  ),
  tuning('HashiCorp hclog', (f, m) => `${iso(f)} [${lv(f.level, 'upper', 5)}] ${f.app}: ${m}`),
  tuning(
    'MongoDB 4.2 text',
    (f, m) => `${iso(f, 3, '+0000')} ${lv(f.level, 'letter')}  NETWORK  [conn${f.tid % 90}] ${m}`,
  ),
  tuning(
    'Cassandra',
    (f, m) =>
      `${lv(f.level, 'upper', 5)} [${f.thread}] ${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} ${lastPart(f.logger)}.java:${f.tid % 700} - ${m}`,
  ),
  tuning(
    'RabbitMQ',
    (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 6)}+00:00 [${lv(f.level, 'lower')}] <0.${f.tid % 999}.0> ${m}`,
  ),
  tuning('dmesg', (f, m) => `[${f.uptime.toFixed(6).padStart(12)}] ${m}`),
  tuning(
    'Airflow task log',
    (f, m) =>
      `[${ymd(f.time)}T${hmsFraction(f.time, 3, ',')}+0000] {${lastPart(f.logger).toLowerCase()}.py:${f.tid % 800}} ${lv(f.level, 'upper')} - ${m}`,
  ),
  tuning(
    'Jenkins',
    (f, m) =>
      `${ymd(f.time)} ${hmsFraction(f.time, 3)}+0000 [id=${f.tid % 500}]\t${lv(f.level, 'upper')}\t${f.logger}#run: ${m}`,
  ),
  heldOut(
    'Cassandra',
    (f, m) =>
      `${lv(f.level, 'upper', 5)} [${f.thread}] ${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} ${lastPart(f.logger)}.java:${f.tid % 900} - ${m}`,
  ),
  heldOut('supervisord', (f, m) => `${ymd(f.time)} ${hmsFraction(f.time, 3, ',')} ${lv(f.level, 'upper')} ${m}`),
  heldOut('HashiCorp hclog', (f, m) => `${iso(f)} [${lv(f.level, 'upper')}]  ${f.app}: ${m}`),
  heldOut(
    'MongoDB 4 text',
    (f, m) => `${iso(f, 3, '+0000')} ${lv(f.level, 'letter')} ${'NETWORK'.padEnd(8)} [conn${f.tid % 90}] ${m}`,
  ),
  heldOut('Squid cache.log', (f, m) => `${ymd(f.time, '/')} ${hms(f.time)} kid1| ${m}`),
  heldOut('Gunicorn', (f, m) => `[${ymd(f.time)} ${hms(f.time)} +0000] [${f.pid}] [${lv(f.level, 'upper')}] ${m}`),
  heldOut(
    'journald short-monotonic',
    (f, m) => `[${f.uptime.toFixed(6).padStart(12)}] ${f.host} ${f.app}[${f.pid}]: ${m}`,
  ),
  heldOut(
    'Celery',
    (f, m) => `[${ymd(f.time)} ${hmsFraction(f.time, 3, ',')}: ${lv(f.level, 'upper')}/MainProcess] ${m}`,
  ),
  heldOut(
    'Akka',
    (f, m) =>
      `[${lv(f.level, 'upper')}] [${pad(f.time.month)}/${pad(f.time.day)}/${f.time.year} ${hmsFraction(f.time, 3)}] [sys-akka.actor.default-dispatcher-${f.tid % 9}] [akka://sys/user/${f.app}] ${m}`,
  ),
  heldOut('.NET console logger', (f, m) => `${lv(f.level, 'dotnet')}: ${f.logger}[${f.tid % 20}] ${m}`),
];
