/** Four layers, one jest project each (see README "Tests"). */
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json', isolatedModules: true, diagnostics: false }],
};
const project = (displayName, testMatch) => ({
  displayName,
  testEnvironment: 'node',
  transform,
  testMatch,
  moduleFileExtensions: ['ts', 'js', 'json'],
});
module.exports = {
  projects: [
    project('domain', ['<rootDir>/test/domain/**/*.test.ts']),
    project('gas', ['<rootDir>/test/gas/**/*.test.ts']),
    project('local', ['<rootDir>/test/local/**/*.test.ts']),
    project('bundle', ['<rootDir>/test/bundle/**/*.test.ts']),
  ],
};
