/**
 * §21 16①(c), 16⑥: the bundle reaches no outside server; the manifest asks only for the narrow scopes
 * the functions need, each explained in README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR } from './loadBundle';

const code = readFileSync(join(BUILD_DIR, 'Code.js'), 'utf8');
const manifest = JSON.parse(readFileSync(join(BUILD_DIR, 'appsscript.json'), 'utf8')) as {
  timeZone: string;
  runtimeVersion: string;
  exceptionLogging: string;
  oauthScopes: string[];
  dependencies?: { libraries?: unknown[] };
};
const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

const NARROW_SCOPES = [
  'spreadsheets.currentonly',
  'documents',
  'script.send_mail',
  'script.scriptapp',
  'script.container.ui',
  'drive.file',
  'userinfo.email',
].map(s => `https://www.googleapis.com/auth/${s}`);

describe('no external access from the bundle (§21 16①(c))', () => {
  test('build/Code.js never mentions UrlFetchApp', () => {
    expect(code).not.toContain('UrlFetchApp');
  });

  test('build/Code.js never mentions GmailApp (mail goes through MailApp only)', () => {
    expect(code).not.toContain('GmailApp');
  });

  test('build/Code.js holds no external URL', () => {
    expect(code.match(/https?:\/\/[^\s"'`]+/g) ?? []).toEqual([]);
  });

  test('the manifest loads no library from outside the project', () => {
    expect(manifest.dependencies?.libraries ?? []).toEqual([]);
  });
});

describe('appsscript.json', () => {
  test('runs in Asia/Tokyo on V8 with exceptions logged to Stackdriver', () => {
    expect(manifest).toMatchObject({ timeZone: 'Asia/Tokyo', runtimeVersion: 'V8', exceptionLogging: 'STACKDRIVER' });
  });

  test('asks only for the narrow scopes', () => {
    for (const scope of manifest.oauthScopes) expect(NARROW_SCOPES).toContain(scope);
  });

  test('never asks for full Drive, Gmail, all spreadsheets or external requests', () => {
    const broad = [
      'auth/drive',
      'auth/drive.readonly',
      'auth/spreadsheets',
      'auth/script.external_request',
      'auth/gmail.send',
      'https://mail.google.com/',
    ];
    for (const scope of manifest.oauthScopes) for (const b of broad) expect(scope.endsWith(b)).toBe(false);
  });

  test('every scope it asks for is explained in README', () => {
    for (const scope of manifest.oauthScopes) expect(readme).toContain(`\`${scope.replace('https://www.googleapis.com/auth/', '')}\``);
  });
});
