/**
 * The year's obligations on the sample workbook (sheets-templates/SAMPLE.md "The year's obligations"): clean on
 * its asOf day, the planted problems of the year-end workbook at their rows, and the variants, each as worked out
 * there by hand.
 */
import { calendarOf, check } from '../../src/domain/check';
import { addDays } from '../../src/domain/dates';
import type { ReadResult } from '../../src/domain/ledgerReader';
import { planReminders, YEAR_REMINDER_ROLES } from '../../src/domain/reminders/plan';
import { YEAR_OBLIGATION_CODES } from '../../src/domain/report/actionItems';
import { buildReportModel } from '../../src/domain/report/model';
import { YEAR_END_PLANTED } from '../support/sampleExpectations';
import {
  earlyPresentationNoEvaluation,
  readSampleBook,
  rowAt,
  SAMPLE_AS_OF,
  type SampleTabs,
  YEAR_END_AS_OF,
} from '../support/sampleTables';

const where = (read: ReadResult, today: string): string[] =>
  check(read, today)
    .findings.filter(f => YEAR_OBLIGATION_CODES.has(f.code))
    .map(f => `${f.sheet} ${f.row ?? '-'} ${f.column ?? '-'} ${f.code} ${f.severity}`)
    .sort();

const YEAR_KINDS = new Set(Object.keys(YEAR_REMINDER_ROLES));
/** The new kinds' items of a day, as 'kind ref due → addresses'. */
function yearReminders(read: ReadResult, today: string): string[] {
  const plan = planReminders(read, check(read, today), today, calendarOf(read));
  const to = new Map<string, string[]>();
  for (const d of plan.digests)
    for (const i of d.items.filter(x => YEAR_KINDS.has(x.kind))) {
      const key = `${i.kind} ${i.ref} ${i.due ?? '-'}`;
      to.set(key, [...(to.get(key) ?? []), d.name].sort());
    }
  return [...to].map(([k, names]) => `${k} → ${names.join('、')}`).sort();
}

const base = readSampleBook();

describe('the sample on its asOf day: the new tabs are clean', () => {
  test('check finds nothing of the year’s obligations, and still exactly the sample’s 5 errors and 2 warnings', () => {
    expect(where(base, SAMPLE_AS_OF)).toEqual([]);
    const result = check(base, SAMPLE_AS_OF);
    expect(result.findings.filter(f => f.severity === 'error')).toHaveLength(5);
    expect(result.findings.filter(f => f.severity === 'warning')).toHaveLength(2);
  });

  test('the new tabs are read in full: 5 PD reports, 1 evaluation, 12 effect rows, 3 know-how, 4 publicity, 1 permission, 3 narrative', () => {
    const { ledger } = base;
    expect(
      [ledger.pdReports, ledger.pdEvaluations, ledger.effects, ledger.knowhow, ledger.publicity, ledger.permissions, ledger.narrative].map(
        r => r.length
      )
    ).toEqual([5, 1, 12, 3, 4, 1, 3]);
    expect(ledger.pdReports.map(r => r.month)).toEqual(['2024-07', '2024-08', '2024-09', '2024-10', '2024-11']);
    expect(ledger.effects.find(e => e.rowNumber === 7)).toMatchObject({ baseline: 4, actual: 12 });
    expect(ledger.effects.find(e => e.rowNumber === 5)).toMatchObject({ baseline: 12000, target: 13200, actual: null });
    expect(ledger.settings).toMatchObject({
      fiscalYear: 2024,
      evaluationCriteriaApprovedOn: '2024-10-15',
      pdEvaluationDue: null,
      presentationEarliest: '2024-12-01',
    });
  });

  test('nothing new is due on any day from asOf to December’s report deadline (2025-01-10)', () => {
    for (let d = SAMPLE_AS_OF; d <= '2025-01-10'; d = addDays(d, 1)) {
      expect(where(base, d)).toEqual([]);
      expect(yearReminders(base, d)).toEqual([]);
    }
  });

  test('December (no row) is flagged from 01-11, on the tab', () => {
    expect(where(base, '2025-01-11')).toEqual(['PD月次報告 - 対象月 pd-monthly-report-missing error']);
  });
});

describe('a month with no PD report is flagged only after its deadline (5 business days after month end, 祝日 included)', () => {
  const without = (row: number): ReadResult =>
    readSampleBook({
      change: tabs => {
        delete rowAt(tabs, 'PD月次報告', row).受領日;
      },
    });

  test('November (row 6) without 受領日: not on 12-02 nor 12-06, flagged from 12-07', () => {
    const read = without(6);
    expect(where(read, '2024-12-02')).toEqual([]);
    expect(where(read, '2024-12-06')).toEqual([]);
    expect(where(read, '2024-12-07')).toEqual(['PD月次報告 6 受領日 pd-monthly-report-missing error']);
    expect(where(read, '2024-12-09')).toEqual(['PD月次報告 6 受領日 pd-monthly-report-missing error']);
  });

  test('October (row 5) without 受領日: due 11-08 because 11-04 振替休日 is no business day', () => {
    const read = without(5);
    // Earlier than the sample's own later records (a permission granted 11-19): only the reports are looked at here.
    const reports = (today: string) => where(read, today).filter(f => f.includes('pd-monthly-report-missing'));
    expect(reports('2024-11-07')).toEqual([]);
    expect(reports('2024-11-08')).toEqual([]);
    expect(reports('2024-11-09')).toEqual(['PD月次報告 5 受領日 pd-monthly-report-missing error']);
  });
});

describe('secretariat-roles on the sample fires when a 事業担当者 is deactivated, and not otherwise', () => {
  const deactivate = (row: number) => (tabs: SampleTabs) => {
    rowAt(tabs, '情報取扱者名簿', row).有効 = false;
  };

  test('as it is (福士 亮 already inactive): silent', () => {
    expect(check(base, SAMPLE_AS_OF).findings.filter(f => f.code === 'secretariat-roles')).toEqual([]);
  });

  test.each([
    [4, '成田 健太'],
    [5, '葛西 美咲'],
  ])('with row %i (%s) inactive: one error on 情報取扱者名簿 「役割」', (row, name) => {
    const read = readSampleBook({ change: deactivate(row) });
    const found = check(read, SAMPLE_AS_OF).findings.filter(f => f.code === 'secretariat-roles');
    expect(found.map(f => [f.sheet, f.row, f.column, f.severity])).toEqual([['情報取扱者名簿', null, '役割', 'error']]);
    expect(found[0]?.message).toContain(`${row}行目 ${name}`);
  });

  test('deactivating the 事業担当リーダー or the 事業PD fires too; a PDチーム member does not', () => {
    expect(
      check(readSampleBook({ change: deactivate(3) }), SAMPLE_AS_OF).findings.filter(f => f.code === 'secretariat-roles')
    ).toHaveLength(1);
    expect(
      check(readSampleBook({ change: deactivate(6) }), SAMPLE_AS_OF).findings.filter(f => f.code === 'secretariat-roles')
    ).toHaveLength(1);
    expect(
      check(readSampleBook({ change: deactivate(7) }), SAMPLE_AS_OF).findings.filter(f => f.code === 'secretariat-roles')
    ).toHaveLength(0);
  });
});

describe('a 成果発表会 on 2024-11-29 is flagged presentation-too-early (成果発表会開始日 2024-12-01)', () => {
  test('M-020 moved to 2024-11-29, at asOf: too early in 開催日; held without announcement; no write-up yet (a warning)', () => {
    const read = readSampleBook({
      change: tabs => {
        rowAt(tabs, '会議登録簿', 21).開催日 = '2024-11-29';
      },
    });
    expect(where(read, SAMPLE_AS_OF)).toEqual([
      '会議登録簿 21 会議ID presentation-no-announcement error',
      '会議登録簿 21 会議ID presentation-no-coverage warning',
      '会議登録簿 21 開催日 presentation-too-early error',
    ]);
  });
});

describe('the year-end workbook on 2025-03-03 (SAMPLE.md "The year-end workbook")', () => {
  const yearEnd = readSampleBook({ yearEnd: true });

  test('every planted problem at its row, and nothing else of the year’s obligations', () => {
    expect(where(yearEnd, YEAR_END_AS_OF)).toEqual(YEAR_END_PLANTED);
  });

  test('the message of E-02 names the clause, the evaluation and what to type', () => {
    const message = check(yearEnd, YEAR_END_AS_OF).findings.find(f => f.code === 'pd-evaluation-low-without-consultation')?.message;
    expect(message).toContain(
      '総合評価がCの評価（E-02）は庁担当者への相談が必要です（仕様書5.6(2)）。相談した日を庁相談日に入力してください。'
    );
  });

  test('reminders of the new kinds reach only the roles README gives them', () => {
    expect(yearReminders(yearEnd, YEAR_END_AS_OF)).toEqual(
      [
        'pd-report-overdue 2025-01 2025-02-07 → 三上 奈緒、佐々木 浩',
        'pd-evaluation-unreported E-03 - → 原田 智子、工藤 誠一',
        'presentation-coverage-missing M-020 - → 三上 奈緒',
        'reprint-permission-pending 転載許可!R3 2025-03-31 → 成田 健太、葛西 美咲',
      ].sort()
    );
  });

  test('the February report’s 要対応事項 list the year’s obligations; the sample’s November report does not', () => {
    const model = buildReportModel(yearEnd, check(yearEnd, YEAR_END_AS_OF), '2025-02', YEAR_END_AS_OF, 'sample');
    const item = model.actions.find(a => a.kind === 'year-obligations');
    expect(item?.detail).toContain('転載許可3行目');
    expect(item?.detail).toContain('PD評価4行目');
    expect(model.obligations).toHaveLength(10);
    const november = buildReportModel(base, check(base, SAMPLE_AS_OF), '2024-11', SAMPLE_AS_OF, 'sample');
    expect(november.actions.map(a => a.kind)).not.toContain('year-obligations');
  });
});

describe('variant "early presentation, no evaluation" on 2025-01-29', () => {
  const read = readSampleBook({ change: earlyPresentationNoEvaluation });

  test('too early, no announcement, no write-up yet, no evaluation within 30 days of 02-28, December’s report', () => {
    expect(where(read, '2025-01-29')).toEqual(
      [
        '会議登録簿 21 開催日 presentation-too-early error',
        '会議登録簿 21 会議ID presentation-no-announcement error',
        '会議登録簿 21 会議ID presentation-no-coverage warning',
        'PD評価 - - pd-evaluation-missing warning',
        'PD月次報告 - 対象月 pd-monthly-report-missing error',
      ].sort()
    );
    expect(where(read, '2025-01-28')).not.toContain('PD評価 - - pd-evaluation-missing warning');
  });

  test('reminders: the evaluation to 工藤 誠一 and 三上 奈緒, the write-up to 三上 奈緒, December’s report to the PD and 三上 奈緒', () => {
    expect(yearReminders(read, '2025-01-29')).toEqual(
      [
        'pd-evaluation-due PD評価 2025-02-28 → 三上 奈緒、工藤 誠一',
        'presentation-coverage-missing M-020 - → 三上 奈緒',
        'pd-report-overdue 2024-12 2025-01-10 → 三上 奈緒、佐々木 浩',
      ].sort()
    );
    expect(yearReminders(read, '2025-01-28').some(r => r.startsWith('pd-evaluation-due'))).toBe(false);
  });
});

describe('the presentation announcement reminder: 14 days ahead, to the 事業担当リーダー', () => {
  test('M-020 (02-21) without 開催案内 in 新聞 or テレビ: from 02-07, not on 02-06', () => {
    expect(yearReminders(base, '2025-02-06').filter(r => r.startsWith('presentation'))).toEqual([]);
    expect(yearReminders(base, '2025-02-07').filter(r => r.startsWith('presentation'))).toEqual([
      'presentation-announcement-due M-020 2025-02-21 → 三上 奈緒',
    ]);
    expect(yearReminders(base, '2025-02-20').filter(r => r.startsWith('presentation'))).toEqual([
      'presentation-announcement-due M-020 2025-02-21 → 三上 奈緒',
    ]);
  });
});

describe('a workbook made before the year’s obligations keeps working', () => {
  const LATER_TABS = ['PD月次報告', 'PD評価', '効果検証', '知見・ノウハウ', '広報記録', '転載許可', '報告書本文'];
  const older = readSampleBook({ without: LATER_TABS });

  test('the new tabs are reported missing once each, as warnings; no rule that needs them says anything', () => {
    const result = check(older, YEAR_END_AS_OF);
    expect(result.findings.filter(f => f.code === 'missing-tab').map(f => [f.sheet, f.severity])).toEqual(
      LATER_TABS.map(t => [t, 'warning'])
    );
    expect(result.findings.find(f => f.code === 'missing-tab')?.message).toContain('chizai-desk upgrade');
    // M-020 (held 02-21) has no 広報記録 to be judged by; secretariat-roles needs only 情報取扱者名簿.
    expect(where(older, YEAR_END_AS_OF)).toEqual([]);
    expect(yearReminders(older, YEAR_END_AS_OF)).toEqual([]);
  });
});
