/**
 * What sheets-templates/SAMPLE.md works out by hand for the sample workbook, written once for the tests of every
 * layer (domain, CLI, Sheets API) that hold the tool to it.
 */

/** The 事業報告書's readiness on the sample's asOf day: 60 of 72, the twelve planted gaps as 'section tab row'. */
export const SAMPLE_READINESS = {
  complete: 60,
  total: 72,
  gaps: [
    '4 報告書本文 -',
    '① PD月次報告 6',
    '① PD月次報告 6',
    '③ 案件台帳 4',
    '③ 効果検証 8',
    '⑥ 会議登録簿 21',
    '⑦ 会議登録簿 10',
    '⑦ 会議登録簿 16',
    '⑧ 会議登録簿 7',
    '⑧ 会議登録簿 15',
    '⑨ 会議登録簿 17',
    '⑩ 会議登録簿 11',
  ],
} as const;

/** The year-end workbook's planted problems of the year's obligations on 2025-03-03, as 'tab row column code severity'. */
export const YEAR_END_PLANTED: readonly string[] = [
  '案件台帳 4 案件ID effect-verification-missing error',
  '会議登録簿 21 会議ID presentation-no-announcement error',
  '会議登録簿 21 会議ID presentation-no-coverage error',
  '情報取扱者名簿 11 役割 secretariat-roles error',
  'PD月次報告 8 受領日 pd-monthly-report-missing error',
  'PD評価 3 庁相談日 pd-evaluation-low-without-consultation error',
  'PD評価 4 評価日 pd-evaluation-criteria-unapproved error',
  'PD評価 4 庁報告日 pd-evaluation-not-reported warning',
  '効果検証 8 実績値 effect-verification-missing error',
  '転載許可 3 許可日 reprint-permission-pending error',
].sort();
