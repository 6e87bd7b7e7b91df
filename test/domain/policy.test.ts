/** The approval gate (§21 12-14): what lets report Docs and mail leave the workbook, and what stops them. */
import { exportAllowed } from '../../src/domain/policy';

const approved = { ismapApprovedOn: '2024-06-20', ismapApprover: '特許庁 担当課 山内 由紀', allowedDomains: ['example.co.jp'] };
const TODAY = '2024-12-02';

test('an approval on or before today, an approver and the user’s domain among 許可ドメイン: allowed', () => {
  expect(exportAllowed(approved, 'nao.mikami@example.co.jp', TODAY)).toEqual({ allowed: true });
  expect(exportAllowed({ ...approved, ismapApprovedOn: TODAY }, 'NAO.MIKAMI@EXAMPLE.CO.JP', TODAY)).toEqual({ allowed: true });
});

test('an approval dated after today has not been given: refused, saying so', () => {
  const decision = exportAllowed({ ...approved, ismapApprovedOn: '2024-12-10' }, 'nao.mikami@example.co.jp', TODAY);
  expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('「ISMAP承認日」（2024-12-10）が今日（2024-12-02）より後') });
});

test('each missing item is named; another domain is refused', () => {
  const missing = exportAllowed({ ismapApprovedOn: null, ismapApprover: null, allowedDomains: [] }, 'a@example.co.jp', TODAY);
  expect(missing).toEqual({ allowed: false, reason: expect.stringMatching(/「ISMAP承認日」.*「ISMAP承認者」.*「許可ドメイン」/) });
  expect(exportAllowed(approved, 'someone@gmail.com', TODAY)).toMatchObject({
    allowed: false,
    reason: expect.stringContaining('gmail.com'),
  });
});
