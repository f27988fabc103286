/**
 * Two projects: `unit` (no servers, no browser; `npm run test:unit`) and `e2e` (the suites that start local
 * protocol servers — fauxqs, dynalite, moto_server, HTTP stubs — or headless Chromium; `npm run test:e2e`).
 * `npm test` runs both. The e2e suites are listed in test/e2e-suites.json; test/jest-projects.test.ts checks that
 * every suite belongs to exactly one project and that every suite reaching a server or the browser is listed.
 */
const E2E_SUITES = require('./test/e2e-suites.json');

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const E2E_PATTERNS = E2E_SUITES.map((suite) => `<rootDir>/${escapeRegex(suite)}$`);

/** @type {import('jest').Config['projects'][number]} */
const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking happens once in `npm run lint`; swc only strips types, so each test file starts fast.
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/@secretlint/.+\\.js$': ['@swc/jest'] },
  // secretlint's rule preset ships as an ES module only; swc turns it into CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!@secretlint/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testPathIgnorePatterns: ['/node_modules/', ...E2E_PATTERNS] },
    { ...common, displayName: 'e2e', testMatch: E2E_SUITES.map((suite) => `<rootDir>/${suite}`) },
  ],
};
