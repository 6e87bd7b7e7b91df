import {
  type CellInput,
  isBlank,
  normalizeHeader,
  normalizeText,
  parseBoolean,
  parseChoice,
  parseCount,
  parseDate,
  parseDateList,
  parseEmail,
  parseFiscalYear,
  parseHours,
  parseList,
  parseMoney,
  parseMonth,
  parseNumber,
  parseText,
  parseUrl,
} from '../../src/domain/cellParsers';
import type { FindingCode, Parsed } from '../../src/domain/findings';
import type { Cell } from '../../src/domain/rawTable';

const value = <T>(p: Parsed<T>): T => {
  if (!p.ok) throw new Error(`expected ok, got ${p.code}: ${p.message}`);
  return p.value;
};
const failure = <T>(p: Parsed<T>): { code: FindingCode; message: string } => {
  if (p.ok) throw new Error(`expected a failure, got ${JSON.stringify(p.value)}`);
  return { code: p.code, message: p.message };
};

const serial = (n: number): Cell => ({ serial: n });
const REF_ERROR: Cell = { error: '#REF!' };

describe('normalizeText, normalizeHeader, isBlank (DESIGN: headers compared after NFKC and trimming)', () => {
  test('NFKC turns full-width digits, letters, spaces and punctuation into ASCII and trims', () => {
    expect(normalizeText('　ＰＤチーム内会議　')).toBe('PDチーム内会議');
    expect(normalizeText('２０２４／１０／１')).toBe('2024/10/1');
    expect(normalizeText(' 案件 ID ')).toBe('案件 ID'); // inner spaces are kept
  });

  test('normalizeHeader', () => {
    expect(normalizeHeader(' 案件ＩＤ　')).toBe('案件ID');
    expect(normalizeHeader(2024)).toBe('2024');
    expect(normalizeHeader(null)).toBe('');
    expect(normalizeHeader(undefined)).toBe('');
    expect(normalizeHeader(serial(45566))).toBe('');
  });

  test.each<[CellInput, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u3000\u3000', true],
    ['\t\n', true],
    ['a', false],
    [0, false],
    [false, false],
    [serial(0), false],
    [REF_ERROR, false],
  ])('isBlank(%j) = %s', (cell, blank) => {
    expect(isBlank(cell)).toBe(blank);
  });
});

describe('parseDate (DESIGN: 2024/10/1, 2024-10-01, 令和6年10月1日, R6.10.1, date cells, serials)', () => {
  test.each<[Cell, string]>([
    ['2024/10/1', '2024-10-01'],
    ['2024/10/01', '2024-10-01'],
    ['2024-10-01', '2024-10-01'],
    ['2024-10-1', '2024-10-01'],
    ['2024.10.1', '2024-10-01'],
    ['2024年10月1日', '2024-10-01'],
    ['2024 年 10 月 1 日', '2024-10-01'],
    ['令和6年10月1日', '2024-10-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    ['R6.10.1', '2024-10-01'],
    ['R6/10/1', '2024-10-01'],
    ['R6-10-1', '2024-10-01'],
    ['r6.10.1', '2024-10-01'],
    ['R元.5.1', '2019-05-01'],
    ['令和6.10.1', '2024-10-01'],
    ['R6年10月1日', '2024-10-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['h31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['2024/2/29', '2024-02-29'],
  ])('text %j → %s', (typed, expected) => {
    expect(value(parseDate(typed))).toBe(expected);
  });

  test.each<[Cell, string]>([
    ['２０２４／１０／１', '2024-10-01'],
    ['　2024/10/1　', '2024-10-01'],
    ['２０２４年１０月１日', '2024-10-01'],
    ['令和６年１０月１日', '2024-10-01'],
    ['Ｒ６．１０．１', '2024-10-01'],
    ['㋿6年10月1日', '2024-10-01'], // the one-character 令和 ligature
    ['㍻31年4月30日', '2019-04-30'],
    ['2024－10－01', '2024-10-01'], // full-width hyphen
    ['2024ー10ー01', '2024-10-01'], // katakana long mark typed for a dash
    ['2024−10−01', '2024-10-01'], // minus sign
  ])('fidelity: full-width and look-alike input %j → %s (DESIGN: full-width digits and spaces)', (typed, expected) => {
    expect(value(parseDate(typed))).toBe(expected);
  });

  test('a weekday after the date is accepted when it is right, rejected when it is wrong', () => {
    expect(value(parseDate('2024/10/1(火)'))).toBe('2024-10-01');
    expect(value(parseDate('2024年10月1日（火曜日）'))).toBe('2024-10-01');
    expect(value(parseDate('R6.10.1 (火)'))).toBe('2024-10-01');
    const f = failure(parseDate('2024/10/1(水)'));
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain('「2024/10/1(水)」');
    expect(f.message).toContain('火曜日');
  });

  test('a trailing time is accepted and dropped (what a date-time cell looks like as text)', () => {
    expect(value(parseDate('2024/10/1 10:00'))).toBe('2024-10-01');
    expect(value(parseDate('2024-10-01 9:05:30'))).toBe('2024-10-01');
    expect(value(parseDate('2024-10-01T10:00'))).toBe('2024-10-01');
    expect(value(parseDate('2024/10/1(火) 10:00'))).toBe('2024-10-01');
    expect(value(parseDate('２０２４／１０／１　１０：００'))).toBe('2024-10-01');
    expect(failure(parseDate('2024/10/1 25:00')).code).toBe('invalid-date');
  });

  test('date cells arrive as serials: the date part counts (rawTable.ts)', () => {
    expect(value(parseDate(serial(45566)))).toBe('2024-10-01');
    expect(value(parseDate(serial(45566.75)))).toBe('2024-10-01'); // 18:00
    expect(value(parseDate(serial(45747)))).toBe('2025-03-31');
  });

  test('a pure time cell (serial < 1) has no date', () => {
    const f = failure(parseDate(serial(0.4375)));
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain('10:30');
    expect(f.message).toContain('時刻だけ');
  });

  test('a date cell far outside 1950..2100 is a typo', () => {
    const f = failure(parseDate(serial(373421))); // 2922-05-08
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain('範囲外');
  });

  test('numbers in the plausible serial range are serials (1950-01-01 .. 2100-12-31)', () => {
    expect(value(parseDate(45566))).toBe('2024-10-01');
    expect(value(parseDate(18264))).toBe('1950-01-01');
    expect(value(parseDate(73415))).toBe('2100-12-31');
    expect(failure(parseDate(18263)).code).toBe('invalid-date');
    expect(failure(parseDate(73416)).code).toBe('invalid-date');
    expect(failure(parseDate(2024)).message).toContain('「2024」');
    expect(failure(parseDate(-1)).code).toBe('invalid-date');
    expect(failure(parseDate(Number.NaN)).code).toBe('invalid-date');
  });

  test('20241001 typed as a number or text is rejected with a hint to add separators', () => {
    expect(failure(parseDate(20241001)).message).toContain('2024/10/01');
    expect(failure(parseDate('20241001')).message).toContain('2024/10/01');
  });

  test.each(['2024/2/30', '2023/2/29', '2024-04-31', '令和6年2月30日', 'R5.2.29'])('impossible date %j → invalid-date', typed => {
    const f = failure(parseDate(typed));
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain(`「${typed}」`);
    expect(f.message).toContain('存在しない日付');
  });

  test('month 13 says months run 1..12', () => {
    expect(failure(parseDate('2024/13/1')).message).toContain('1〜12');
  });

  test('an era year outside the era is rejected and the right era suggested', () => {
    const h32 = failure(parseDate('平成32年4月1日'));
    expect(h32.code).toBe('invalid-date');
    expect(h32.message).toContain('「平成32年4月1日」');
    expect(h32.message).toContain('令和2年4月1日');
    expect(failure(parseDate('H32.4.1')).message).toContain('令和2年4月1日');
    expect(failure(parseDate('令和元年4月30日')).message).toContain('平成31年4月30日');
    expect(failure(parseDate('R1.4.1')).message).toContain('平成31年4月1日');
    expect(failure(parseDate('平成元年1月7日')).message).toContain('昭和64年1月7日');
    expect(failure(parseDate('令和0年5月1日')).message).toContain('元年');
  });

  test.each(['24/10/1', '24-10-01', '06.10.01', '24年10月1日'])('2-digit year %j is ambiguous → invalid-date', typed => {
    const f = failure(parseDate(typed));
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain('2桁');
    expect(f.message).toContain('2024/10/1');
  });

  test.each(['10/1', '10月1日'])('no year %j → invalid-date', typed => {
    expect(failure(parseDate(typed)).message).toContain('年がありません');
  });

  test.each(['明日', 'TBD', '2024/10', '2024/10-01', '1949/12/31', '2101/1/1'])(
    'unreadable or out-of-range text %j → invalid-date quoting it',
    typed => {
      const f = failure(parseDate(typed));
      expect(f.code).toBe('invalid-date');
      expect(f.message).toContain(`「${typed}」`);
    }
  );

  test('booleans and error values are not dates', () => {
    expect(failure(parseDate(true)).code).toBe('invalid-date');
    const e = failure(parseDate(REF_ERROR));
    expect(e.code).toBe('invalid-date');
    expect(e.message).toContain('#REF!');
    expect(e.message).toContain('数式');
  });

  test('blank input does not crash: required', () => {
    expect(failure(parseDate(null)).code).toBe('required');
    expect(failure(parseDate('　')).code).toBe('required');
    expect(failure(parseDate(undefined)).code).toBe('required');
  });
});

describe('parseHours (DESIGN: hours typed as 3:30; a duration cell is a fraction of a day)', () => {
  test.each<[Cell, number]>([
    [3.5, 3.5],
    [7, 7],
    [24, 24],
    ['3:30', 3.5],
    ['03:30', 3.5],
    ['0:45', 0.75],
    ['3:20', 3.3333],
    ['3:30:00', 3.5],
    ['3.5', 3.5],
    ['.5', 0.5],
    ['3', 3],
    ['3時間30分', 3.5],
    ['3時間', 3],
    ['3 時間 30 分', 3.5],
    ['1時間半', 1.5],
    ['90分', 1.5],
    ['45min', 0.75],
    ['3h', 3],
    ['3.5h', 3.5],
    ['3H', 3],
    ['3h30m', 3.5],
    ['24:00', 24],
  ])('%j → %d h', (typed, hours) => {
    expect(value(parseHours(typed))).toBe(hours);
  });

  test.each<[Cell, number]>([
    ['３:３０', 3.5],
    ['３：３０', 3.5],
    ['　3:30　', 3.5],
    ['３．５', 3.5],
    ['３時間３０分', 3.5],
    ['９０分', 1.5],
    ['３ｈ', 3],
  ])('fidelity: full-width %j → %d h', (typed, hours) => {
    expect(value(parseHours(typed))).toBe(hours);
  });

  test('duration cells: 3:30 arrives as serial 0.14583 → 3.5 h, not 0.146 h', () => {
    expect(value(parseHours(serial(3.5 / 24)))).toBe(3.5);
    expect(value(parseHours(serial(0.14583333333333334)))).toBe(3.5);
    expect(value(parseHours(serial(7 / 24)))).toBe(7);
    expect(value(parseHours(serial(1)))).toBe(24);
  });

  test('a 25:00 duration cell is over 24 h and quoted as typed', () => {
    const f = failure(parseHours(serial(25 / 24)));
    expect(f.code).toBe('invalid-number');
    expect(f.message).toContain('「25:00」');
    expect(f.message).toContain('24時間');
  });

  test('a date in an hours column is pointed out', () => {
    const f = failure(parseHours(serial(45566)));
    expect(f.code).toBe('invalid-number');
    expect(f.message).toContain('日付');
  });

  test.each<[Cell, string]>([
    ['25:00', '24時間'],
    [25, '24時間'],
    ['0', '0時間'],
    [0, '0時間'],
    ['0:00', '0時間'],
    ['-1', 'マイナス'],
    [-2, 'マイナス'],
    ['−1.5', 'マイナス'],
    ['3:75', '60以上'],
    ['3時間75分', '60以上'],
    ['三時間', '読めません'],
    ['3.5.1', '読めません'],
    ['about 3', '読めません'],
  ])('%j → invalid-number mentioning %s', (typed, hint) => {
    const f = failure(parseHours(typed));
    expect(f.code).toBe('invalid-number');
    expect(f.message).toContain(hint);
    if (typeof typed === 'string') expect(f.message).toContain(`「${typed.trim()}」`);
  });

  test('booleans, error values and blanks', () => {
    expect(failure(parseHours(true)).code).toBe('invalid-number');
    expect(failure(parseHours(REF_ERROR)).message).toContain('#REF!');
    expect(failure(parseHours(null)).code).toBe('required');
    expect(failure(parseHours(Number.POSITIVE_INFINITY)).code).toBe('invalid-number');
  });
});

describe('parseCount (設定: PD予算日数 40, 専門家月上限 2, ...)', () => {
  test.each<[Cell, number]>([
    [40, 40],
    [0, 0],
    [40.0, 40],
    ['40', 40],
    ['４０', 40],
    ['　18　', 18],
    ['1,000', 1000],
  ])('%j → %i', (typed, n) => {
    expect(value(parseCount(typed))).toBe(n);
  });

  test('a unit is accepted only when the caller names it', () => {
    expect(value(parseCount('40日', ['日']))).toBe(40);
    expect(value(parseCount('２回', ['回', '日']))).toBe(2);
    expect(failure(parseCount('40日')).message).toContain('数字だけ');
    expect(failure(parseCount('40時間', ['日'])).code).toBe('invalid-number');
  });

  test.each<[Cell, string]>([
    [2.5, '整数'],
    ['2.5', '整数'],
    [-1, 'マイナス'],
    ['-1', 'マイナス'],
    ['四十', '数として読めません'],
    ['1,00', '数として読めません'],
  ])('%j → invalid-number (%s)', (typed, hint) => {
    const f = failure(parseCount(typed));
    expect(f.code).toBe('invalid-number');
    expect(f.message).toContain(hint);
  });

  test('date cells, booleans, errors, blanks', () => {
    expect(failure(parseCount(serial(0.3333))).message).toContain('書式');
    expect(failure(parseCount(true)).code).toBe('invalid-number');
    expect(failure(parseCount(REF_ERROR)).message).toContain('#REF!');
    expect(failure(parseCount('')).code).toBe('required');
  });
});

describe('parseMoney (謝金, 旅費 in yen)', () => {
  test.each<[Cell, number]>([
    [1200, 1200],
    [0, 0],
    ['1200', 1200],
    ['1,200', 1200],
    ['¥1,200', 1200],
    ['￥1,200', 1200],
    ['\\1200', 1200],
    ['＼１２００', 1200],
    ['1,200円', 1200],
    ['１２００円', 1200],
    ['１，２００円', 1200],
    ['¥ 12,345,678', 12345678],
    ['1200.00', 1200],
  ])('%j → %i', (typed, yen) => {
    expect(value(parseMoney(typed))).toBe(yen);
  });

  test.each<[Cell, string]>([
    [1200.5, '端数'],
    ['1200.5', '端数'],
    ['¥1,200.50', '端数'],
    [-100, 'マイナス'],
    ['-100', 'マイナス'],
    ['千二百円', '金額として読めません'],
    ['12,00', '金額として読めません'],
    ['1200ドル', '金額として読めません'],
  ])('%j → invalid-number (%s)', (typed, hint) => {
    const f = failure(parseMoney(typed));
    expect(f.code).toBe('invalid-number');
    expect(f.message).toContain(hint);
  });

  test('non-numbers', () => {
    expect(failure(parseMoney(true)).code).toBe('invalid-number');
    expect(failure(parseMoney(serial(45566))).code).toBe('invalid-number');
    expect(failure(parseMoney(REF_ERROR)).code).toBe('invalid-number');
    expect(failure(parseMoney(null)).code).toBe('required');
  });
});

describe('parseNumber', () => {
  test.each<[Cell, number]>([
    [1.5, 1.5],
    [-3, -3],
    ['1.5', 1.5],
    ['-1.5', -1.5],
    ['−1.5', -1.5],
    ['１，２００．５', 1200.5],
    ['+7', 7],
  ])('%j → %d', (typed, n) => {
    expect(value(parseNumber(typed))).toBe(n);
  });

  test('rejections', () => {
    expect(failure(parseNumber('abc')).message).toContain('「abc」');
    expect(failure(parseNumber('1e3')).code).toBe('invalid-number');
    expect(failure(parseNumber(Number.NaN)).code).toBe('invalid-number');
    expect(failure(parseNumber(false)).code).toBe('invalid-number');
    expect(failure(parseNumber(serial(1))).code).toBe('invalid-number');
    expect(failure(parseNumber(undefined)).code).toBe('required');
  });

  test('効果検証 figures as typed: 1,200 and its full-width and quoted-free forms are read', () => {
    for (const typed of ['1,200', '１，２００', '１２００', ' 1,200 ', '1200']) expect(value(parseNumber(typed))).toBe(1200);
    expect(value(parseNumber('12,000'))).toBe(12000);
  });

  test('a number with words around it is a finding that says what to leave out, never a guess', () => {
    expect(failure(parseNumber('1,200件')).message).toContain('「件」は入れず');
    expect(failure(parseNumber('約1,200')).message).toContain('「約」は入れず');
    expect(failure(parseNumber('120万')).code).toBe('invalid-number');
    expect(failure(parseNumber('1,20')).code).toBe('invalid-number');
    expect(failure(parseNumber('12,00,0')).code).toBe('invalid-number');
  });
});

describe('parseBoolean (情報取扱者名簿 有効: TRUE/FALSE)', () => {
  test.each<[Cell, boolean]>([
    [true, true],
    [false, false],
    ['TRUE', true],
    ['true', true],
    ['True', true],
    ['ＴＲＵＥ', true],
    ['FALSE', false],
    ['false', false],
    ['有効', true],
    ['無効', false],
    ['はい', true],
    ['いいえ', false],
    ['yes', true],
    ['NO', false],
    [1, true],
    [0, false],
    ['1', true],
    ['０', false],
    [' 有効　', true],
  ])('%j → %s', (typed, b) => {
    expect(value(parseBoolean(typed))).toBe(b);
  });

  test.each<Cell>(['maybe', 2, serial(45566), '○'])('%j → invalid-value', typed => {
    const f = failure(parseBoolean(typed));
    expect(f.code).toBe('invalid-value');
    expect(f.message).toContain('TRUE');
  });

  test('errors and blanks', () => {
    expect(failure(parseBoolean(REF_ERROR)).message).toContain('#REF!');
    expect(failure(parseBoolean(null)).code).toBe('required');
  });
});

describe('parseChoice (DESIGN Choices)', () => {
  const TYPES = ['地域連携会議', '支援検討会', '研修会', 'PDチーム内会議', '月次連絡会', '成果発表会', 'その他'] as const;

  test('exact and NFKC-normalised matches return the canonical choice', () => {
    expect(value(parseChoice('支援検討会', TYPES))).toBe('支援検討会');
    expect(value(parseChoice('　支援検討会 ', TYPES))).toBe('支援検討会');
    expect(value(parseChoice('ＰＤチーム内会議', TYPES))).toBe('PDチーム内会議');
    expect(value(parseChoice('pdチーム内会議', TYPES))).toBe('PDチーム内会議');
  });

  test('choices written full-width in the contract still match', () => {
    expect(value(parseChoice('A', ['Ａ', 'Ｂ']))).toBe('Ａ');
  });

  test('numbers match their digits', () => {
    expect(value(parseChoice(1, ['1', '2']))).toBe('1');
  });

  test('anything else is invalid-choice listing the choices', () => {
    const f = failure(parseChoice('検討会', TYPES));
    expect(f.code).toBe('invalid-choice');
    expect(f.message).toContain('「検討会」');
    expect(f.message).toContain('地域連携会議、支援検討会、研修会');
    expect(failure(parseChoice(true, TYPES)).code).toBe('invalid-choice');
    expect(failure(parseChoice(REF_ERROR, TYPES)).code).toBe('invalid-choice');
    expect(failure(parseChoice('', TYPES)).code).toBe('required');
  });
});

describe('parseEmail (情報取扱者名簿 メール)', () => {
  test.each<[Cell, string]>([
    ['taro@example.jp', 'taro@example.jp'],
    ['Taro.Yamada@Example.CO.JP', 'Taro.Yamada@example.co.jp'],
    ['　taro@example.jp ', 'taro@example.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    ['mailto:taro@example.jp', 'taro@example.jp'],
    ['first+tag@sub.example-pref.lg.jp', 'first+tag@sub.example-pref.lg.jp'],
  ])('%j → %s', (typed, email) => {
    expect(value(parseEmail(typed))).toBe(email);
  });

  test.each<Cell>([
    'taro',
    'taro@',
    '@example.jp',
    'taro@example',
    'taro@@example.jp',
    'taro@exa mple.jp',
    'ta..ro@example.jp',
    '山田@example.jp',
  ])('%j → invalid-value', typed => {
    const f = failure(parseEmail(typed));
    expect(f.code).toBe('invalid-value');
    expect(f.message).toContain('example.jp のように');
  });

  test('two addresses in one cell are pointed out', () => {
    expect(failure(parseEmail('a@example.jp, b@example.jp')).message).toContain('1つのセルに1つ');
  });

  test('non-text, errors, blanks', () => {
    expect(failure(parseEmail(42)).code).toBe('invalid-value');
    expect(failure(parseEmail(REF_ERROR)).code).toBe('invalid-value');
    expect(failure(parseEmail(null)).code).toBe('required');
  });
});

describe('parseText (DESIGN: it never changes a value a person typed)', () => {
  test('strings come back exactly as typed', () => {
    expect(value(parseText('　株式会社Ａ ')).toString()).toBe('　株式会社Ａ ');
    expect(value(parseText('C-001'))).toBe('C-001');
  });

  test('numbers, booleans and date/time cells as they show', () => {
    expect(value(parseText(1001))).toBe('1001');
    expect(value(parseText(1.5))).toBe('1.5');
    expect(value(parseText(true))).toBe('TRUE');
    expect(value(parseText(serial(45566)))).toBe('2024-10-01');
    expect(value(parseText(serial(45566.4375)))).toBe('2024-10-01 10:30');
    expect(value(parseText(serial(0.4375)))).toBe('10:30');
  });

  test('errors and blanks', () => {
    const f = failure(parseText(REF_ERROR));
    expect(f.code).toBe('invalid-value');
    expect(f.message).toContain('#REF!');
    expect(failure(parseText('  ')).code).toBe('required');
  });
});

describe('parseDateList (設定 追加休日: dates, comma separated)', () => {
  test('commas, 、, full-width commas, semicolons and line breaks separate dates', () => {
    expect(value(parseDateList('2024/12/27, 2025/1/6'))).toEqual(['2024-12-27', '2025-01-06']);
    expect(value(parseDateList('2024/12/27、R7.1.6'))).toEqual(['2024-12-27', '2025-01-06']);
    expect(value(parseDateList('２０２４／１２／２７，２０２５／１／６'))).toEqual(['2024-12-27', '2025-01-06']);
    expect(value(parseDateList('2024-08-13;2024-08-14\n2024-08-15'))).toEqual(['2024-08-13', '2024-08-14', '2024-08-15']);
  });

  test('empty items and duplicates are dropped; order is kept', () => {
    expect(value(parseDateList('2025/1/6,, 2024/12/27, 2025-01-06,'))).toEqual(['2025-01-06', '2024-12-27']);
  });

  test('a single date cell or serial is a one-item list; blank is empty', () => {
    expect(value(parseDateList(serial(45566)))).toEqual(['2024-10-01']);
    expect(value(parseDateList('2024/10/1'))).toEqual(['2024-10-01']);
    expect(value(parseDateList(null))).toEqual([]);
    expect(value(parseDateList(' 　'))).toEqual([]);
  });

  test('a bad item is named by position and quoted', () => {
    const f = failure(parseDateList('2024/12/27, 2024/2/30, 明日'));
    expect(f.code).toBe('invalid-date');
    expect(f.message).toContain('2番目');
    expect(f.message).toContain('「2024/2/30」');
    expect(f.message).toContain('3番目');
    expect(f.message).toContain('「明日」');
  });

  test('dates separated by spaces get a hint to use commas', () => {
    expect(failure(parseDateList('2024/12/27 2025/1/6')).message).toContain('区切って');
  });

  test('non-dates', () => {
    expect(failure(parseDateList(true)).code).toBe('invalid-date');
    expect(failure(parseDateList(REF_ERROR)).code).toBe('invalid-date');
  });
});

describe('parseList (許可ドメイン, 関連案件: comma separated)', () => {
  test('split, NFKC + trim each, drop empties and duplicates', () => {
    expect(value(parseList('example.jp, pref.aomori.lg.jp'))).toEqual(['example.jp', 'pref.aomori.lg.jp']);
    expect(value(parseList('Ｃ－００１、C-002，C-001,'))).toEqual(['C-001', 'C-002']);
    expect(value(parseList('C-001\nC-002'))).toEqual(['C-001', 'C-002']);
  });

  test('one value, blanks and errors', () => {
    expect(value(parseList(1001))).toEqual(['1001']);
    expect(value(parseList(null))).toEqual([]);
    expect(value(parseList(''))).toEqual([]);
    expect(failure(parseList(REF_ERROR)).code).toBe('invalid-value');
  });
});

describe('a formula saved without its result (openpyxl) is one message for every column type, never a value', () => {
  const cell: Cell = { error: '計算結果のない数式', formula: 'SUM(1,2)' };
  const parsers: readonly [string, (c: CellInput) => Parsed<unknown>][] = [
    ['date', parseDate],
    ['month', parseMonth],
    ['hours', parseHours],
    ['money', parseMoney],
    ['number', parseNumber],
    ['count', c => parseCount(c)],
    ['boolean', parseBoolean],
    ['email', parseEmail],
    ['url', parseUrl],
    ['choice', c => parseChoice(c, ['A'])],
    ['text', parseText],
    ['list', parseList],
  ];
  test.each(parsers)('%s', (_name, parse) => {
    expect(failure(parse(cell))).toEqual({
      code: 'formula-without-result',
      message: '数式 =SUM(1,2) の計算結果が保存されていません。Excel か LibreOffice で開いて保存し直すか、値を入力してください。',
    });
  });

  test('an error value is still an error value; a formula the adapter cannot name is said without its text', () => {
    expect(failure(parseNumber({ error: '#REF!' })).code).toBe('invalid-number');
    expect(failure(parseNumber({ error: '計算結果のない数式', formula: '' })).message).toMatch(/^数式の計算結果が保存されていません。/);
  });
});

describe('parseFiscalYear (設定 年度)', () => {
  test.each([
    [2024, 2024],
    ['2024', 2024],
    ['２０２４年度', 2024],
    ['2024年', 2024],
    ['令和6年度', 2024],
    ['令和６年度', 2024],
    ['R6', 2024],
    ['r7年度', 2025],
    ['令和元年度', 2019],
    ['平成30年度', 2018],
  ])('%p → %i', (typed, year) => {
    expect(parseFiscalYear(typed)).toEqual({ ok: true, value: year });
  });

  test.each(['2024-25', '6年度', '来年度', 24, '令和99年度x'])('%p is refused with what to type', typed => {
    const r = parseFiscalYear(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('年度は 2024、2024年度、令和6年度、R6 のように');
  });
});
