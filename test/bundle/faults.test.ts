/**
 * Faults through build/Code.js on the fakes: a Sheets call failing mid-run and the lock held by another
 * execution. The person gets a clear dialog (or, in onEdit, nothing: a simple trigger never
 * interrupts typing), no typed value changes, and the next run finishes the work: the workbook ends exactly
 * as a run without the fault leaves it.
 */
import type { FakeGoogle } from '../fakes';
import { SAMPLE_AS_OF, sampleSheets } from '../support/sampleSheets';
import { type BundleContext, loadBundle, setClock } from './loadBundle';

const NOON_IN_TOKYO = `${SAMPLE_AS_OF}T12:00:00+09:00`;
const COMPUTED = new Set(['期限', '状態']);
const norm = (s: unknown): string => String(s).normalize('NFKC').trim();
const FAILED = '処理を完了できませんでした';

function open(): { fake: FakeGoogle; app: BundleContext } {
  // The sample keeps its planted problems: every kind of mark gets written. The user is in 許可ドメイン,
  // so reports and mail pass the approval gate.
  const { fake, app } = loadBundle({ sheets: sampleSheets(), userEmail: 'nao.mikami@example.co.jp' });
  setClock(app, NOON_IN_TOKYO);
  fake.setOnEdit(app.onEdit as never);
  return { fake, app };
}

const sheetNames = (fake: FakeGoogle): string[] => fake.spreadsheet._sheets.map(s => s._name);
const cellValue = (v: unknown): unknown => (v instanceof Object && 'getTime' in v ? `date ${(v as Date).getTime()}` : v);

/** Values, notes and backgrounds of every used cell of every tab. */
function workbookState(fake: FakeGoogle): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const name of sheetNames(fake)) {
    const sheet = fake.sheet(name);
    const values = fake.sheetValues(name) ?? [];
    const width = Math.max(0, ...values.map(r => r.length));
    out[name] = values.map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        const cell = sheet?._cell(r + 1, c + 1);
        return JSON.stringify([cellValue(row[c]), cell?.note ?? '', cell?.background ?? '']);
      })
    );
  }
  return out;
}

/** Every cell people type in: all tabs but 実行ログ, without 会議登録簿's computed 期限/状態. */
function typedCells(fake: FakeGoogle): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const name of sheetNames(fake)) {
    if (norm(name) === '実行ログ') continue;
    const values = fake.sheetValues(name) ?? [];
    const header = (values[0] ?? []).map(norm);
    out[name] = values.map((row, r) =>
      row.map((v, c) => (r > 0 && norm(name) === '会議登録簿' && COMPUTED.has(header[c] ?? '') ? '(computed)' : cellValue(v)))
    );
  }
  return out;
}

/** What checkAllEntries leaves when nothing fails. */
function cleanRunState(): Record<string, string[][]> {
  const { fake, app } = open();
  app.checkAllEntries();
  return workbookState(fake);
}

const expectedAfterCheck = cleanRunState();

const MONTH = '2024-11';
const liveReports = (fake: FakeGoogle) => fake.documents.filter(d => !d.trashed && d.name.includes(MONTH));

/** The daily reminder trigger firing at `at`. */
const AT = new Date(`${SAMPLE_AS_OF}T08:00:00+09:00`);
const LATER = new Date(`${SAMPLE_AS_OF}T08:30:00+09:00`);
function trigger(fake: FakeGoogle, app: BundleContext, at: Date): void {
  setClock(app, at.toISOString());
  fake.simulateTimeTrigger(app.sendReminders as never, { at });
}
/** Who gets a digest on a run without faults. */
const cleanMail = (() => {
  const { fake, app } = open();
  trigger(fake, app, AT);
  return fake.sentMail.map(m => m.to).sort();
})();

/** 実行ログ's rows as 結果 → 詳細 pairs, in order. */
function logResults(fake: FakeGoogle): { result: string; detail: string }[] {
  const [header = [], ...rows] = fake.sheetValues('実行ログ') ?? [];
  const at = (h: string) => header.map(norm).indexOf(h);
  return rows.map(r => ({ result: String(r[at('結果')]), detail: String(r[at('詳細')]) }));
}

/** The calls checkAllEntries makes, to fail each of them in turn. */
const callsOfCheck = (() => {
  const { fake, app } = open();
  fake.calls.reset();
  app.checkAllEntries();
  return fake.calls.snapshot();
})();

const SHEETS_CALLS = Object.keys(callsOfCheck).filter(
  name => /^(Spreadsheet|Sheet|Range)\./.test(name) && !/^Spreadsheet(App)?\.(getUi|getActiveSpreadsheet)$/.test(name)
);

describe('a Sheets call failing during checkAllEntries', () => {
  test('the run makes the calls these tests fail (reads and each kind of write)', () => {
    expect(SHEETS_CALLS).toEqual(expect.arrayContaining(['Range.getValues', 'Range.setNotes', 'Range.setBackgrounds', 'Range.setValues']));
  });

  test.each(SHEETS_CALLS)('%s fails: a clear dialog, no typed value changed, the next run finishes the work', name => {
    const { fake, app } = open();
    const typed = typedCells(fake);
    fake.faults.failNext(name);
    expect(() => app.checkAllEntries()).not.toThrow();
    expect(fake.faults.pendingCount(name)).toBe(0);
    const dialog = fake.ui.alerts.at(-1);
    expect(dialog?.title).toBe('入力をすべてチェック');
    expect(dialog?.prompt).toContain(FAILED);
    expect(dialog?.prompt).toContain('もう一度実行してください');
    expect(typedCells(fake)).toEqual(typed);
    expect(fake.formulasCreated).toEqual([]);

    app.checkAllEntries();
    expect(fake.ui.alerts.at(-1)?.prompt).not.toContain(FAILED);
    expect(workbookState(fake)).toEqual(expectedAfterCheck);
  });
});

describe('a Sheets call failing during onEdit', () => {
  const DATE_COLUMN = 3; // 開催日 of 会議登録簿

  test.each(['Range.getValues', 'Range.setNotes', 'Range.setBackgrounds', 'Range.setValues', 'Spreadsheet.getSheets'])(
    '%s fails: nothing escapes the simple trigger, the typed value stays, the next edit marks it',
    name => {
      const { fake } = open();
      fake.faults.failNext(name);
      expect(() => fake.simulateUserEdit('会議登録簿', 3, DATE_COLUMN, [['令和6年13月1日']])).not.toThrow();
      expect(fake.ui.alerts).toEqual([]);
      expect(fake.sheet('会議登録簿')?._cell(3, DATE_COLUMN).value).toBe('令和6年13月1日');
      // The failure is in the execution log for whoever looks, not in a dialog while typing.
      expect(fake.consoleEntries.some(e => e.level === 'error')).toBe(true);
      fake.simulateUserEdit('会議登録簿', 3, DATE_COLUMN, [['令和6年13月1日']]);
      expect(fake.sheet('会議登録簿')?._cell(3, DATE_COLUMN).note).toContain('令和6年13月1日');
    }
  );

  test('checkAllEntries after a failed onEdit leaves the workbook as if nothing had failed', () => {
    const { fake, app } = open();
    fake.faults.failNext('Range.setNotes');
    // Row 36 is over the day's standard hours (a warning): retyping its value makes onEdit write a note.
    fake.simulateUserEdit('PD稼働記録', 36, 2, [[4]]);
    expect(fake.faults.pendingCount()).toBe(0);
    app.checkAllEntries();
    expect(workbookState(fake)).toEqual(expectedAfterCheck);
  });
});

describe('generateMonthlyReport when a call fails half-way', () => {
  function clean(): string {
    const { fake, app } = open();
    fake.ui.queuePrompt(MONTH);
    app.generateMonthlyReport();
    const [doc] = liveReports(fake);
    return doc?.text ?? '';
  }
  const expectedText = clean();

  test.each(['Body.appendTable', 'Body.appendParagraph', 'Range.getValues', 'Document.saveAndClose'])(
    '%s fails: a clear dialog; the re-run leaves exactly one report of the month, whole',
    name => {
      const { fake, app } = open();
      const typed = typedCells(fake);
      fake.faults.failNext(name);
      fake.ui.queuePrompt(MONTH);
      expect(() => app.generateMonthlyReport()).not.toThrow();
      expect(fake.faults.pendingCount(name)).toBe(0);
      expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/できませんでした|もう一度/);
      fake.ui.queuePrompt(MONTH);
      app.generateMonthlyReport();
      const docs = liveReports(fake);
      expect(docs).toHaveLength(1);
      expect(docs[0]?.text).toBe(expectedText);
      expect(typedCells(fake)).toEqual(typed);
      expect(fake.formulasCreated).toEqual([]);
    }
  );
});

describe('sendReminders when a Sheets call fails', () => {
  test('reading the workbook fails before anything is sent: nothing sent; the retry sends each digest once', () => {
    const { fake, app } = open();
    fake.faults.failNext('Range.getValues');
    trigger(fake, app, AT);
    expect(fake.sentMail).toHaveLength(0);
    trigger(fake, app, LATER);
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(cleanMail);
    expect(cleanMail.length).toBeGreaterThan(0);
  });

  // Each sent digest is remembered in script properties as it goes out, not only in the 実行ログ rows written
  // at the end of the run.
  test('the 実行ログ write failing after the mail went out: the retry sends no digest twice', () => {
    const { fake, app } = open();
    fake.faults.failNext('Sheet.getLastRow'); // called only by the 実行ログ write
    trigger(fake, app, AT);
    expect(fake.faults.pendingCount()).toBe(0);
    trigger(fake, app, LATER);
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(cleanMail);
  });
});

// The entry points that take a lock (src/gas: LockService in reminders.ts and reportDoc.ts), each run while
// another execution holds it: the person (or 実行ログ, for a trigger) is told why, nothing is half done, and once
// the lock is free the next run does the whole work once.
describe('the lock held by another execution', () => {
  test('sendReminders (script lock): nothing sent, 実行ログ says another run is sending; the next run sends each digest once', () => {
    const { fake, app } = open();
    const typed = typedCells(fake);
    fake.lock.holdScriptLockElsewhere(true);
    trigger(fake, app, AT);
    expect(fake.lock.attempts).toContainEqual(expect.objectContaining({ kind: 'script', acquired: false }));
    expect(fake.sentMail).toEqual([]);
    expect(logResults(fake).at(-1)).toEqual({ result: 'locked', detail: expect.stringContaining('別の実行がリマインダーを送信中') });
    expect(typedCells(fake)).toEqual(typed);

    fake.lock.holdScriptLockElsewhere(false);
    trigger(fake, app, LATER);
    expect(fake.sentMail.map(m => m.to).sort()).toEqual(cleanMail);
    expect(cleanMail.length).toBeGreaterThan(0);
  });

  test('installTriggers (script lock): the dialog says to try again and no trigger changes; once free, exactly one daily trigger', () => {
    const { fake, app } = open();
    fake.lock.holdScriptLockElsewhere(true);
    expect(() => app.installTriggers()).not.toThrow();
    expect(fake.lock.attempts).toContainEqual(expect.objectContaining({ kind: 'script', acquired: false }));
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/別の実行がトリガーを設定中.*もう一度/);
    expect(fake.triggers).toEqual([]);
    expect(logResults(fake).at(-1)?.result).toBe('locked');

    fake.lock.holdScriptLockElsewhere(false);
    fake.endExecution();
    app.installTriggers();
    expect(fake.triggers.map(t => t.handlerFunction)).toEqual(['sendReminders']);
  });

  test('generateMonthlyReport (document lock): the person is told to try again, no report is made; once free, one report', () => {
    const { fake, app } = open();
    const typed = typedCells(fake);
    fake.lock.holdDocumentLockElsewhere(true);
    fake.ui.queuePrompt(MONTH);
    app.generateMonthlyReport();
    expect(fake.lock.attempts).toContainEqual(expect.objectContaining({ kind: 'document', acquired: false }));
    expect(liveReports(fake)).toHaveLength(0);
    expect(fake.ui.alerts.at(-1)?.prompt).toMatch(/もう一度/);
    expect(typedCells(fake)).toEqual(typed);

    fake.lock.holdDocumentLockElsewhere(false);
    fake.endExecution();
    fake.ui.queuePrompt(MONTH);
    app.generateMonthlyReport();
    expect(liveReports(fake)).toHaveLength(1);
  });
});

// Checking writes only marks, the same on every run, so it takes no lock: a run of sendReminders (which checks
// under the script lock) or generateMonthlyReport elsewhere never stops a check or an edit's marks.
describe('checkAllEntries and onEdit take no lock', () => {
  test('with both locks held elsewhere, checkAllEntries asks for neither and writes every mark', () => {
    const { fake, app } = open();
    fake.lock.holdScriptLockElsewhere(true);
    fake.lock.holdDocumentLockElsewhere(true);
    app.checkAllEntries();
    expect(fake.lock.attempts).toEqual([]);
    expect(workbookState(fake)).toEqual(expectedAfterCheck);
  });

  test('with both locks held elsewhere, onEdit asks for neither and marks the typed cell, keeping its value', () => {
    const { fake } = open();
    fake.lock.holdScriptLockElsewhere(true);
    fake.lock.holdDocumentLockElsewhere(true);
    fake.simulateUserEdit('会議登録簿', 3, 3, [['あした']]);
    expect(fake.lock.attempts).toEqual([]);
    expect(fake.ui.alerts).toEqual([]);
    expect(fake.sheet('会議登録簿')?._cell(3, 3).value).toBe('あした');
    expect(fake.sheet('会議登録簿')?._cell(3, 3).note).toContain('あした');
  });
});
