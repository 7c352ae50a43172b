// Unit tests sit beside the code (src/, *.spec.ts); integration tests boot the real app (test/, *.e2e-spec.ts).
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
  // ES-module-only packages, compiled to CommonJS for Jest (see the transform's header).
  '^.+\\.js$': '<rootDir>/test/support/esm-package.transform.js',
};
const transformIgnorePatterns = ['/node_modules/(?!@nestjs/|opencc-js/|openid-client/|oauth4webapi/|jose/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts', '<rootDir>/packages/**/*.spec.ts'],
      // The portal's path to packages/shared (web/tsconfig.json), for portal code a unit spec loads.
      moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/packages/shared/$1' },
      transform,
      transformIgnorePatterns,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      transform,
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  // Known slow files first, so that none of them starts last (test/support/slow-first.sequencer.js).
  testSequencer: '<rootDir>/test/support/slow-first.sequencer.js',
  // App start-up under load can exceed jest's 5 s default (a per-project testTimeout is ignored).
  testTimeout: 120000,
};
