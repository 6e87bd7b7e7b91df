/**
 * `chizai-desk check` end to end (DESIGN "Local CLI contract"): a realistic workbook
 * written by SheetJS — columns in another order than the template, extra columns, an extra tab, dates typed
 * as text (2024/10/11, 令和6年10月1日, R6.10.1, 2024-10-11) and as date cells, hours as 3:30, durations and
 * full-width digits — checked by the built CLI in a child process.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as XLSX from 'xlsx';
import {
  AS_OF,
  ensureBuilt,
  FIXTURE_HEADERS,
  type Finding,
  FORMULA_TEXT_AT,
  JAPANESE,
  removeTempDirs,
  runCli,
  SAMPLE_MEETINGS,
  STACK_TRACE,
  serialOf,
  sha256,
  tempDir,
  writeFixture,
} from './support';

interface JsonFinding {
  sheet: string;
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}
interface JsonMeeting {
  id: string;
  type: string;
  date: string;
  minutesDue: string | null;
  minutesSharedOn: string | null;
  status: string;
}
interface CheckJson {
  today: string;
  findings: JsonFinding[];
  meetings: JsonMeeting[];
}

const where = (f: { sheet: string; row: number | null; column: string | null; code: string }) =>
  `${f.sheet}!${f.row}:${f.column}:${f.code}`;
const sorted = (fs: readonly Finding[]) => fs.map(where).sort();

let dir: string;
let book: string;
let planted: ReturnType<typeof writeFixture>;
let run: ReturnType<typeof runCli>;
let json: CheckJson;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  book = join(dir, '事務局ブック.xlsx');
  planted = writeFixture(book);
  run = runCli(['check', book, '--today', AS_OF, '--json']);
  json = JSON.parse(run.stdout) as CheckJson;
});
afterAll(removeTempDirs);

describe('check --json on a realistic workbook: every finding at its tab, row and column', () => {
  test('--json prints one JSON object on stdout and nothing else', () => {
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(json).sort()).toEqual(['findings', 'meetings', 'today']);
    expect(json.today).toBe(AS_OF);
  });

  test.each(SAMPLE_MEETINGS)(
    'row %i %s: minutes due %s, %s (SAMPLE.md, read through reordered columns and text dates)',
    (_row, id, due, status) => {
      expect(json.meetings.find(m => m.id === id)).toMatchObject({ minutesDue: due, status });
    }
  );

  test('every readable meeting is listed once, in sheet order; the two unreadable ones are not guessed', () => {
    expect(json.meetings.map(m => m.id)).toEqual(SAMPLE_MEETINGS.map(m => m[1]));
  });

  test('meeting fields follow the contract: id, type, date, minutesDue, minutesSharedOn, status, dates as YYYY-MM-DD or null', () => {
    expect(json.meetings.find(m => m.id === 'M-007')).toEqual({
      id: 'M-007',
      type: '月次連絡会',
      date: '2024-09-20',
      minutesDue: '2024-10-02',
      minutesSharedOn: '2024-10-04',
      status: 'shared-late',
    });
    expect(json.meetings.find(m => m.id === 'M-013')).toMatchObject({ minutesDue: null, minutesSharedOn: null });
  });

  test('each planted error is reported at its tab, row and column, and there is no other error (clean rows stay clean)', () => {
    expect(
      json.findings
        .filter(f => f.severity === 'error')
        .map(where)
        .sort()
    ).toEqual(sorted(planted.errors));
  });

  test("the warnings are exactly the sample's two (a long PD day, a planned expert use without 事前協議日)", () => {
    expect(
      json.findings
        .filter(f => f.severity === 'warning')
        .map(where)
        .sort()
    ).toEqual(sorted(planted.warnings));
  });

  test("every finding has the contract's fields and a Japanese message", () => {
    for (const f of json.findings) {
      expect(Object.keys(f).sort()).toEqual(['code', 'column', 'message', 'row', 'severity', 'sheet']);
      expect(f.message).toMatch(JAPANESE);
    }
  });

  test("an extra tab and extra columns of the secretariat's own are not findings", () => {
    expect(json.findings.filter(f => f.sheet === 'メモ' || ['事務局メモ', '更新者', '依頼メモ', '説明'].includes(f.column ?? ''))).toEqual(
      []
    );
  });

  test('exit code 1 when check finds errors (DESIGN "Exit codes")', () => {
    expect(run.status).toBe(1);
  });
});

describe('exit codes and messages (DESIGN "Local CLI contract")', () => {
  test('exit code 0 on a workbook with warnings but no errors', () => {
    const clean = join(tempDir(), 'clean.xlsx');
    writeFixture(clean, true);
    const r = runCli(['check', clean, '--today', AS_OF, '--json']);
    const out = JSON.parse(r.stdout) as CheckJson;
    expect(out.findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(out.findings.length).toBeGreaterThan(0);
    expect(r.status).toBe(0);
  });

  test('without --json, each finding is a line naming tab, row and column, on stdout', () => {
    const r = runCli(['check', book, '--today', AS_OF]);
    expect(r.status).toBe(1);
    for (const f of planted.errors) expect(r.stdout).toContain(`${f.sheet} ${f.row}行目 「${f.column}」列`);
  });

  test('a file that is not an .xlsx workbook: exit 2, a Japanese message naming the file, no stack trace', () => {
    const bad = join(tempDir(), 'メモ.xlsx');
    writeFileSync(bad, 'これはExcelブックではありません');
    const r = runCli(['check', bad, '--today', AS_OF, '--json']);
    expect(r.status).toBe(2);
    // With --json the error is also a JSON object on stdout, and only that.
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'unreadable', message: expect.stringContaining(bad) } });
    expect(r.stderr).toMatch(JAPANESE);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('a path that does not exist: exit 2, a Japanese message naming the file, no stack trace', () => {
    const missing = join(tempDir(), 'ない.xlsx');
    const r = runCli(['check', missing, '--today', AS_OF]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/ファイルが見つかりません/);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  test('no workbook given: exit 2 with the usage', () => {
    const r = runCli(['check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('使い方');
  });

  test.each(['2024/12/02', '2024-13-45', '2024-02-30'])(
    '--today %s that is not a real YYYY-MM-DD date: exit 2, a Japanese message, no stack trace',
    today => {
      const r = runCli(['check', book, '--today', today, '--json']);
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'usage', message: expect.stringContaining('--today') } });
      expect(r.stderr).toContain('--today');
      expect(r.stderr).toMatch(JAPANESE);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  );

  test('check never writes the input workbook', () => {
    const before = sha256(book);
    runCli(['check', book, '--today', AS_OF, '--json']);
    expect(sha256(book)).toBe(before);
  });
});

describe('check --annotate OUT.xlsx: marks in a copy, the input untouched, read back with SheetJS', () => {
  let input: string;
  let out: string;
  let hashBefore: string;
  let annotateRun: ReturnType<typeof runCli>;
  let before: XLSX.WorkBook;
  let after: XLSX.WorkBook;
  const meetingsHeader = FIXTURE_HEADERS.会議登録簿 ?? [];
  const colOf = (sheet: string, header: string): number => (FIXTURE_HEADERS[sheet] ?? []).indexOf(header);
  const cellAt = (wb: XLSX.WorkBook, sheet: string, row: number, header: string): XLSX.CellObject | undefined =>
    wb.Sheets[sheet]?.[XLSX.utils.encode_cell({ r: row - 1, c: colOf(sheet, header) })] as XLSX.CellObject | undefined;
  const fillOf = (cell: XLSX.CellObject | undefined): string | undefined =>
    (cell?.s as { fgColor?: { rgb?: string } } | undefined)?.fgColor?.rgb?.toUpperCase();

  beforeAll(() => {
    const d = tempDir();
    input = join(d, 'book.xlsx');
    copyFileSync(book, input);
    out = join(d, 'book-checked.xlsx');
    hashBefore = sha256(input);
    annotateRun = runCli(['check', input, '--today', AS_OF, '--json', '--annotate', out]);
    before = XLSX.readFile(input, { cellStyles: true });
    after = XLSX.readFile(out, { cellStyles: true });
  });

  test("the input file's bytes are unchanged", () => {
    expect(sha256(input)).toBe(hashBefore);
  });

  test('with --json, stdout is still only the JSON; the note about the copy goes to stderr', () => {
    expect(() => JSON.parse(annotateRun.stdout)).not.toThrow();
    expect(annotateRun.stderr).toContain(out);
  });

  test.each(SAMPLE_MEETINGS)('row %i %s: 期限 is the due date %s as a date cell and 状態 says %s', (row, _id, due, status) => {
    const label: Record<string, string> = {
      shared: '共有済',
      'shared-late': '共有済（期限後）',
      overdue: '期限超過',
      'due-soon': '期限間近',
      pending: '議事録作成中',
      scheduled: '開催予定',
      'no-deadline': '期限なし',
    };
    const dueCell = cellAt(after, '会議登録簿', row, '期限');
    if (due === null) expect(dueCell?.v ?? '').toBe('');
    else expect(dueCell).toMatchObject({ t: 'n', v: serialOf(due) });
    expect(cellAt(after, '会議登録簿', row, '状態')).toMatchObject({ t: 's', v: label[status] });
  });

  test('every value typed in every tab is unchanged, type and value (only 期限 and 状態 are written)', () => {
    const computed = new Set([meetingsHeader.indexOf('期限'), meetingsHeader.indexOf('状態')]);
    const changes: string[] = [];
    expect(after.SheetNames).toEqual(before.SheetNames);
    for (const name of before.SheetNames) {
      const a = before.Sheets[name] ?? {};
      const b = after.Sheets[name] ?? {};
      const addresses = new Set([...Object.keys(a), ...Object.keys(b)].filter(k => !k.startsWith('!')));
      for (const addr of addresses) {
        const { r, c } = XLSX.utils.decode_cell(addr);
        if (name === '会議登録簿' && r > 0 && computed.has(c)) continue;
        const x = a[addr] as XLSX.CellObject | undefined;
        const y = b[addr] as XLSX.CellObject | undefined;
        const blank = (cell: XLSX.CellObject | undefined) => cell === undefined || cell.t === 'z' || cell.v === undefined || cell.v === '';
        if (blank(x) && blank(y)) continue;
        if (x?.t !== y?.t || x?.v !== y?.v || x?.f !== y?.f)
          changes.push(`${name}!${addr}: ${JSON.stringify([x?.t, x?.v, x?.f])} → ${JSON.stringify([y?.t, y?.v, y?.f])}`);
      }
    }
    expect(changes).toEqual([]);
  });

  test('text typed as =HYPERLINK("http://x","y") stays a text cell, not a formula', () => {
    const cell = cellAt(after, FORMULA_TEXT_AT.sheet, FORMULA_TEXT_AT.row, FORMULA_TEXT_AT.column);
    expect(cell?.t).toBe('s');
    expect(cell?.v).toBe(FORMULA_TEXT_AT.text);
    expect(cell?.f).toBeUndefined();
  });

  test('each cell with an error carries a red background and a note with the message', () => {
    for (const f of planted.errors) {
      const cell = cellAt(after, f.sheet, f.row, f.column);
      expect({ at: where(f), fill: fillOf(cell) }).toEqual({ at: where(f), fill: 'F4CCCC' });
      const note = (cell?.c ?? []).map(c => c.t).join('\n');
      expect({ at: where(f), note: note.startsWith('【チェック】') }).toEqual({ at: where(f), note: true });
    }
  });

  test('each cell with only a warning carries a yellow background and a note', () => {
    for (const f of planted.warnings) {
      const cell = cellAt(after, f.sheet, f.row, f.column);
      expect(fillOf(cell)).toBe('FFF2CC');
      expect((cell?.c ?? [])[0]?.t).toMatch(/^【チェック】/);
    }
  });

  test("the overdue meeting's row is red and the due-soon meeting's row amber", () => {
    expect(fillOf(cellAt(after, '会議登録簿', 15, '会議ID'))).toBe('EA9999'); // M-014 overdue
    expect(fillOf(cellAt(after, '会議登録簿', 16, '会議ID'))).toBe('FFE599'); // M-015 due-soon
    expect(fillOf(cellAt(after, '会議登録簿', 17, '会議ID'))).toBeUndefined(); // M-016 pending
  });

  test('only the marked cells and the two toned rows are coloured (a mark never spreads to cells of the same format)', () => {
    const tones: Record<number, string> = { 15: 'EA9999', 16: 'FFE599' };
    const marked = new Map(
      [...planted.errors.map(f => [f, 'F4CCCC'] as const), ...planted.warnings.map(f => [f, 'FFF2CC'] as const)].map(([f, color]) => [
        `${f.sheet}!${XLSX.utils.encode_cell({ r: f.row - 1, c: colOf(f.sheet, f.column) })}`,
        color,
      ])
    );
    const unexpected: string[] = [];
    for (const name of after.SheetNames)
      for (const [addr, cell] of Object.entries(after.Sheets[name] ?? {})) {
        if (addr.startsWith('!')) continue;
        const color = fillOf(cell as XLSX.CellObject);
        const row = XLSX.utils.decode_cell(addr).r + 1;
        const want = marked.get(`${name}!${addr}`) ?? (name === '会議登録簿' ? tones[row] : undefined);
        if (row > 1 && color !== want) unexpected.push(`${name}!${addr}: ${color} (expected ${want})`);
      }
    expect(unexpected).toEqual([]);
  });

  test('clean cells carry no note', () => {
    const noted: string[] = [];
    for (const name of after.SheetNames)
      for (const [addr, cell] of Object.entries(after.Sheets[name] ?? {}))
        if (!addr.startsWith('!') && (cell as XLSX.CellObject).c) noted.push(`${name}!${addr}`);
    expect(noted).toHaveLength(planted.errors.length + planted.warnings.length);
  });

  test('--annotate onto the input itself is refused and the input is left alone', () => {
    const r = runCli(['check', input, '--today', AS_OF, '--annotate', input]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(JAPANESE);
    expect(sha256(input)).toBe(hashBefore);
  });
});

describe('a workbook in the 1904 date system (old Mac Excel)', () => {
  let path: string;
  let out: string;
  let result: CheckJson;

  beforeAll(async () => {
    const d = tempDir();
    path = join(d, 'mac1904.xlsx');
    out = join(d, 'mac1904-checked.xlsx');
    const wb = XLSX.utils.book_new();
    const sheet = (rows: XLSX.CellObject[][]) => {
      const ws: XLSX.WorkSheet = {};
      rows.forEach((r, i) => {
        r.forEach((cell, c) => {
          ws[XLSX.utils.encode_cell({ r: i, c })] = cell;
        });
      });
      ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: Math.max(...rows.map(r => r.length)) - 1 } });
      return ws;
    };
    const s = (v: string): XLSX.CellObject => ({ t: 's', v });
    const date1904 = (ymd: string): XLSX.CellObject => ({ t: 'n', v: serialOf(ymd) - 1462, z: 'yyyy-mm-dd' });
    const duration = (h: number): XLSX.CellObject => ({ t: 'n', v: h / 24, z: '[h]:mm' });
    const pdHeader = ['日付', '時間', '区分', '活動内容', '案件ID', '会議ID', '旅費', '備考'].map(s);
    XLSX.utils.book_append_sheet(
      wb,
      sheet([
        pdHeader,
        [date1904('2024-10-23'), duration(4.5), s('現地'), s('会議')],
        [date1904('2024-10-23'), duration(4), s('現地'), s('連携強化')],
      ]),
      'PD稼働記録'
    );
    const meetingHeader = ['会議ID', '種別', '開催日', '形式', '議事録担当', '議事録共有日', '共有先', '関連案件', '期限', '状態'].map(s);
    XLSX.utils.book_append_sheet(wb, sheet([meetingHeader, [s('M-008'), s('支援検討会'), date1904('2024-10-11')]]), '会議登録簿');
    const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    // SheetJS flags the system as date1904="true", which exceljs does not recognise; Excel writes "1".
    const zip = await JSZip.loadAsync(bytes);
    const workbookXml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    zip.file(
      'xl/workbook.xml',
      workbookXml.replace(/<workbookPr([^>]*)\/>/, '<workbookPr$1 date1904="1"/>').replace(/date1904="true"\s*/, '')
    );
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    result = JSON.parse(runCli(['check', path, '--today', AS_OF, '--json', '--annotate', out]).stdout) as CheckJson;
  });

  test('dates are the days typed: a meeting of 2024-10-11 is due 2024-10-21', () => {
    expect(result.meetings).toEqual([expect.objectContaining({ id: 'M-008', date: '2024-10-11', minutesDue: '2024-10-21' })]);
  });

  test('durations are hours, not dates in 1904: 4:30 + 4:00 on 2024-10-23 is 8.5 h over the standard', () => {
    const pd = result.findings.filter(f => f.sheet === 'PD稼働記録');
    expect(pd.map(f => f.code)).toEqual(['pd-day-over-standard']);
    expect(pd[0]?.message).toMatch(/2024-10-23.*8\.5時間/);
  });

  test('the annotated copy keeps every typed date and duration', () => {
    const a = XLSX.readFile(path).Sheets.PD稼働記録 ?? {};
    const b = XLSX.readFile(out).Sheets.PD稼働記録 ?? {};
    for (const addr of ['A2', 'B2', 'A3', 'B3']) expect((b[addr] as XLSX.CellObject).v).toBe((a[addr] as XLSX.CellObject).v);
  });
});

describe('check --annotate on a copy annotated before (marks follow the workbook as it is now)', () => {
  let again: XLSX.WorkBook;
  const cell = (row: number, header: string): XLSX.CellObject | undefined =>
    again.Sheets.会議登録簿?.[XLSX.utils.encode_cell({ r: row - 1, c: (FIXTURE_HEADERS.会議登録簿 ?? []).indexOf(header) })] as
      | XLSX.CellObject
      | undefined;
  const fill = (c: XLSX.CellObject | undefined) => (c?.s as { fgColor?: { rgb?: string } } | undefined)?.fgColor?.rgb?.toUpperCase();

  beforeAll(async () => {
    const d = tempDir();
    const first = join(d, 'first.xlsx');
    runCli(['check', book, '--today', AS_OF, '--annotate', first]);
    // A person opens the annotated copy, fixes things and saves it (exceljs stands in for Excel here).
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.readFile(first);
    const ws = edited.getWorksheet('会議登録簿');
    if (!ws) throw new Error('no 会議登録簿');
    const col = (header: string) => (FIXTURE_HEADERS.会議登録簿 ?? []).indexOf(header) + 1;
    ws.getCell(22, col('種別')).value = '研修会'; // M-021: the invalid 種別 fixed
    ws.getCell(15, col('議事録共有日')).value = '2024/11/29'; // M-014: minutes shared since
    ws.getCell(2, col('開催日')).value = '7/8'; // M-001: 開催日 mistyped since
    ws.getCell(3, col('共有先')).note = '特許庁の担当者が交代'; // a person's own note on a clean cell
    ws.getCell(4, col('共有先')).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF9FC5E8' } }; // a person's own colour
    ws.getCell(23, col('開催日')).note = '日程は未定'; // a person's note on a cell check marks
    const second = join(d, 'second.xlsx');
    await edited.xlsx.writeFile(second);
    runCli(['check', second, '--today', AS_OF, '--annotate', join(d, 'third.xlsx')]);
    again = XLSX.readFile(join(d, 'third.xlsx'), { cellStyles: true });
  });

  test('a fixed cell loses the note and the background check gave it', () => {
    expect(cell(22, '種別')?.c).toBeUndefined();
    expect(fill(cell(22, '種別'))).toBeUndefined();
  });

  test('a meeting no longer overdue loses its red row, and 状態 says what it is now', () => {
    expect(fill(cell(15, '会議ID'))).toBeUndefined();
    expect(cell(15, '状態')?.v).toBe('共有済（期限後）');
  });

  test('a meeting whose 開催日 can no longer be read keeps no stale 期限, and 状態 says 要確認', () => {
    expect(cell(2, '期限')?.v ?? '').toBe('');
    expect(cell(2, '状態')?.v).toBe('要確認');
    expect(cell(2, '開催日')?.c?.[0]?.t).toMatch(/^【チェック】/);
  });

  test("a person's own note and colour are kept", () => {
    expect(cell(3, '共有先')?.c?.[0]?.t).toBe('特許庁の担当者が交代');
    expect(fill(cell(4, '共有先'))).toBe('9FC5E8');
  });

  test("on a marked cell a person's note comes first and check's note follows it", () => {
    expect(cell(23, '開催日')?.c?.[0]?.t).toMatch(/^日程は未定\n【チェック】.*年がありません/);
  });

  test('the newly fixed meeting gets its 期限 and 状態', () => {
    expect(cell(22, '状態')?.v).toBe('開催予定');
  });
});

describe('a tab whose name has stray spaces (tab names are matched after NFKC and trimming)', () => {
  test('check reads it and --annotate writes 期限 and 状態 into it', () => {
    const d = tempDir();
    const path = join(d, 'spaces.xlsx');
    const wb = XLSX.utils.book_new();
    const header = ['会議ID', '種別', '開催日', '形式', '議事録担当', '議事録共有日', '共有先', '関連案件', '期限', '状態'];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([header, ['M-014', '支援検討会', '2024/11/20']]), '会議登録簿　');
    XLSX.writeFile(wb, path);
    const r = runCli(['check', path, '--today', AS_OF, '--json', '--annotate', join(d, 'out.xlsx')]);
    expect((JSON.parse(r.stdout) as CheckJson).meetings).toEqual([
      expect.objectContaining({ id: 'M-014', minutesDue: '2024-11-27', status: 'overdue' }),
    ]);
    const ws = XLSX.readFile(join(d, 'out.xlsx')).Sheets['会議登録簿　'] ?? {};
    expect([(ws.I2 as XLSX.CellObject | undefined)?.v, (ws.J2 as XLSX.CellObject | undefined)?.v]).toEqual([
      serialOf('2024-11-27'),
      '期限超過',
    ]);
  });
});
