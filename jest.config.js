/** Four layers, one jest project each (see README "Tests"). */
// ts-jest transpiles each file alone because tsconfig.base.json sets isolatedModules; typechecking is npm run typecheck.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json', diagnostics: false }],
};
const project = (displayName, testMatch, setupFiles = []) => ({
  displayName,
  testEnvironment: 'node',
  transform,
  testMatch,
  setupFiles,
  moduleFileExtensions: ['ts', 'js', 'json'],
});
const appsScriptTz = ['<rootDir>/test/support/appsScriptTimeZone.ts'];
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summaryLine.js'],
  projects: [
    project('domain', ['<rootDir>/test/domain/**/*.test.ts']),
    project('gas', ['<rootDir>/test/gas/**/*.test.ts'], appsScriptTz),
    project('local', ['<rootDir>/test/local/**/*.test.ts']),
    project('bundle', ['<rootDir>/test/bundle/**/*.test.ts'], appsScriptTz),
  ],
};
