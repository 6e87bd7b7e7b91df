import { caseRow, checkBook, expertRow, findingsOf, meetingRow, pdRow } from './book';

const cases = [caseRow('C-001'), caseRow('C-002')];
const meetings = [meetingRow('M-001', 'PDチーム内会議', '2024-07-08')];

describe('unknown-case and unknown-meeting: references across tabs name an existing ID (DESIGN "check --json" finding codes)', () => {
  test('a PD稼働記録 案件ID not in 案件台帳 is unknown-case at its row and column', () => {
    const result = checkBook({
      案件台帳: cases,
      PD稼働記録: [pdRow('2024-11-13', 2, { 案件ID: 'C-001' }), pdRow('2024-11-13', 2, { 案件ID: 'C-009' })],
    });
    expect(findingsOf(result, 'unknown-case')).toEqual([{ sheet: 'PD稼働記録', row: 3, column: '案件ID', severity: 'error' }]);
    expect(result.findings.find(f => f.code === 'unknown-case')?.message).toContain('C-009');
  });

  test('a 専門家活用記録 案件ID not in 案件台帳 is unknown-case', () => {
    const result = checkBook({
      案件台帳: cases,
      専門家活用記録: [expertRow('2024-10-04', '実施済', { 案件ID: 'C-404', 事前協議日: dateText('2024-09-27') })],
    });
    expect(findingsOf(result, 'unknown-case')).toEqual([{ sheet: '専門家活用記録', row: 2, column: '案件ID', severity: 'error' }]);
  });

  test('each unknown ID in a 関連案件 list is unknown-case; the known ones are not', () => {
    const result = checkBook({
      案件台帳: cases,
      会議登録簿: [meetingRow('M-003', '地域連携会議', '2024-07-24', { 関連案件: 'C-001、C-007,C-002；C-008' })],
    });
    const found = result.findings.filter(f => f.code === 'unknown-case');
    expect(found.map(f => [f.sheet, f.row, f.column])).toEqual([
      ['会議登録簿', 2, '関連案件'],
      ['会議登録簿', 2, '関連案件'],
    ]);
    expect(found.map(f => f.message).join()).toMatch(/C-007.*C-008/);
  });

  test('a PD稼働記録 会議ID not in 会議登録簿 is unknown-meeting', () => {
    const result = checkBook({ 会議登録簿: meetings, PD稼働記録: [pdRow('2024-07-08', 2, { 活動内容: '会議', 会議ID: 'M-099' })] });
    expect(findingsOf(result, 'unknown-meeting')).toEqual([{ sheet: 'PD稼働記録', row: 2, column: '会議ID', severity: 'error' }]);
  });

  test('references are compared after NFKC and trimming: "Ｍ－００１ " names M-001, "c-001" does not name C-001', () => {
    const result = checkBook({
      案件台帳: cases,
      会議登録簿: meetings,
      PD稼働記録: [pdRow('2024-07-08', 2, { 会議ID: 'Ｍ－００１ ' }), pdRow('2024-07-08', 2, { 案件ID: 'c-001' })],
    });
    expect(findingsOf(result, 'unknown-meeting')).toEqual([]);
    expect(findingsOf(result, 'unknown-case').map(f => f.row)).toEqual([3]);
  });

  test('an ID whose own row is broken still exists: no cascade of unknown-case from one typo elsewhere on that row', () => {
    const broken = { ...caseRow('C-003'), 企業名: null }; // required blank: the row is not read whole
    const result = checkBook({ 案件台帳: [broken], PD稼働記録: [pdRow('2024-09-04', 2, { 案件ID: 'C-003' })] });
    expect(findingsOf(result, 'required')).toHaveLength(1);
    expect(findingsOf(result, 'unknown-case')).toEqual([]);
  });

  test('without a 案件台帳 tab only the missing tab is reported, not every reference to a case', () => {
    const result = checkBook({ without: ['案件台帳'], PD稼働記録: [pdRow('2024-09-04', 2, { 案件ID: 'C-001' })] });
    expect(findingsOf(result, 'missing-tab')).toEqual([{ sheet: '案件台帳', row: null, column: null, severity: 'error' }]);
    expect(findingsOf(result, 'unknown-case')).toEqual([]);
  });

  test('without a 会議登録簿 tab no 会議ID is reported unknown', () => {
    const result = checkBook({ without: ['会議登録簿'], PD稼働記録: [pdRow('2024-07-08', 2, { 会議ID: 'M-001' })] });
    expect(findingsOf(result, 'unknown-meeting')).toEqual([]);
  });

  test('blank references are fine: 案件ID and 会議ID are optional', () => {
    const result = checkBook({
      案件台帳: cases,
      PD稼働記録: [pdRow('2024-09-04', 2)],
      会議登録簿: [meetingRow('M-001', '研修会', '2024-09-11', { 関連案件: '' })],
    });
    expect(result.findings).toEqual([]);
  });
});

function dateText(ymd: string): string {
  return ymd.replace(/-/g, '/');
}
