import { type Book, checkBook, findingsOf, PEOPLE, type TypedRow } from './book';

const person = (name: string, email: string, role: string, active = true): TypedRow => ({
  氏名: name,
  メール: email,
  役割: role,
  有効: active,
});
const rolesOf = (people: readonly TypedRow[]) => findingsOf(checkBook({ 情報取扱者名簿: people }), 'secretariat-roles');

describe('secretariat-roles: one 事業統括責任者, a 事業担当リーダー, two 事業担当者, all different people, and a 事業PD (§5.1(3), §10(1))', () => {
  test('a full secretariat among active handlers is fine, an inactive extra 事業担当者 included', () => {
    expect(rolesOf(PEOPLE)).toEqual([]);
  });

  test('one active 事業担当者 is too few: one finding on the list (no row), naming the inactive ones', () => {
    const people = PEOPLE.map(p => (p.氏名 === '葛西 美咲' ? { ...p, 有効: 'FALSE' } : p));
    const result = checkBook({ 情報取扱者名簿: people });
    expect(findingsOf(result, 'secretariat-roles')).toEqual([{ sheet: '情報取扱者名簿', row: null, column: '役割', severity: 'error' }]);
    const message = result.findings.find(f => f.code === 'secretariat-roles')?.message ?? '';
    expect(message).toContain('仕様書5.1(3)');
    expect(message).toContain('有効な事業担当者が1名');
    expect(message).toContain('4行目 福士 亮');
    expect(message).toContain('6行目 葛西 美咲');
  });

  test('a second active 事業統括責任者 is flagged at its own row', () => {
    const people = [...PEOPLE, person('原田 智子', 'tomoko.harada@example.co.jp', '事業統括責任者')];
    expect(rolesOf(people)).toEqual([{ sheet: '情報取扱者名簿', row: 8, column: '役割', severity: 'error' }]);
  });

  test('no 事業統括責任者, no 事業担当リーダー, no 事業PD: one finding each', () => {
    const people = PEOPLE.filter(p => !['事業統括責任者', '事業担当リーダー', '事業PD'].includes(String(p.役割)));
    const result = checkBook({ 情報取扱者名簿: people });
    const messages = result.findings.filter(f => f.code === 'secretariat-roles').map(f => f.message);
    expect(messages).toHaveLength(3);
    expect(messages.some(m => m.includes('事業PD') && m.includes('仕様書10(1)'))).toBe(true);
  });

  test('one address as 事業担当リーダー and 事業担当者 is flagged at the later row, in メール', () => {
    const people = [...PEOPLE, person('三上 奈緒', 'Nao.Mikami@example.co.jp', '事業担当者')];
    expect(rolesOf(people)).toEqual([{ sheet: '情報取扱者名簿', row: 8, column: 'メール', severity: 'error' }]);
  });

  test('the 事業PD may also be listed in PDチーム with the same address', () => {
    expect(rolesOf([...PEOPLE, person('佐々木 浩', 'hiroshi.sasaki@example.jp', 'PDチーム')])).toEqual([]);
  });

  test('roles count people, not rows: a second row of the same address (any case, full-width) is the same 事業担当者', () => {
    // 成田 健太 (row 2) leaves; 葛西 美咲 (row 6) is listed again at row 8, typed differently.
    const people = [
      ...PEOPLE.map(p => (p.氏名 === '成田 健太' ? { ...p, 有効: false } : p)),
      person('葛西 美咲', 'Ｍｉｓａｋｉ.Kasai@example.co.jp ', '事業担当者'),
    ];
    const result = checkBook({ 情報取扱者名簿: people });
    expect(findingsOf(result, 'secretariat-roles')).toEqual([{ sheet: '情報取扱者名簿', row: null, column: '役割', severity: 'error' }]);
    const message = result.findings.find(f => f.code === 'secretariat-roles')?.message ?? '';
    expect(message).toContain('有効な事業担当者が1名');
    expect(message).toContain('2行目 成田 健太');
  });

  test('two rows of one 事業統括責任者 are one person, not a second 事業統括責任者', () => {
    const people = [...PEOPLE, person('工藤 誠一', 'SEIICHI.KUDO@example.co.jp', '事業統括責任者')];
    expect(rolesOf(people)).toEqual([]);
  });

  test('silent while 情報取扱者名簿 lacks 役割 (a workbook laid out before)', () => {
    const book: Book = { without: ['情報取扱者名簿'] };
    expect(findingsOf(checkBook(book), 'secretariat-roles')).toEqual([]);
  });
});

test('secretariat-roles does not judge a list nobody has filled in yet (a new workbook)', () => {
  expect(rolesOf([])).toEqual([]);
});

describe('duplicate-handler: one address listed twice among active handlers in the same role', () => {
  const duplicates = (people: readonly TypedRow[]) => findingsOf(checkBook({ 情報取扱者名簿: people }), 'duplicate-handler');

  test('the later row is flagged in メール, naming the first (addresses compared after NFKC, ignoring case)', () => {
    const people = [...PEOPLE, person('葛西 美咲', 'Misaki.Kasai@example.co.jp', '事業担当者')];
    const result = checkBook({ 情報取扱者名簿: people });
    expect(findingsOf(result, 'duplicate-handler')).toEqual([{ sheet: '情報取扱者名簿', row: 8, column: 'メール', severity: 'warning' }]);
    expect(result.findings.find(f => f.code === 'duplicate-handler')?.message).toContain('6行目');
  });

  test('an inactive row of the same address, or the same address in another role, is not a duplicate', () => {
    expect(duplicates([...PEOPLE, person('葛西 美咲', 'misaki.kasai@example.co.jp', '事業担当者', false)])).toEqual([]);
    expect(duplicates([...PEOPLE, person('佐々木 浩', 'hiroshi.sasaki@example.jp', 'PDチーム')])).toEqual([]);
  });
});
