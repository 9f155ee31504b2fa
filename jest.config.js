// Four test tiers, each a jest project; `npm test` runs them one after another (see package.json).
// TypeScript and ESM-only dependencies (middy, aws-local-stepfunctions) are compiled by swc to CommonJS.
const transform = {
  '^.+\\.(t|j|mj)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2023' },
      module: { type: 'commonjs' },
    },
  ],
};
const esmOnlyPackages = ['@middy', 'aws-local-stepfunctions', 'otplib', '@otplib', '@noble', '@scure'];
const base = {
  transform,
  transformIgnorePatterns: [`node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  // middy publishes ESM only (an "import" export condition), which jest's CommonJS resolver cannot see.
  moduleNameMapper: {
    '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-after-env.ts'],
};

/** @type {import('jest').Config} */
export default {
  // Integration and e2e suites start servers, hash demo passwords (scrypt, ~0.6 s each) and seed the demo
  // schools' pupils in their setup: ~10 s on an idle 2-core machine, but several times that when the cores
  // are shared. This is a hang guard, not a timing goal (those live in `npm run bench`). Jest reads this
  // option only at the top level, not per project.
  testTimeout: 90_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.unit.test.ts'] },
    { ...base, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.infra.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    },
  ],
};
