/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type-checking happens once in `npm run lint`; swc only strips types, so each test file starts fast.
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/@secretlint/.+\\.js$': ['@swc/jest'] },
  // secretlint's rule preset ships as an ES module only; swc turns it into CommonJS like our own files.
  transformIgnorePatterns: ['/node_modules/(?!@secretlint/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
};
