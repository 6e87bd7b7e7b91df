/**
 * The monthly report's figures (DESIGN.md `report --json`) against hand-computed values:
 * the sample workbook for 2024-11 (sheets-templates/SAMPLE.md "Figures for reportMonth 2024-11") and a
 * second, small workbook built here whose every figure is worked out in the comments.
 */
import { contract } from '../../../sheets-templates/contract';
import sample from '../../../sheets-templates/sample.json';
import { check } from '../../../src/domain/check';
import type { ReadResult } from '../../../src/domain/ledgerReader';
import { readLedger } from '../../../src/domain/ledgerReader';
import type { Cell, RawTable } from '../../../src/domain/rawTable';
import { roughDateJa } from '../../../src/domain/report/figures';
import {
  buildReportModel,
  type CaseFigures,
  type ExpertFigures,
  type MeetingFigures,
  type PdFigures,
  type ReportModel,
} from '../../../src/domain/report/model';
import { type Book, caseRow, dateCell, expertRow, meetingRow, pdRow, readBook } from '../rules/book';

// ---- the sample workbook, as an adapter hands it over ---------------------------------------------

const DATE_SETTINGS = new Set<string>(contract.settings.filter(s => s.type === 'date').map(s => s.name));

/** sample.json as RawTables: dates in date columns (and date settings) become real date cells. */
function sampleTables(): Map<string, RawTable> {
  const tabs = sample.tabs as unknown as Record<string, Record<string, string | number | boolean>[]>;
  const tables = new Map<string, RawTable>();
  for (const tab of contract.tabs) {
    const header = tab.columns.map(c => c.header);
    const dateColumns = new Set<string>(tab.columns.filter(c => c.type === 'date').map(c => c.header));
    const rows = (tabs[tab.name] ?? []).map((row, i) => ({
      rowNumber: i + 2,
      cells: header.map((h): Cell => {
        const v = row[h];
        if (v === undefined) return null;
        const isDate = dateColumns.has(h) || (h === '値' && DATE_SETTINGS.has(String(row.項目)));
        return isDate && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateCell(v) : v;
      }),
    }));
    tables.set(tab.name, { name: tab.name, header, rows });
  }
  return tables;
}

const SAMPLE_READ: ReadResult = readLedger(sampleTables());
/** The model with every section known (these workbooks have every tab and column); throws otherwise. */
type KnownModel = Omit<ReportModel, 'pd' | 'experts' | 'cases' | 'meetings'> & {
  readonly pd: PdFigures;
  readonly experts: ExpertFigures;
  readonly cases: CaseFigures;
  readonly meetings: MeetingFigures;
};
function known(m: ReportModel): KnownModel {
  for (const s of [m.pd, m.experts, m.cases, m.meetings]) if (s.unknown !== null) throw new Error(s.unknown);
  return m as KnownModel;
}
const modelOf = (read: ReadResult, month: string, asOf: string): KnownModel =>
  known(buildReportModel(read, check(read, asOf), month, asOf, 'book.xlsx'));
const sampleModel = (month = sample.reportMonth): KnownModel => modelOf(SAMPLE_READ, month, sample.asOf);

describe('report figures on the sample workbook for 2024-11 (SAMPLE.md "Figures for reportMonth 2024-11")', () => {
  const m = sampleModel();

  test('PD: 36 h on 7 distinct days this month; 145.5 h on 25 days to date of 280 h / 40 days (§10(2),(3))', () => {
    expect(m.pd).toMatchObject({
      hoursThisMonth: 36,
      daysThisMonth: 7,
      hoursToDate: 145.5,
      daysToDate: 25,
      budgetHours: 280,
      budgetDays: 40,
    });
  });

  test('PD travel: 87,600 yen this month, 314,400 yen to date', () => {
    expect([m.pd.travelThisMonth, m.pd.travelToDate]).toEqual([87_600, 314_400]);
  });

  test('experts: 2 uses this month against the cap of 2 (the 中止 of 11-15 not counted), 8 to date against 18 (§12)', () => {
    expect(m.experts).toMatchObject({ usesThisMonth: 2, monthlyCap: 2, usesToDate: 8, budgetUses: 18, cancelledThisMonth: 1 });
  });

  test('experts: November honoraria 65,000 yen and travel 40,000 yen', () => {
    expect([m.experts.feesThisMonth, m.experts.travelThisMonth]).toEqual([65_000, 40_000]);
  });

  test('cases: 5 supported (支援中/出口戦略/完了) against the target of 5 (§4)', () => {
    expect(m.cases).toMatchObject({ supported: 5, target: 5 });
    expect(m.cases.list.filter(c => c.supported).map(c => c.id)).toEqual(['C-001', 'C-002', 'C-003', 'C-004', 'C-005']);
  });

  test('meetings held in 2024-11 by 種別, every 種別 present (6 in all)', () => {
    expect(m.meetings.heldThisMonth).toEqual({
      地域連携会議: 0,
      支援検討会: 1,
      研修会: 1,
      PDチーム内会議: 2,
      月次連絡会: 1,
      成果発表会: 0,
      その他: 1,
    });
    expect(m.meetings.list.map(x => x.id)).toEqual(['M-011', 'M-012', 'M-013', 'M-014', 'M-015', 'M-016']);
  });

  test('地域連携会議: 2 to date (M-003, M-010) against at least 3; the 3rd (M-019) is scheduled, so on track (§6)', () => {
    expect(m.meetings).toMatchObject({ liaisonCouncilsToDate: 2, liaisonTarget: 3, liaisonOnTrack: true });
    expect(m.meetings.liaisonCouncilsScheduled).toEqual([{ id: 'M-019', date: '2025-01-29' }]);
  });

  test('the first 地域連携会議 was held in July (M-003), as §6 wishes', () => {
    expect(m.meetings.liaisonInJuly).toEqual({ month: '2024-07', held: true, ids: ['M-003'] });
  });

  test('minutes overdue at month end: 1 (M-014, due 11-27); M-015 is due 12-03, not yet overdue on 11-30', () => {
    expect(m.meetings.minutesOverdueAtMonthEnd).toBe(1);
    expect(m.meetings.minutesOverdue.map(x => x.id)).toEqual(['M-014']);
    expect(m.meetings.minutesOverdueAsOf).toBe('2024-11-30');
  });

  test('minutes statuses in the month are those of check as of asOf (SAMPLE.md meetings table)', () => {
    expect(m.meetings.list.map(x => [x.id, x.status])).toEqual([
      ['M-011', 'shared'],
      ['M-012', 'shared'],
      ['M-013', 'no-deadline'],
      ['M-014', 'overdue'],
      ['M-015', 'due-soon'],
      ['M-016', 'pending'],
    ]);
  });

  test('this month’s 月次連絡会 was held (M-015) and 支援検討会/研修会 met twice (§5.5(2), §13(2))', () => {
    expect(m.meetings).toMatchObject({ monthlyLiaisonHeld: true, monthlyLiaisonIds: ['M-015'], reviewOrTrainingThisMonth: 2 });
  });

  test('the cadence runs month by month from PD派遣開始日; July had no 支援検討会/研修会', () => {
    expect(m.meetings.cadence.map(c => [c.month, c.reviews + c.trainings, c.monthlyLiaisons])).toEqual([
      ['2024-07', 0, 1],
      ['2024-08', 1, 1],
      ['2024-09', 1, 1],
      ['2024-10', 1, 1],
      ['2024-11', 2, 1],
    ]);
  });

  test('PD hours under a 案件ID missing from 案件台帳 (C-009, row 44) stay out of the per-case figures and are named', () => {
    expect(m.cases.unknownCaseHours).toEqual([{ caseId: 'C-009', hours: 4.5, rows: [44] }]);
    expect(m.cases.list.reduce((a, c) => a + c.pdHoursThisMonth, 0)).toBe(36 - 4.5 - 12.5 - 3); // less the 会議 and 準備・報告 rows without a case
  });

  test('per case: this month’s PD and expert activity linked by 案件ID, next action and date', () => {
    const c001 = m.cases.list.find(c => c.id === 'C-001');
    expect(c001).toMatchObject({
      stage: '支援中',
      owner: '成田 健太',
      pdHoursThisMonth: 3.5,
      expertUsesThisMonth: 1,
      expertFieldsThisMonth: ['商談'],
      nextDue: '2024-12-03',
    });
    expect(m.cases.list.find(c => c.id === 'C-002')).toMatchObject({
      nextDue: '2024-11-28',
      nextDueOverdue: true,
      meetingsThisMonth: ['M-014'],
    });
  });

  test('要対応事項 name the planted conditions: overdue minutes, the October cap breach, C-004 without 事前検証日, open errors', () => {
    expect(m.actions.map(a => a.kind)).toEqual([
      'minutes-overdue',
      'minutes-due-soon',
      'expert-cap',
      'prevalidation',
      'prior-consultation',
      'next-action-overdue',
      'validation-errors',
    ]);
    expect(m.experts.capBreaches).toEqual([{ month: '2024-10', uses: 3 }]);
    expect(m.actions.find(a => a.kind === 'prevalidation')?.detail).toContain('C-004');
    expect(m.findings.errors).toBe(5);
  });

  test('the PD pace since 2024-07-01 is about 95% of one day a week; at that pace about 19 h would be left on 2025-03-31', () => {
    // 07-01..11-30 = 153 days = 21.86 weeks; 21.86 × 7 = 153 h expected; 145.5 / 153 = 0.95.
    // 145.5 h / 153 days × 121 days to 2025-03-31 = 115.07 h more: 260.6 h, leaving 19.4 h.
    expect(m.pd.pace).toMatchObject({
      since: '2024-07-01',
      weeksElapsed: 21.9,
      expectedHours: 153,
      paceRatio: 0.95,
      forecast: 'lasts-to-end',
      projectedHoursAtEnd: 260.6,
      atRisk: false,
    });
    expect(m.pd.pace.summary).toContain('約19.4時間');
  });

  test.each([
    // SAMPLE.md "Earlier months": hours, days, travel; expert uses per month.
    ['2024-07', 34, 6, 63_440, 0],
    ['2024-08', 20.5, 3, 49_960, 2],
    ['2024-09', 23.5, 4, 40_960, 1],
    ['2024-10', 31.5, 5, 72_440, 3],
    ['2024-12', 0, 0, 0, 2],
  ])('month %s: %d PD hours on %d days, %d yen travel, %d expert uses (SAMPLE.md)', (month, hours, days, travel, uses) => {
    const x = sampleModel(month);
    expect([x.pd.hoursThisMonth, x.pd.daysThisMonth, x.pd.travelThisMonth, x.experts.usesThisMonth]).toEqual([hours, days, travel, uses]);
  });

  test('the JSON has the contract’s fields (DESIGN.md `report --json`) with the sample’s values', () => {
    const json = JSON.parse(JSON.stringify(m)) as Record<string, Record<string, unknown>>;
    expect(json.month).toBe('2024-11');
    expect(json.pd).toMatchObject({ hoursThisMonth: 36, daysThisMonth: 7, hoursToDate: 145.5, budgetHours: 280, budgetDays: 40 });
    expect(json.experts).toMatchObject({ usesThisMonth: 2, monthlyCap: 2, usesToDate: 8, budgetUses: 18 });
    expect(json.cases).toMatchObject({ supported: 5, target: 5 });
    expect(json.meetings).toMatchObject({ liaisonCouncilsToDate: 2, liaisonTarget: 3, minutesOverdueAtMonthEnd: 1 });
    expect(Object.keys(json.meetings?.heldThisMonth as object)).toEqual([...contract.choices.種別]);
  });

  test('a month that is not YYYY-MM is a programming error (callers validate what people type)', () => {
    expect(() => sampleModel('2024-13')).toThrow(RangeError);
  });
});

// ---- a second workbook, every figure worked out by hand --------------------------------------------

/**
 * FY2025 (not the sample's year): programme 2025-04-01..2026-03-31, PD from 2025-06-02, budget 30 days of
 * 6 h = 180 h, experts at most 1 a month and 3 in all, at least 2 councils, 4 supported companies.
 * Report month 2025-07, data as of 2025-08-05 (Tue). 2025-07-21 is 海の日.
 */
const SECOND: Book = {
  設定: {
    事業開始日: dateCell('2025-04-01'),
    事業終了日: dateCell('2026-03-31'),
    PD派遣開始日: dateCell('2025-06-02'),
    PD予算日数: 30,
    PD標準時間: 6,
    専門家月上限: 1,
    専門家予算回数: 3,
    連携会議目標回数: 2,
    支援企業目標数: 4,
  },
  // June's PD report is in (due 2025-07-07); July's is due 08-07, after asOf.
  PD月次報告: [{ 対象月: '2025-06', 受領日: dateCell('2025-07-04') }],
  案件台帳: [
    caseRow('C-01', {
      段階: '支援中',
      担当: '成田 健太',
      事前検証日: dateCell('2025-06-01'),
      次回期日: dateCell('2025-08-01'),
      次回アクション: '出願方針の確認',
    }),
    caseRow('C-02', { 段階: '出口戦略', 担当: '三上 奈緒' }), // no 事前検証日
    caseRow('C-03', { 段階: '完了', 担当: '三上 奈緒', 事前検証日: dateCell('2025-05-20'), 次回期日: dateCell('2025-07-01') }), // done: a past date is not late
    caseRow('C-04', { 段階: '候補' }),
  ],
  PD稼働記録: [
    pdRow('2025-03-31', 2), // before 事業開始日: outside "to date"
    pdRow('2025-05-30', 2, { 区分: 'オフサイト' }), // before PD派遣開始日 but inside the programme: counts to date
    pdRow('2025-06-10', 6, { 区分: '現地', 活動内容: '伴走支援', 案件ID: 'C-01', 旅費: 10_000 }),
    pdRow('2025-07-01', 3, { 区分: '現地', 活動内容: '伴走支援', 案件ID: 'C-01', 旅費: 12_000 }),
    pdRow('2025-07-01', { serial: 3.5 / 24 }, { 活動内容: '会議', 会議ID: 'M-02' }), // 3:30 typed into a duration cell
    pdRow('2025-07-15', 2.5, { 活動内容: '連携強化' }),
    pdRow('2025-07-31', 1, { 区分: 'オフサイト', 活動内容: '伴走支援', 案件ID: 'C-99' }), // no such case
    pdRow('2025-08-01', 5, { 区分: '現地', 活動内容: '伴走支援', 案件ID: 'C-01' }), // next month
  ],
  専門家活用記録: [
    expertRow('2025-06-12', '実施済', { 専門分野: '海外展開', 事前協議日: dateCell('2025-06-01'), 謝金: 15_000, 旅費: 3_000 }),
    expertRow('2025-07-03', '実施済', {
      専門分野: 'ブランディング',
      案件ID: 'C-01',
      事前協議日: dateCell('2025-06-30'),
      謝金: 20_000,
      旅費: 5_000,
    }),
    expertRow('2025-07-20', '予定', { 専門分野: '商談', 案件ID: 'C-02', 謝金: 10_000 }), // left 予定, no 事前協議日: counts, 2nd in July
    expertRow('2025-07-25', '中止', { 専門分野: '資金調達', 謝金: 30_000 }),
    expertRow('2025-09-10', '予定', { 専門分野: '企業法務' }), // ahead, no 事前協議日 yet
  ],
  会議登録簿: [
    meetingRow('M-01', '地域連携会議', '2025-06-20', { 議事録共有日: dateCell('2025-06-27') }), // June, not July
    meetingRow('M-05', 'PDチーム内会議', '2025-06-05'), // due 06-12, never shared
    meetingRow('M-02', '月次連絡会', '2025-07-01', { 議事録共有日: dateCell('2025-07-08') }), // due 07-10
    meetingRow('M-07', 'その他', '2025-07-10'),
    meetingRow('M-03', '支援検討会', '2025-07-22', { 議事録共有日: dateCell('2025-08-01'), 関連案件: 'C-01,C-02' }), // due 07-29; late at month end
    meetingRow('M-04', '研修会', '2025-07-30'), // due 08-06
    meetingRow('M-08', '月次連絡会', '2025-08-20'),
    meetingRow('M-06', '地域連携会議', '2025-10-15'),
  ],
};
const SECOND_READ = readBook(SECOND);
const second = (month = '2025-07', asOf = '2025-08-05'): KnownModel => modelOf(SECOND_READ, month, asOf);

describe('report figures on a second, hand-computed workbook (FY2025, other budgets and caps)', () => {
  const m = second();

  test('PD this month: 3 + 3.5 (a 3:30 duration cell) + 2.5 + 1 = 10 h on 3 distinct days (07-01 counted once)', () => {
    expect(m.pd).toMatchObject({ hoursThisMonth: 10, daysThisMonth: 3 });
    expect(m.pd.byMode).toEqual([
      { mode: '現地', hours: 3, days: 1 },
      { mode: 'オンライン', hours: 6, days: 2 },
      { mode: 'オフサイト', hours: 1, days: 1 },
    ]);
    expect(m.pd.byActivity?.filter(a => a.hours > 0)).toEqual([
      { activity: '伴走支援', hours: 4 },
      { activity: '連携強化', hours: 2.5 },
      { activity: '会議', hours: 3.5 },
    ]);
  });

  test('PD to date runs from 事業開始日 (2025-04-01), not PD派遣開始日: 2 + 6 + 10 = 18 h on 5 days; budget 30 × 6 = 180 h', () => {
    expect(m.pd).toMatchObject({ hoursToDate: 18, daysToDate: 5, budgetHours: 180, budgetDays: 30, standardDaysToDate: 3 });
    expect([m.pd.travelThisMonth, m.pd.travelToDate]).toEqual([12_000, 22_000]);
  });

  test('PD pace: 18 h in 60 days since 06-02 is 35% of one 6-hour day a week; most of the budget would be left, so it is at risk', () => {
    // 06-02..07-31 = 60 days = 8.57 weeks; 8.57 × 6 = 51.4 h; 18 / 51.4 = 0.35; 18 / 8.57 = 2.1 h a week.
    // 0.3 h a day × 243 days to 2026-03-31 = 72.9 more: 90.9 h, 89.1 h left; 162 h over 34.7 weeks = 4.7 h a week.
    expect(m.pd.pace).toMatchObject({
      weeksElapsed: 8.6,
      expectedHours: 51.4,
      paceRatio: 0.35,
      hoursPerWeek: 2.1,
      forecast: 'lasts-to-end',
      projectedHoursAtEnd: 90.9,
      neededHoursPerWeek: 4.7,
      atRisk: true,
    });
    expect(m.pd.pace.summary).toMatch(/約89\.1時間.*週平均4\.7時間/);
  });

  test('experts: 2 uses in July (a stale 予定 counts, 中止 does not) against a cap of 1; 3 to date against 3; 1 more planned', () => {
    expect(m.experts).toMatchObject({
      usesThisMonth: 2,
      monthlyCap: 1,
      usesToDate: 3,
      budgetUses: 3,
      cancelledThisMonth: 1,
      plannedAfterMonth: 1,
    });
    expect(m.experts.capBreaches).toEqual([{ month: '2025-07', uses: 2 }]);
  });

  test('experts: fees 20,000 + 10,000 and travel 5,000 this month; 45,000 and 8,000 to date; fields in the contract’s order', () => {
    expect([m.experts.feesThisMonth, m.experts.travelThisMonth, m.experts.feesToDate, m.experts.travelToDate]).toEqual([
      30_000, 5_000, 45_000, 8_000,
    ]);
    expect(m.experts.byField).toEqual([
      { field: 'ブランディング', thisMonth: 1, toDate: 1 },
      { field: '海外展開', thisMonth: 0, toDate: 1 },
      { field: '商談', thisMonth: 1, toDate: 1 },
    ]);
  });

  test('experts without 事前協議 (§5.3(2)): the 07-20 use to date, and the 09-10 plan still ahead', () => {
    expect(m.experts.withoutPriorConsultation?.map(x => x.date)).toEqual(['2025-07-20']);
    expect(m.experts.upcomingWithoutPriorConsultation?.map(x => x.date)).toEqual(['2025-09-10']);
  });

  test('cases: 3 supported against a target of 4; C-01’s 次回期日 08-01 is past on 08-05, C-03’s is not late because it is 完了', () => {
    expect(m.cases).toMatchObject({ supported: 3, target: 4 });
    const byId = new Map(m.cases.list.map(c => [c.id, c]));
    expect(byId.get('C-01')).toMatchObject({
      pdHoursThisMonth: 3,
      pdDaysThisMonth: 1,
      expertUsesThisMonth: 1,
      meetingsThisMonth: ['M-03'],
      nextDueOverdue: true,
    });
    expect(byId.get('C-02')).toMatchObject({ expertUsesThisMonth: 1, expertFieldsThisMonth: ['商談'], meetingsThisMonth: ['M-03'] });
    expect(byId.get('C-03')?.nextDueOverdue).toBe(false);
    expect(m.cases.unknownCaseHours).toEqual([{ caseId: 'C-99', hours: 1, rows: [8] }]);
  });

  test('meetings held in July by 種別', () => {
    expect(m.meetings.heldThisMonth).toEqual({
      地域連携会議: 0,
      支援検討会: 1,
      研修会: 1,
      PDチーム内会議: 0,
      月次連絡会: 1,
      成果発表会: 0,
      その他: 1,
    });
    expect(m.meetings.heldThisMonthTotal).toBe(4);
  });

  test('minutes overdue at month end count minutes shared only afterwards: M-05 (due 06-12) and M-03 (due 07-29, shared 08-01)', () => {
    expect(m.meetings.minutesOverdue.map(x => [x.id, x.minutesDue])).toEqual([
      ['M-05', '2025-06-12'],
      ['M-03', '2025-07-29'],
    ]);
    expect(m.meetings.minutesOverdueAtMonthEnd).toBe(2);
    // As of asOf, M-03 shows what it is now: shared late.
    expect(m.meetings.list.find(x => x.id === 'M-03')?.status).toBe('shared-late');
    // M-04 (研修会 07-30, due 08-06) is due within 2 business days of 08-05.
    expect(m.meetings.minutesDueSoon.map(x => x.id)).toEqual(['M-04']);
  });

  test('the council held in June does not satisfy "one in July" of FY2025 (§6); 1 held + 1 scheduled reach the target of 2', () => {
    expect(m.meetings.liaisonInJuly).toEqual({ month: '2025-07', held: false, ids: [] });
    expect(m.meetings).toMatchObject({ liaisonCouncilsToDate: 1, liaisonTarget: 2, liaisonOnTrack: true });
  });

  test('the cadence starts with PD派遣開始日’s month: June had neither 支援検討会/研修会 nor 月次連絡会', () => {
    expect(m.meetings.cadence).toEqual([
      { month: '2025-06', reviews: 0, trainings: 0, monthlyLiaisons: 0 },
      { month: '2025-07', reviews: 1, trainings: 1, monthlyLiaisons: 1 },
    ]);
  });

  test('要対応事項 include the targets at risk: 3 of 4 companies, the PD pace, experts over budget', () => {
    expect(m.actions.map(a => a.kind)).toEqual([
      'minutes-overdue',
      'minutes-due-soon',
      'expert-cap',
      'prevalidation',
      'prior-consultation',
      'next-action-overdue',
      'validation-errors',
      'target-at-risk',
    ]);
    const risk = m.actions.find(a => a.kind === 'target-at-risk')?.detail ?? '';
    expect(risk).toContain('3社で、目標4社');
    expect(risk).toContain('予算時間の消化が遅れています');
    expect(risk).toContain('予算3回を超えます');
    // errors: C-02 without 事前検証日, the 2nd July use over the cap, the same use without 事前協議, C-99.
    expect(m.findings.openErrors.map(f => f.code).sort()).toEqual([
      'expert-cap-exceeded',
      'expert-no-prior-consultation',
      'missing-prevalidation',
      'unknown-case',
    ]);
  });

  test('a month still running counts only meetings held by asOf, and does not call a registered 月次連絡会 missing', () => {
    const aug = second('2025-08', '2025-08-05');
    expect(aug.meetings.list.map(x => [x.id, x.held])).toEqual([['M-08', false]]);
    expect(aug.meetings.heldThisMonth.月次連絡会).toBe(0);
    expect(aug.meetings.minutesOverdueAsOf).toBe('2025-08-05');
    expect(aug.actions.find(a => a.kind === 'target-at-risk')?.detail ?? '').not.toContain('月次連絡会');
  });
});

describe('PD budget forecast in plain words (§10(2),(3): about one day a week, 40 days × 7 h)', () => {
  const book = (hours: readonly [string, number][]): ReadResult =>
    readBook({
      設定: {
        事業開始日: dateCell('2025-04-01'),
        事業終了日: dateCell('2026-03-31'),
        PD派遣開始日: dateCell('2025-06-02'),
        PD予算日数: 4,
        PD標準時間: 7,
      },
      PD稼働記録: hours.map(([d, h]) => pdRow(d, h)),
    });

  test('at 21 h in June against 28 h, the budget runs out in early July, before 事業終了日', () => {
    // 21 h / 29 days = 0.724 h a day; 7 h left → 10 days after 06-30 = 07-10 → 上旬.
    const m = modelOf(
      book([
        ['2025-06-02', 7],
        ['2025-06-09', 7],
        ['2025-06-16', 7],
      ]),
      '2025-06',
      '2025-07-01'
    );
    expect(m.pd.pace).toMatchObject({ forecast: 'runs-out-before-end', runsOutOn: '2025-07-10', atRisk: true });
    expect(m.pd.pace.summary).toContain('2025年7月上旬に使い切る見込み');
  });

  test('once the hours reach the budget, the report says on which day', () => {
    const m = modelOf(
      book([
        ['2025-06-02', 7],
        ['2025-06-09', 7],
        ['2025-06-16', 7],
        ['2025-06-23', 7],
      ]),
      '2025-06',
      '2025-07-01'
    );
    expect(m.pd.pace).toMatchObject({ forecast: 'budget-used', runsOutOn: '2025-06-23' });
    expect(m.pd.pace.summary).toContain('2025年6月23日に達しました');
  });

  test('before PD派遣開始日 there is no pace to speak of', () => {
    expect(modelOf(book([]), '2025-05', '2025-06-01').pd.pace.forecast).toBe('not-started');
  });

  test('forecast dates are said in thirds of a month', () => {
    expect([roughDateJa('2025-02-10'), roughDateJa('2025-02-11'), roughDateJa('2025-02-21')]).toEqual([
      '2025年2月上旬',
      '2025年2月中旬',
      '2025年2月下旬',
    ]);
  });
});

describe('an empty workbook still gives a report', () => {
  test('no rows: zeros, no forecast, no crash', () => {
    const m = modelOf(readBook({}), '2024-11', '2024-12-02');
    expect(m.pd).toMatchObject({ hoursThisMonth: 0, daysThisMonth: 0, hoursToDate: 0 });
    expect(m.cases).toMatchObject({ supported: 0, target: 5 });
    expect(m.meetings.minutesOverdueAtMonthEnd).toBe(0);
  });
});
