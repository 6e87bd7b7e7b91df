/**
 * What the 事業報告書 still lacks for delivery (§15): each requirement of each section, met or not, with the tab and
 * row to fix. Never printed in the report: it goes to the terminal, the JSON, and in Sheets to the dialog and 実行ログ.
 * The conditions the rules already state (the PD reports, evaluations, presentation, effects, permissions) are
 * asked from the rule files, not written again.
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import type { CheckResult } from '../check';
import { happenedBy, type YearMonth, type Ymd } from '../dates';
import { missingSource, type ReadResult, UPGRADE_HOW } from '../ledgerReader';
import { settingName } from '../programmeYear';
import { effectCoverage, isVerified } from '../rules/effectVerification';
import { isDoneEvaluation, isLowEvaluation } from '../rules/pdEvaluations';
import { TAB_NAME } from '../schema';
import type { SettingKey } from '../settings';
import type { AnnualReportModel } from './model';

export interface MissingItem {
  /** The section's number as the report prints it: '1'..'4', '①'..'⑪', '別紙'. */
  readonly section: string;
  readonly what: string;
  readonly sheet: string;
  readonly row: number | null;
}

export interface Readiness {
  readonly complete: number;
  readonly total: number;
  readonly missing: readonly MissingItem[];
}

/** What to do about a section that cannot be judged. */
const FIX_SOURCE = `タブ名と1行目の見出しを直してください（このブックを作った後に追加されたタブ・列なら、${UPGRADE_HOW}）`;

const monthJa = (m: YearMonth): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

export function readinessOf(read: ReadResult, result: CheckResult, model: Omit<AnnualReportModel, 'readiness'>): Readiness {
  const { ledger } = read;
  const { settings } = ledger;
  const asOf = model.asOf;
  let total = 0;
  const missing: MissingItem[] = [];
  const need = (ok: boolean, section: string, what: string, sheet: string, row: number | null = null): void => {
    total++;
    if (!ok) missing.push({ section, what, sheet, row });
  };
  const setting = (key: SettingKey): [string, number | null] => [TAB_NAME.settings, settings.rowOf[key] ?? null];
  // Without the 設定 tab an item is not empty but unknown: the tab's missing-tab finding says how to add it.
  const settingsMissing = missingSource(read, 'settings', ['name', 'value']);
  const settingWhat = (key: SettingKey): string =>
    settingsMissing === null
      ? `${TAB_NAME.settings}「${settingName(key)}」が空です`
      : `${TAB_NAME.settings}「${settingName(key)}」は${settingsMissing}`;
  /** A 設定 date of something done: empty, or still ahead of asOf (it has not happened yet). */
  const doneSettingWhat = (key: SettingKey, date: Ymd | null): string =>
    date !== null && date > asOf ? `${TAB_NAME.settings}「${settingName(key)}」（${date}）はまだ先の日付です` : settingWhat(key);
  /** A section whose tab or column is missing is one item that cannot be judged, never a gap per row. */
  const judged = (section: string): boolean => {
    const source = model.sources.sections[section];
    if (!source?.unknown) return true;
    need(false, section, `この節は判断できません: ${source.unknown}。${FIX_SOURCE}`, source.sheet ?? '', null);
    return false;
  };

  for (const { no, chapter } of annualReportOutline.chapters) {
    if (!judged(no)) continue;
    need((model.narrative[chapter] ?? []).length > 0, no, `${TAB_NAME.narrative}に章「${chapter}」の本文がありません`, TAB_NAME.narrative);
    if (chapter === '運営体制') {
      const roles = result.findings.filter(f => f.code === 'secretariat-roles');
      if (roles.length === 0) need(true, no, '', TAB_NAME.handlers);
      for (const f of roles) need(false, no, `事務局の体制（仕様書5.1(3)）: ${f.message}`, f.sheet, f.row);
    }
  }

  // ① The PD's annual plan and monthly reports (§5.4(1)).
  need(
    happenedBy(settings.pdAnnualPlanReceivedOn, asOf),
    '①',
    `${doneSettingWhat('pdAnnualPlanReceivedOn', settings.pdAnnualPlanReceivedOn)}（事業PDの年間事業計画）`,
    ...setting('pdAnnualPlanReceivedOn')
  );
  for (const m of judged('①') ? model.pd.months : []) {
    const received = happenedBy(m.receivedOn, asOf);
    if (m.due === null || (!received && asOf <= m.due)) continue; // not asked, or not due yet
    const month = `${monthJa(m.month)}分の月次報告書`;
    need(received, '①', `${month}が受領されていません（期限${m.due}）`, TAB_NAME.pdReports, m.rowNumber);
    if (!received) continue;
    need(happenedBy(m.submittedOn, asOf), '①', `${month}の庁提出日がありません`, TAB_NAME.pdReports, m.rowNumber);
    need(m.documentUrl !== null, '①', `${month}の文書URLがありません`, TAB_NAME.pdReports, m.rowNumber);
  }

  // ② Criteria, evaluations, hearings, the report to the Office (§5.6).
  const approvedOn = settings.evaluationCriteriaApprovedOn;
  need(
    happenedBy(approvedOn, asOf),
    '②',
    `${doneSettingWhat('evaluationCriteriaApprovedOn', approvedOn)}（評価基準の承認）`,
    ...setting('evaluationCriteriaApprovedOn')
  );
  const evaluations = judged('②') ? model.evaluations.list : null;
  if (evaluations !== null)
    need(
      evaluations.some(e => isDoneEvaluation(e, asOf)),
      '②',
      `事業PDの評価（総合評価のあるもの）がまだありません（評価期限${model.evaluations.due}）`,
      TAB_NAME.pdEvaluations
    );
  for (const e of (evaluations ?? []).filter(x => x.date <= asOf)) {
    const of = `評価（${e.id}）`;
    need(e.overall !== null, '②', `${of}の総合評価がありません`, TAB_NAME.pdEvaluations, e.rowNumber);
    need(
      approvedOn !== null && e.date >= approvedOn,
      '②',
      `${of}は評価基準の承認（${approvedOn ?? '未承認'}）より前の評価です`,
      TAB_NAME.pdEvaluations,
      e.rowNumber
    );
    if (e.overall === null) continue;
    need(happenedBy(e.reportedOn, asOf), '②', `${of}の庁報告日がありません`, TAB_NAME.pdEvaluations, e.rowNumber);
    need(e.recordUrl !== null, '②', `${of}のヒアリング等の記録（記録URL）がありません`, TAB_NAME.pdEvaluations, e.rowNumber);
    if (isLowEvaluation(e))
      need(
        happenedBy(e.consultedOn, asOf),
        '②',
        `${of}は総合評価${e.overall}ですが庁相談日がありません`,
        TAB_NAME.pdEvaluations,
        e.rowNumber
      );
  }

  // ③ Effect verification per supported company and for the PD's activity as a whole (§5.7).
  const effectsJudged = judged('③');
  for (const c of effectsJudged ? model.results.supported : []) {
    const gap = effectCoverage(ledger, c.id, asOf);
    const waiting = gap.awaitingActual[0];
    const onlyActual = !gap.quantitative && gap.qualitative && waiting !== undefined;
    need(
      isVerified(gap),
      '③',
      `${c.id}の${[gap.quantitative ? '' : '定量（実績値）', gap.qualitative ? '' : '定性'].filter(Boolean).join('と')}の検証がありません`,
      onlyActual ? TAB_NAME.effects : TAB_NAME.cases,
      onlyActual ? waiting.rowNumber : c.rowNumber
    );
  }
  if (effectsJudged)
    need(
      isVerified(effectCoverage(ledger, null, asOf)),
      '③',
      '事業PDの活動全体（案件IDが空の行）の定量（実績値）・定性の検証がそろっていません',
      TAB_NAME.effects
    );

  // ④ Know-how (§5.4(3)); ⑤ the PD team's meetings (§5.5(4)).
  if (judged('④')) need(model.knowhow.length > 0, '④', `${TAB_NAME.knowhow}に記録がありません`, TAB_NAME.knowhow);
  if (judged('⑤'))
    need(
      model.team.meetings.some(m => m.held),
      '⑤',
      `開催済みのPDチーム内会議が${TAB_NAME.meetings}にありません`,
      TAB_NAME.meetings
    );

  // ⑥ Companies against the target; the results presentation and its publicity (§4, §7).
  const { results } = model;
  const resultsJudged = judged('⑥');
  if (resultsJudged)
    need(
      results.supported.length >= results.supportedTarget,
      '⑥',
      `伴走支援企業が${results.supported.length}社で、目標${results.supportedTarget}社に届いていません`,
      TAB_NAME.cases
    );
  if (resultsJudged)
    need(
      results.presentations.some(p => p.held),
      '⑥',
      results.presentations.length === 0 ? '成果発表会が登録されていません' : '成果発表会がまだ開催されていません',
      TAB_NAME.meetings,
      results.presentations[0]?.rowNumber ?? null
    );
  const earliest = settings.presentationEarliest;
  for (const p of resultsJudged ? results.presentations : []) {
    need(
      earliest === null || p.date >= earliest,
      '⑥',
      `成果発表会（${p.id}）の開催日${p.date}は${earliest}より前です`,
      TAB_NAME.meetings,
      p.rowNumber
    );
    if (!p.held) continue;
    need(
      p.announcements > 0,
      '⑥',
      `成果発表会（${p.id}）の開催案内（新聞・テレビ）が${TAB_NAME.publicity}にありません`,
      TAB_NAME.meetings,
      p.rowNumber
    );
    need(p.coverage > 0, '⑥', `成果発表会（${p.id}）の採録記事が${TAB_NAME.publicity}にありません`, TAB_NAME.meetings, p.rowNumber);
  }

  // ⑦-⑩ Each held meeting's materials and minutes; ⑩ also its opinions and proposals.
  for (const item of model.meetingItems)
    for (const m of judged(item.no) ? item.meetings.filter(x => x.held) : []) {
      const of = `${m.type}（${m.id}、${m.date}）`;
      need(m.materialsUrl !== null, item.no, `${of}の資料URLがありません`, TAB_NAME.meetings, m.rowNumber);
      need(m.minutesUrl !== null, item.no, `${of}の議事録URLがありません`, TAB_NAME.meetings, m.rowNumber);
      if (item.no === '⑩') need(m.opinions !== null, item.no, `${of}の意見・提言がありません`, TAB_NAME.meetings, m.rowNumber);
    }

  // 別紙 Every reproduced work with its permission and a copy of it (§15(2)).
  const { no } = annualReportOutline.annex;
  for (const p of judged(no) ? model.permissions : []) {
    need(happenedBy(p.grantedOn, asOf), no, `転載の許可日がありません（${p.rowNumber}行目の著作物）`, TAB_NAME.permissions, p.rowNumber);
    need(p.permitUrl !== null, no, `許可書URLがありません（${p.rowNumber}行目の著作物）`, TAB_NAME.permissions, p.rowNumber);
  }
  return { complete: total - missing.length, total, missing };
}
