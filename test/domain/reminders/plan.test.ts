/**
 * Reminder planning (DESIGN `remind`): who is told what on which day. Expectations on the sample come from
 * sheets-templates/SAMPLE.md ("Planted conditions", "PD timesheet continuity").
 */
import sample from '../../../sheets-templates/sample.json';
import { calendarOf, check } from '../../../src/domain/check';
import type { YearMonth } from '../../../src/domain/dates';
import { type ReadResult, readLedger } from '../../../src/domain/ledgerReader';
import type { RawTable } from '../../../src/domain/rawTable';
import { type Digest, planReminders, type ReminderPlan } from '../../../src/domain/reminders/plan';
import { workbookTemplate } from '../../../src/domain/template';

type Row = Record<string, string | number | boolean>;
type Tabs = Record<string, Row[]>;

const AS_OF = sample.asOf; // 2024-12-02 (Mon)
const NAO = 'nao.mikami@example.co.jp'; // 事業担当リーダー
const KENTA = 'kenta.narita@example.co.jp';
const MISAKI = 'misaki.kasai@example.co.jp';
const PD = 'hiroshi.sasaki@example.jp'; // 事業PD

const sampleTabs = (): Tabs => JSON.parse(JSON.stringify(sample.tabs)) as Tabs;

/** The sample (optionally changed) as an adapter hands it to the domain: headers from the contract, text cells. */
function readSample(change: (tabs: Tabs) => void = () => {}): ReadResult {
  const tabs = sampleTabs();
  change(tabs);
  const tables = new Map<string, RawTable>();
  for (const t of workbookTemplate) {
    const header = t.columns.map(c => c.header);
    const rows = (tabs[t.name] ?? []).map((row, i) => ({ rowNumber: i + 2, cells: header.map(h => row[h] ?? null) }));
    tables.set(t.name, { name: t.name, header, rows });
  }
  return readLedger(tables);
}

function planOn(today: string, read: ReadResult = readSample(), reportsDone: ReadonlySet<YearMonth> = new Set()): ReminderPlan {
  return planReminders(read, check(read, today), today, calendarOf(read), { reportsDone });
}

const digestTo = (plan: ReminderPlan, to: string): Digest | undefined => plan.digests.find(d => d.to === to);
const refs = (plan: ReminderPlan, to: string): string[] => (digestTo(plan, to)?.items ?? []).map(i => `${i.kind} ${i.ref} ${i.due}`);
const casesRow = (tabs: Tabs, id: string): Row => {
  const row = tabs.案件台帳?.find(r => r.案件ID === id);
  if (!row) throw new Error(`no case ${id}`);
  return row;
};

describe('the sample workbook on its asOf day (SAMPLE.md)', () => {
  const plan = planOn(AS_OF);

  test('three people get one digest each: 葛西 美咲, 三上 奈緒 and 成田 健太', () => {
    expect(plan.digests.map(d => d.to)).toEqual([KENTA, MISAKI, NAO]);
    expect(plan.skipped).toEqual([]);
  });

  test('葛西 美咲: M-014 minutes overdue (due 11-27) and C-002 next action past (11-28)', () => {
    expect(refs(plan, MISAKI)).toEqual(['minutes-overdue M-014 2024-11-27', 'case-action-due C-002 2024-11-28']);
  });

  test('成田 健太: C-001 and C-003 next actions on the 1st and 2nd business day after asOf; M-016 (pending) is not reminded', () => {
    expect(refs(plan, KENTA)).toEqual(['case-action-due C-001 2024-12-03', 'case-action-due C-003 2024-12-04']);
  });

  test('三上 奈緒: M-015 due soon, 専門家活用記録 row 11 without 事前協議日, and the November report (due the 3rd business day)', () => {
    expect(refs(plan, NAO)).toEqual([
      'minutes-due-soon M-015 2024-12-03',
      'expert-consultation-missing 専門家活用記録!R11 2024-12-06',
      'monthly-report-due 2024-11 2024-12-04',
    ]);
  });

  test('no timesheet reminder: the week 11-25..12-01 has 11.5 h', () => {
    expect(plan.digests.flatMap(d => d.items).filter(i => i.kind === 'timesheet-missing')).toEqual([]);
  });

  test('C-007 (福士 亮, inactive) is 9 business days out, so nobody is skipped today', () => {
    expect(plan.skipped).toEqual([]);
  });

  test('items carry only kind, ref, due, sheet and row: no company name or free text', () => {
    for (const item of plan.digests.flatMap(d => d.items)) expect(Object.keys(item).sort()).toEqual(['due', 'kind', 'ref', 'row', 'sheet']);
  });

  test('items point at their sheet row', () => {
    const m014 = digestTo(plan, MISAKI)?.items[0];
    expect(m014).toEqual({ kind: 'minutes-overdue', ref: 'M-014', due: '2024-11-27', sheet: '会議登録簿', row: 15 });
    expect(digestTo(plan, NAO)?.items[1]).toMatchObject({ sheet: '専門家活用記録', row: 11 });
  });
});

describe('minutes reminders go to the meeting’s 議事録担当', () => {
  test('an overdue meeting is reminded to its 議事録担当 every business day until the minutes are shared', () => {
    expect(refs(planOn('2024-12-03'), MISAKI)).toContain('minutes-overdue M-014 2024-11-27');
    const shared = readSample(t => {
      const m = t.会議登録簿?.find(r => r.会議ID === 'M-014');
      if (m) m.議事録共有日 = '2024-12-02';
    });
    expect(refs(planOn('2024-12-03', shared), MISAKI).filter(r => r.includes('M-014'))).toEqual([]);
  });

  test('minutes due within 2 business days are due-soon; M-016 (due 12-06) becomes due-soon on 12-04', () => {
    expect(refs(planOn('2024-12-03'), KENTA)).not.toContain('minutes-due-soon M-016 2024-12-06');
    expect(refs(planOn('2024-12-04'), KENTA)).toContain('minutes-due-soon M-016 2024-12-06');
  });

  test('a meeting with no 議事録担当 is reminded to the 事業担当リーダー', () => {
    const read = readSample(t => {
      const m = t.会議登録簿?.find(r => r.会議ID === 'M-014');
      if (m) delete m.議事録担当;
    });
    expect(refs(planOn(AS_OF, read), NAO)).toContain('minutes-overdue M-014 2024-11-27');
    expect(refs(planOn(AS_OF, read), MISAKI)).not.toContain('minutes-overdue M-014 2024-11-27');
  });
});

describe('case-action-due goes to the case’s 担当', () => {
  test('次回期日 on the 2nd business day after today is reminded; on the 3rd it is not yet', () => {
    // From 12-02: 12-04 is the 2nd business day, 12-05 the 3rd.
    const read = readSample(t => {
      casesRow(t, 'C-003').次回期日 = '2024-12-05';
    });
    expect(refs(planOn(AS_OF, read), KENTA)).toEqual(['case-action-due C-001 2024-12-03']);
  });

  test('a past 次回期日 keeps being reminded', () => {
    expect(refs(planOn('2024-12-10'), MISAKI)).toContain('case-action-due C-002 2024-11-28');
  });

  test('cases at 完了 or 中止 are never reminded', () => {
    const read = readSample(t => {
      casesRow(t, 'C-005').次回期日 = '2024-12-03'; // 完了, 三上 奈緒
      casesRow(t, 'C-008').次回期日 = '2024-12-03'; // 中止, 成田 健太
    });
    const plan = planOn(AS_OF, read);
    expect(plan.digests.flatMap(d => d.items).map(i => i.ref)).not.toEqual(expect.arrayContaining(['C-005']));
    expect(plan.digests.flatMap(d => d.items).map(i => i.ref)).not.toEqual(expect.arrayContaining(['C-008']));
  });
});

describe('expert-consultation-missing goes to every active 事業担当リーダー (§5.3(2))', () => {
  test('a 予定 use within 5 business days without 事前協議日 is reminded; one further out is not', () => {
    // 2024-12-06 is the 4th business day after 12-02; on 11-28 it is the 6th.
    expect(refs(planOn(AS_OF), NAO)).toContain('expert-consultation-missing 専門家活用記録!R11 2024-12-06');
    expect(refs(planOn('2024-11-28'), NAO).filter(r => r.startsWith('expert'))).toEqual([]);
  });

  test('a 予定 use with 事前協議日 is not reminded (row 12, 12-18, consulted 11-28)', () => {
    expect(refs(planOn('2024-12-11'), NAO).filter(r => r.includes('R12'))).toEqual([]);
  });

  test('a second active leader gets it too; an inactive leader does not', () => {
    const read = readSample(t => {
      t.情報取扱者名簿?.push({ 氏名: '奈良 一郎', メール: 'ichiro.nara@example.co.jp', 役割: '事業担当リーダー', 有効: true });
      t.情報取扱者名簿?.push({ 氏名: '弘前 次郎', メール: 'jiro.hirosaki@example.co.jp', 役割: '事業担当リーダー', 有効: false });
    });
    const plan = planOn(AS_OF, read);
    expect(refs(plan, 'ichiro.nara@example.co.jp')).toContain('expert-consultation-missing 専門家活用記録!R11 2024-12-06');
    expect(digestTo(plan, 'jiro.hirosaki@example.co.jp')).toBeUndefined();
  });

  test('with no active 事業担当リーダー the item is skipped with a reason, not sent elsewhere', () => {
    const read = readSample(t => {
      const nao = t.情報取扱者名簿?.find(r => r.氏名 === '三上 奈緒');
      if (nao) nao.有効 = false;
    });
    const plan = planOn(AS_OF, read);
    expect(plan.skipped.map(s => s.to)).toContain('事業担当リーダー');
    expect(plan.skipped.find(s => s.to === '事業担当リーダー')?.reason).toContain('有効な「事業担当リーダー」がいません');
  });
});

describe('timesheet-missing goes to the 事業PD and the 事業担当リーダー (§10(3))', () => {
  test('the Obon week 08-12..08-18 has no hours: reminded on the following Monday and the days after', () => {
    for (const day of ['2024-08-19', '2024-08-20']) {
      const plan = planOn(day);
      expect(refs(plan, PD)).toEqual(['timesheet-missing 2024-08-12/2024-08-18 null']);
      expect(refs(plan, NAO)).toContain('timesheet-missing 2024-08-12/2024-08-18 null');
    }
  });

  test('a week with hours is not reminded (the week of 10-28 carries 10.5 h)', () => {
    expect(digestTo(planOn('2024-11-05'), PD)).toBeUndefined();
  });

  test('not before the dispatch starts: the week before PD派遣開始日 (07-01) is not reminded', () => {
    expect(digestTo(planOn('2024-07-01'), PD)).toBeUndefined();
  });

  test('not for a week ending after 事業終了日', () => {
    const read = readSample(t => {
      const end = t.設定?.find(r => r.項目 === '事業終了日');
      if (end) end.値 = '2024-12-05';
    });
    expect(digestTo(planOn('2024-12-09', read), PD)).toBeUndefined();
    expect(refs(planOn('2024-12-09'), PD)).toEqual(['timesheet-missing 2024-12-02/2024-12-08 null']);
  });

  test('not for the year-end week 12-30..01-05, which has no business day', () => {
    expect(digestTo(planOn('2025-01-06'), PD)).toBeUndefined();
  });

  test('a person who is both 事業PD and 事業担当リーダー (same address) gets the item once', () => {
    const read = readSample(t => {
      t.情報取扱者名簿?.push({ 氏名: '三上 奈緒', メール: NAO, 役割: '事業PD', 有効: true });
    });
    expect(refs(planOn('2024-08-19', read), NAO).filter(r => r.startsWith('timesheet'))).toHaveLength(1);
  });
});

describe('monthly-report-due goes to the 事業担当リーダー on the first three business days', () => {
  test('12-02, 12-03 and 12-04 remind the November report; 12-05 does not', () => {
    for (const day of ['2024-12-02', '2024-12-03', '2024-12-04'])
      expect(refs(planOn(day), NAO)).toContain('monthly-report-due 2024-11 2024-12-04');
    expect(refs(planOn('2024-12-05'), NAO).filter(r => r.startsWith('monthly'))).toEqual([]);
  });

  test('not once last month’s report exists', () => {
    expect(refs(planOn(AS_OF, readSample(), new Set(['2024-11'])), NAO).filter(r => r.startsWith('monthly'))).toEqual([]);
  });

  test('business days count, not calendar days: January’s first three are 01-06, 01-07, 01-08', () => {
    expect(refs(planOn('2025-01-08'), NAO)).toContain('monthly-report-due 2024-12 2025-01-08');
    expect(refs(planOn('2025-01-09'), NAO).filter(r => r.startsWith('monthly'))).toEqual([]);
  });

  test('no report for a month before 事業開始日 (May, on 2024-06-03)', () => {
    expect(refs(planOn('2024-06-03'), NAO).filter(r => r.startsWith('monthly'))).toEqual([]);
  });
});

describe('one digest per person per day', () => {
  test('items of every kind for one address are merged into a single digest, most urgent kind first', () => {
    const plan = planOn(AS_OF);
    expect(new Set(plan.digests.map(d => d.to)).size).toBe(plan.digests.length);
    expect(digestTo(plan, NAO)?.items.map(i => i.kind)).toEqual(['minutes-due-soon', 'expert-consultation-missing', 'monthly-report-due']);
  });

  test('a person named as 担当 and 議事録担当 gets one digest with both', () => {
    const read = readSample(t => {
      casesRow(t, 'C-006').次回期日 = '2024-12-03'; // 三上 奈緒 is 担当
    });
    const nao = planOn(AS_OF, read).digests.filter(d => d.to === NAO);
    expect(nao).toHaveLength(1);
    expect(nao[0]?.items.map(i => i.ref)).toEqual(['M-015', 'C-006', '専門家活用記録!R11', '2024-11']);
  });
});

describe('only active handlers receive (§20(1))', () => {
  test('an inactive 担当 is skipped with the reason, gets no digest, and check reports recipient-not-authorized', () => {
    const read = readSample(t => {
      casesRow(t, 'C-007').次回期日 = '2024-12-03'; // 福士 亮, 有効 FALSE
    });
    const plan = planOn(AS_OF, read);
    expect(plan.skipped).toEqual([
      {
        to: '福士 亮',
        reason: expect.stringContaining('無効'),
        items: [{ kind: 'case-action-due', ref: 'C-007', due: '2024-12-03', sheet: '案件台帳', row: 8 }],
      },
    ]);
    expect(digestTo(plan, 'ryo.fukushi@example.co.jp')).toBeUndefined();
    expect(check(read, AS_OF).findings.filter(f => f.code === 'recipient-not-authorized')).toHaveLength(1);
  });

  test('a person not on the list at all is skipped, never guessed', () => {
    const read = readSample(t => {
      casesRow(t, 'C-001').担当 = '外部 太郎';
    });
    const plan = planOn(AS_OF, read);
    expect(plan.skipped).toEqual([expect.objectContaining({ to: '外部 太郎', reason: expect.stringContaining('載っていません') })]);
    expect(plan.digests.flatMap(d => d.items).map(i => i.ref)).not.toContain('C-001');
  });

  test('every digest address is an active handler’s', () => {
    const active = new Set((sample.tabs.情報取扱者名簿 as Row[]).filter(h => h.有効 === true).map(h => h.メール));
    for (const day of ['2024-08-19', AS_OF, '2024-12-04', '2025-01-06'])
      for (const d of planOn(day).digests) expect(active.has(d.to)).toBe(true);
  });
});

describe('nothing on a non-business day', () => {
  test.each([
    ['2024-12-07', '土曜日'],
    ['2024-12-08', '日曜日'],
    ['2024-11-04', '祝日（文化の日 振替休日）'],
    ['2025-01-13', '祝日（成人の日）'],
    ['2024-12-30', '年末年始'],
    ['2024-08-13', '追加休日'],
  ])('%s (%s): no digest, nobody skipped, and the reason is given', (day, why) => {
    const plan = planOn(day);
    expect(plan.digests).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.notBusinessDay).toBe(why);
  });
});
