/**
 * Plausible lines that are not in the loghub sample: the new errors a bad release prints, the
 * errors a downstream service prints when its dependency fails, and the harmless new info line a
 * benign release adds. Each reads like its dataset's domain (Java services, Unix daemons, a web
 * server, HPC nodes, Windows servicing). Placeholders in braces are redrawn for every line.
 */
import type { LineFamily } from './dataset-profiles';
import { PRODUCTION_LINES } from './production-lines';
import type { Random } from './random';

export type SyntheticRole =
  | 'error'
  | 'downstream'
  | 'info'
  | 'restart'
  | 'quiet-error'
  | 'hidden-error'
  | 'caller-error'
  | 'behaviour'
  | 'handled'
  | 'trace-error';

export interface SyntheticLine {
  readonly id: string;
  readonly family: LineFamily | 'any';
  readonly role: SyntheticRole;
  /** Text with placeholders: {int} {ms} {ip} {port} {hex8} {hex16} {host} {path} {user} {float} {upstream}. */
  readonly pattern: string;
  /** Continuation lines (a stack trace), fixed per template as a real build would print them. */
  readonly stack?: readonly string[];
}

const JAVA_NPE_STACK = [
  '\tat com.acme.platform.request.RequestRouter.route(RequestRouter.java:214)',
  '\tat com.acme.platform.request.RequestRouter.handle(RequestRouter.java:131)',
  '\tat java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1149)',
  '\tat java.lang.Thread.run(Thread.java:748)',
];
const JAVA_TIMEOUT_STACK = [
  '\tat scala.concurrent.impl.Promise$DefaultPromise.ready(Promise.scala:219)',
  '\tat org.apache.spark.rpc.RpcTimeout.awaitResult(RpcTimeout.scala:75)',
  '\tat org.apache.spark.storage.BlockManagerMaster.updateBlockInfo(BlockManagerMaster.scala:68)',
];

export const SYNTHETIC_LINES: readonly SyntheticLine[] = [
  // Java services (HDFS, Hadoop, Spark, Zookeeper)
  {
    id: 'java-npe',
    family: 'java',
    role: 'error',
    pattern: 'Unexpected error while handling request {hex8}: java.lang.NullPointerException',
    stack: JAVA_NPE_STACK,
  },
  {
    id: 'java-oom',
    family: 'java',
    role: 'error',
    pattern: 'Exception in thread "worker-{int}" java.lang.OutOfMemoryError: GC overhead limit exceeded',
  },
  {
    id: 'java-futures',
    family: 'java',
    role: 'error',
    pattern:
      'Error updating block info: java.util.concurrent.TimeoutException: Futures timed out after [{int} seconds]',
    stack: JAVA_TIMEOUT_STACK,
  },
  {
    id: 'java-config',
    family: 'java',
    role: 'error',
    pattern:
      'Failed to load serializer for type com.acme.platform.model.Record$V{int}: java.lang.ClassNotFoundException',
  },
  {
    id: 'java-pool',
    family: 'java',
    role: 'error',
    pattern:
      'Cannot get a connection, pool error Timeout waiting for idle object (active={int}, idle=0, waiters={int})',
  },
  // Unix daemons (Linux, OpenSSH)
  {
    id: 'unix-segv',
    family: 'unix',
    role: 'error',
    pattern: 'segfault at {hex8} ip {hex8} sp {hex8} error 4 in libcrypto.so.1.0.2k[{hex8}+{hex8}]',
  },
  {
    id: 'unix-oom',
    family: 'unix',
    role: 'error',
    pattern: 'Out of memory: Kill process {int} (sshd) score {int} or sacrifice child',
  },
  {
    id: 'unix-pam',
    family: 'unix',
    role: 'error',
    pattern: 'fatal: PAM: pam_setcred(): Failure setting user credentials for {user} from {ip}',
  },
  {
    id: 'unix-config',
    family: 'unix',
    role: 'error',
    pattern: 'error: /etc/ssh/sshd_config line {int}: Bad configuration option: UseRoaming',
  },
  // Web server (Apache)
  { id: 'web-segv', family: 'web', role: 'error', pattern: 'child pid {int} exit signal Segmentation fault (11)' },
  {
    id: 'web-php',
    family: 'web',
    role: 'error',
    pattern:
      "[client {ip}] PHP Fatal error:  Uncaught exception 'PDOException' with message 'SQLSTATE[HY000] [2002] Connection refused' in /var/www/app/lib/db.php:{int}",
  },
  {
    id: 'web-missing',
    family: 'web',
    role: 'error',
    pattern: '[client {ip}] File does not exist: /var/www/html/static/app.{hex8}.js',
  },
  // HPC nodes (BGL, HPC)
  {
    id: 'hpc-parity',
    family: 'hpc',
    role: 'error',
    pattern: 'machine check interrupt (bit=0x{hex8}): L2 dcache unit data parity error',
  },
  {
    id: 'hpc-ciod',
    family: 'hpc',
    role: 'error',
    pattern: 'ciod: failed to read message prefix on control stream (CioStream socket to {ip}:{port})',
  },
  { id: 'hpc-mount', family: 'hpc', role: 'error', pattern: 'Lustre mount FAILED : bglio{int} : block_id : location' },
  // Windows servicing
  {
    id: 'win-resolve',
    family: 'windows',
    role: 'error',
    pattern:
      'Failed to resolve package Package_{int}_for_KB{int}~31bf3856ad364e35~amd64~~6.1.1.{int} [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]',
  },
  {
    id: 'win-session',
    family: 'windows',
    role: 'error',
    pattern:
      'Exec: Processing complete, session failed. Session: {int}_{int} [HRESULT = 0x800f0900 - CBS_E_XML_PARSER_FAILURE]',
  },
  // Errors a service prints when a dependency ({upstream}) fails
  {
    id: 'java-ipc',
    family: 'java',
    role: 'downstream',
    pattern:
      'Call From {host} to {upstream}:{port} failed on connection exception: java.net.ConnectException: Connection refused',
  },
  {
    id: 'java-retry',
    family: 'java',
    role: 'downstream',
    pattern: 'Request to {upstream} failed after 3 attempts (last status 503), giving up on task {int}',
  },
  {
    id: 'unix-upstream',
    family: 'unix',
    role: 'downstream',
    pattern: 'error: connect to {upstream} ({ip}) port {port} failed: Connection timed out',
  },
  {
    id: 'web-proxy',
    family: 'web',
    role: 'downstream',
    pattern: 'proxy: error reading status line from remote server {upstream}:{port}',
  },
  {
    id: 'any-upstream',
    family: 'any',
    role: 'downstream',
    pattern: 'upstream {upstream} unavailable: {int} requests failed in the last {int} s',
  },
  // Harmless info lines a benign release adds
  { id: 'java-flags', family: 'java', role: 'info', pattern: 'Loaded {int} feature flags from config revision {hex8}' },
  { id: 'java-cache', family: 'java', role: 'info', pattern: 'Cache warm-up finished: {int} entries in {ms} ms' },
  { id: 'unix-reload', family: 'unix', role: 'info', pattern: 'Configuration reloaded (revision {hex8})' },
  { id: 'web-status', family: 'web', role: 'info', pattern: 'mod_status: scoreboard snapshot written ({int} slots)' },
  { id: 'hpc-health', family: 'hpc', role: 'info', pattern: 'health probe completed on partition {int} in {ms} ms' },
  { id: 'windows-sqm', family: 'windows', role: 'info', pattern: 'SQM: Upload scheduled for {int} cached reports' },
  { id: 'any-metrics', family: 'any', role: 'info', pattern: 'metrics reporter started, interval {int} s' },
  ...PRODUCTION_LINES,
];

/** Lines for a family and role; the family-agnostic ones are the fallback. */
export function syntheticLines(family: LineFamily, role: SyntheticRole): SyntheticLine[] {
  const own = SYNTHETIC_LINES.filter((line) => line.role === role && line.family === family);
  return own.length > 0 ? own : SYNTHETIC_LINES.filter((line) => line.role === role && line.family === 'any');
}

const USERS = ['admin', 'deploy', 'oracle', 'postgres', 'jenkins', 'ubuntu', 'test'];

function placeholder(name: string, random: Random, upstream: string): string {
  switch (name) {
    case 'int':
      return String(random.int(1, 9999));
    case 'ms':
      return String(random.int(12, 60000));
    case 'ip':
      return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
    case 'port':
      return String(random.int(1024, 65535));
    case 'hex8':
      return random.hex(8);
    case 'hex16':
      return random.hex(16);
    case 'host':
      return `ip-10-${random.int(0, 255)}-${random.int(0, 255)}-${random.int(1, 254)}.ec2.internal`;
    case 'user':
      return random.pick(USERS);
    case 'float':
      return random.uniform(1, 9.9).toFixed(1);
    case 'upstream':
      return upstream;
    default:
      return `{${name}}`;
  }
}

/** One line of `line`, the stack trace (if any) appended with `\n`. */
export function renderSynthetic(line: SyntheticLine, random: Random, upstream = 'upstream'): string {
  const fill = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (_, name: string) => placeholder(name, random, upstream));
  return line.stack === undefined ? fill(line.pattern) : [line.pattern, ...line.stack].map(fill).join('\n');
}

/** The template of `line` as truth files report it: variables as `<*>`, the upstream named. */
export function syntheticTemplateText(line: SyntheticLine, upstream = 'upstream'): string {
  return line.pattern.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'upstream' ? upstream : '<*>'));
}
