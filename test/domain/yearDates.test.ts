/**
 * Dates of the year's obligations that cannot be right: done after today, out of order within a row, a 対象月
 * outside the months the PD reports on or given twice, an evaluation after its deadline, 設定 dates and 年度
 * that contradict the programme period. Each edit of the sample is a finding at the edited cell, never a
 * figure that changes without a word.
 */
import { buildAnnualReport } from '../../src/domain/annualReport/model';
import { check } from '../../src/domain/check';
import type { Finding } from '../../src/domain/findings';
import type { ReadResult } from '../../src/domain/ledgerReader';
import { readSampleBook, rowAt, SAMPLE_AS_OF, type SampleTabs, type SampleValue } from '../support/sampleTables';

const TODAY = '2024-12-09';

/** Findings of the sample at TODAY that the unedited sample does not have, as 'tab row column code severity'. */
function newFindings(read: ReadResult, today = TODAY): string[] {
  const key = (f: Finding) => `${f.sheet} ${f.row ?? '-'} ${f.column ?? '-'} ${f.code} ${f.severity}`;
  const before = new Set(check(readSampleBook(), today).findings.map(key));
  return check(read, today)
    .findings.map(key)
    .filter(k => !before.has(k));
}
const setCell = (tab: string, row: number, column: string, value: SampleValue) => (tabs: SampleTabs) => {
  rowAt(tabs, tab, row)[column] = value;
};
const setSetting = (name: string, value: SampleValue | null) => (tabs: SampleTabs) => {
  const row = (tabs.設定 ?? []).find(r => r.項目 === name);
  if (!row) throw new Error(`no setting ${name}`);
  if (value === null) delete row.値;
  else row.値 = value;
};
const edited = (change: (tabs: SampleTabs) => void): ReadResult => readSampleBook({ change });

describe('a date that records something done, typed after today, is recorded-in-future at its cell', () => {
  test.each([
    ['PD月次報告', 6, '受領日', '2024-12-20'],
    ['PD月次報告', 6, '庁提出日', '2024-12-20'],
    ['PD評価', 2, '庁報告日', '2025-01-22'],
    ['PD評価', 2, '聴取日', '2024-12-12'],
    ['転載許可', 2, '許可日', '2024-12-19'],
    ['効果検証', 2, '測定日', '2024-12-20'],
  ])('%s row %i %s = %s', (tab, row, column, date) => {
    expect(newFindings(edited(setCell(tab, row, column, date)))).toContain(`${tab} ${row} ${column} recorded-in-future error`);
  });

  test('and what it records has not happened yet: it closes no gap and stops no reminder', () => {
    // November's report "received" 12-20, on 12-09: still overdue (due 12-06).
    expect(newFindings(edited(setCell('PD月次報告', 6, '受領日', '2024-12-20')))).toContain(
      'PD月次報告 6 受領日 pd-monthly-report-missing error'
    );
    // A permission "granted" 12-19 is still pending on 12-09.
    expect(newFindings(edited(setCell('転載許可', 2, '許可日', '2024-12-19')))).toContain(
      '転載許可 2 許可日 reprint-permission-pending warning'
    );
    // E-01 "reported" on 2025-01-22 is not reported yet on 12-09.
    expect(newFindings(edited(setCell('PD評価', 2, '庁報告日', '2025-01-22')))).toContain(
      'PD評価 2 庁報告日 pd-evaluation-not-reported warning'
    );
  });

  test('a write-up (採録記事) dated after today is; an announcement scheduled ahead is not', () => {
    const coverage = edited(tabs => {
      tabs.広報記録?.push({ 掲載日: '2024-12-20', 種類: '採録記事', 媒体区分: '新聞', 会議ID: 'M-011' });
    });
    expect(newFindings(coverage)).toContain('広報記録 6 掲載日 recorded-in-future error');
    const announcement = edited(tabs => {
      tabs.広報記録?.push({ 掲載日: '2025-02-10', 種類: '開催案内', 媒体区分: '新聞', 会議ID: 'M-020' });
    });
    expect(newFindings(announcement).filter(f => f.includes('recorded-in-future'))).toEqual([]);
  });

  test('設定 評価基準承認日 and PD年間計画受領日 after today', () => {
    expect(newFindings(edited(setSetting('評価基準承認日', '2024-12-24')))).toContain('設定 21 値 recorded-in-future error');
    expect(newFindings(edited(setSetting('PD年間計画受領日', '2025-01-06')))).toContain('設定 22 値 recorded-in-future error');
  });
});

test('the year-end workbook on 2025-03-03: a write-up or a measurement dated 03-20 closes nothing in the readiness', () => {
  const asOf = '2025-03-03';
  const readiness = (read: ReadResult) => buildAnnualReport(read, check(read, asOf), asOf, 'sample').readiness;
  const base = readiness(readSampleBook({ yearEnd: true }));
  const later = readiness(
    readSampleBook({
      yearEnd: true,
      change: tabs => {
        tabs.広報記録?.push({ 掲載日: '2025-03-20', 種類: '採録記事', 媒体区分: '新聞', 媒体名: 'あおもり日報', 会議ID: 'M-020' });
        Object.assign(rowAt(tabs, '効果検証', 8), { 実績値: 900, 測定日: '2025-03-20' });
      },
    })
  );
  expect(later.complete).toBe(base.complete);
  expect(later.missing.map(m => m.what)).toEqual(base.missing.map(m => m.what));
});

describe('dates of one row out of order are dates-out-of-order at the later date', () => {
  test.each([
    ['PD月次報告', 5, '庁提出日', '2024-11-01', 'PD月次報告 5 庁提出日'],
    ['PD評価', 2, '庁報告日', '2024-11-10', 'PD評価 2 庁報告日'],
    ['PD評価', 2, '聴取日', '2024-11-20', 'PD評価 2 評価日'],
    ['転載許可', 2, '許可日', '2024-11-01', '転載許可 2 許可日'],
  ])('%s row %i %s = %s', (tab, row, column, date, at) => {
    expect(newFindings(edited(setCell(tab, row, column, date)))).toEqual([`${at} dates-out-of-order error`]);
  });

  test('庁相談日 before 評価日 for a low grade', () => {
    const read = edited(tabs => {
      Object.assign(rowAt(tabs, 'PD評価', 2), { 総合評価: 'C', 庁相談日: '2024-11-01' });
    });
    expect(newFindings(read)).toEqual(['PD評価 2 庁相談日 dates-out-of-order error']);
  });
});

describe('PD月次報告 対象月', () => {
  test.each(['2023年11月', '2025-11', '2024-06'])('%s (not a month the PD reports on) is a warning at the cell, not passed over', month => {
    const found = newFindings(edited(setCell('PD月次報告', 6, '対象月', month)));
    expect(found).toContain('PD月次報告 6 対象月 outside-programme-period warning');
    const message = check(edited(setCell('PD月次報告', 6, '対象月', month)), TODAY).findings.find(
      f => f.code === 'outside-programme-period' && f.sheet === 'PD月次報告'
    )?.message;
    expect(message).toContain('2024年7月〜2025年3月');
  });

  test('a second row for a month is duplicate-month at that row', () => {
    const read = edited(tabs => {
      tabs.PD月次報告?.push({ 対象月: '2024-10', 受領日: '2024-11-20', 文書URL: 'https://share.example.co.jp/aomori/pd-monthly/2024-10b' });
    });
    expect(newFindings(read)).toEqual(['PD月次報告 7 対象月 duplicate-month error']);
  });
});

describe('設定 dates and 年度 against the programme period (事業開始日 2024-06-03 .. 事業終了日 2025-03-31)', () => {
  test.each([
    ['PD評価期限', '2025-04-30', 24],
    ['成果発表会開始日', '2025-12-01', 25],
    ['納入期限', '2024-03-31', 26],
  ])('%s %s is invalid-setting at its row', (name, date, row) => {
    expect(newFindings(edited(setSetting(name, date)), SAMPLE_AS_OF)).toContain(`設定 ${row} 値 invalid-setting error`);
  });

  test.each([2023, 2025])('年度 %i (事業開始日 is in FY2024) is invalid-setting; blank is not', year => {
    expect(newFindings(edited(setSetting('年度', year)), SAMPLE_AS_OF)).toEqual(['設定 20 値 invalid-setting error']);
    expect(newFindings(edited(setSetting('年度', null)), SAMPLE_AS_OF)).toEqual([]);
  });
});

describe('a blank 事業終了日 is the end of 事業開始日’s fiscal year, and said', () => {
  test('FY2025 workbook (事業開始日 2025-06-02) with 事業終了日 blank: 2026-03-31, a warning at the cell, no false period error', () => {
    const read = edited(tabs => {
      setSetting('事業開始日', '2025-06-02')(tabs);
      setSetting('事業終了日', null)(tabs);
      setSetting('PD派遣開始日', '2025-07-01')(tabs);
      setSetting('年度', 2025)(tabs);
    });
    expect(read.ledger.settings.programmeEnd).toBe('2026-03-31');
    const settingsFindings = check(read, '2025-07-15').findings.filter(f => f.sheet === '設定');
    expect(settingsFindings.filter(f => f.row === 3)).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'invalid-setting', message: expect.stringContaining('2026-03-31を使います') }),
    ]);
    expect(settingsFindings.filter(f => f.message.includes('より後です'))).toEqual([]);
  });

  test('its row deleted: the same date, said on the tab', () => {
    const read = edited(tabs => {
      tabs.設定 = (tabs.設定 ?? []).filter(r => r.項目 !== '事業終了日');
    });
    expect(read.ledger.settings.programmeEnd).toBe('2025-03-31');
    expect(
      check(read, SAMPLE_AS_OF)
        .findings.filter(f => f.sheet === '設定' && f.row === null)
        .map(f => f.message)
    ).toEqual([expect.stringContaining('「事業終了日」がありません')]);
  });
});

test('an evaluation done only after PD評価期限 is pd-evaluation-late (a warning) at its 評価日', () => {
  const read = edited(tabs => {
    Object.assign(rowAt(tabs, 'PD評価', 2), { 評価日: '2025-03-10', 聴取日: '2025-03-05', 庁報告日: '2025-03-14' });
  });
  expect(newFindings(read, '2025-03-20')).toContain('PD評価 2 評価日 pd-evaluation-late warning');
  expect(newFindings(readSampleBook(), '2025-03-20')).not.toContain('PD評価 2 評価日 pd-evaluation-late warning');
});

test('a low grade typed for an evaluation still ahead is not yet a consultation to ask for', () => {
  const read = edited(tabs => {
    Object.assign(rowAt(tabs, 'PD評価', 2), { 評価日: '2024-12-20', 総合評価: 'C', 聴取日: '', 庁報告日: '' });
  });
  expect(newFindings(read).filter(f => f.includes('pd-evaluation-low-without-consultation'))).toEqual([]);
  expect(newFindings(read, '2024-12-23')).toContain('PD評価 2 庁相談日 pd-evaluation-low-without-consultation error');
});

test('PD派遣開始日 before 事業開始日: no report is asked for months before the programme', () => {
  const read = edited(setSetting('PD派遣開始日', '2024-05-01'));
  const missing = check(read, SAMPLE_AS_OF).findings.filter(f => f.code === 'pd-monthly-report-missing');
  expect(missing.map(f => f.message)).toEqual([expect.stringContaining('2024年6月分')]);
});
