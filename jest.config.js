/**
 * Three projects:
 * - `unit` (`npm run test:unit`): no server, no browser, no child process, no worker thread; the whole project runs
 *   in about a minute on two cores.
 * - `integration` (`npm run test:integration`): whole paths without a server — the CLI run as a child process, worker
 *   threads, the packed package installed, Lambda bundles and CloudFormation validation, analyses of generated
 *   multi-service scenarios. Listed, each with the reason, in test/integration-suites.json.
 * - `e2e` (`npm run test:e2e`): the suites that start local protocol servers — fauxqs, dynalite, moto_server, HTTP
 *   stubs — or headless Chromium. Listed in test/e2e-suites.json.
 * `npm test` runs all three. test/jest-projects.test.ts checks that every suite belongs to exactly one project and
 * that every suite showing the signs of an integration or e2e suite is listed as one.
 */
const E2E_SUITES = require('./test/e2e-suites.json');
const INTEGRATION_SUITES = Object.keys(require('./test/integration-suites.json'));

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (suites) => suites.map((suite) => `<rootDir>/${escapeRegex(suite)}$`);

/** @type {import('jest').Config['projects'][number]} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  // Type-checking happens once in `npm run lint`; the transformer only strips types, emitting what tsc emits for
  // dist/ (test/support/ts-transform.js says why not swc).
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/ts-transform.js',
    '/node_modules/@secretlint/.+\\.js$': ['@swc/jest'],
  },
  // secretlint's rule preset ships as an ES module only; swc turns it into CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!@secretlint/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: on a 2-core machine that is one, and the suites run one after
  // the other. The suites are independent (temporary folders, servers on port 0), so every core takes one. The e2e
  // project is the exception (`npm run test:e2e` passes --maxWorkers=1): each of its suites starts several servers
  // (moto_server, dynalite, fauxqs), and two such suites at once on two cores overran the rank suites' test time.
  maxWorkers: '100%',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testPathIgnorePatterns: ['/node_modules/', ...exactly(E2E_SUITES), ...exactly(INTEGRATION_SUITES)],
    },
    { ...common, displayName: 'integration', testMatch: INTEGRATION_SUITES.map((suite) => `<rootDir>/${suite}`) },
    { ...common, displayName: 'e2e', testMatch: E2E_SUITES.map((suite) => `<rootDir>/${suite}`) },
  ],
};
