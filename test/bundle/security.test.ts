/**
 * §21 16①(c), 16⑥: the bundle reaches no outside server; the manifest asks only for the narrow scopes
 * the functions need, each explained in README; a reminder mail carries IDs of the mail-safe shape only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sample from '../../sheets-templates/sample.json';
import { SAMPLE_AS_OF, sheetRows } from '../support/sampleSheets';
import { withFreeTextIds } from '../support/sampleTables';
import { BUILD_DIR, loadBundle, setClock } from './loadBundle';

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

describe('reminder mail carries no free text typed into an ID cell (§21 16⑥)', () => {
  type SampleRow = Record<string, string | number | boolean>;
  const tabs = sample.tabs as unknown as Record<string, SampleRow[]>;
  const yearEnd = sample.yearEnd.append as unknown as Record<string, SampleRow[]>;

  /** The year-end sample with a company's name typed into an ID of each kind that is mailed. */
  function sheets(): Record<string, unknown[][]> {
    const rows = (tab: string): SampleRow[] => [...(tabs[tab] ?? []), ...(yearEnd[tab] ?? [])].map(r => ({ ...r }));
    const all: Record<string, SampleRow[]> = Object.fromEntries(
      [...new Set([...Object.keys(tabs), ...Object.keys(yearEnd)])].map(t => [t, rows(t)])
    );
    withFreeTextIds(all);
    return Object.fromEntries(Object.entries(all).map(([t, r]) => [t, sheetRows(t, r)]));
  }

  test('sendReminders on the fakes: no mail holds the text, each item is named by tab and row', () => {
    const bodies: string[] = [];
    for (const day of [SAMPLE_AS_OF, sample.yearEnd.asOf]) {
      const { fake, app } = loadBundle({ sheets: sheets(), userEmail: 'nao.mikami@example.co.jp', uiAvailable: false });
      setClock(app, `${day}T08:05:00+09:00`);
      fake.simulateTimeTrigger(app.sendReminders as never);
      expect(fake.sentMail.length).toBeGreaterThan(0);
      bodies.push(...fake.sentMail.map(m => `${m.subject}\n${m.body}`));
    }
    const all = bodies.join('\n');
    expect(all).not.toContain('青森水産');
    expect(all).toContain('・案件台帳 2行目　期限 2024-12-03');
    expect(all).toContain('・会議登録簿 16行目　期限 2024-12-03');
    expect(all).toContain('・PD評価 4行目');
  });
});
