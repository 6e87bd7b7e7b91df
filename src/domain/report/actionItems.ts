import { formatYmdJa, partsOf, type YearMonth, type Ymd } from '../dates';
import type { Finding } from '../findings';
import { type MeetingType, TAB_NAME } from '../schema';
import { roughDateJa } from './figures';
import type { ActionItem, ExpertUseLine, ReportModel } from './model';
import { isKnown } from './unknown';

export const monthJa = (m: YearMonth): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
/** '11月27日', with the year only when it differs from the report month's (a deadline in January). */
export const shortDateJa = (d: Ymd, refYear: number): string => {
  const { year, month, day } = partsOf(d);
  return `${year === refYear ? '' : `${year}年`}${month}月${day}日`;
};

/** Codes whose rows could not be read at all, so they are missing from the figures. */
export const UNREAD_ROW_CODES: ReadonlySet<Finding['code']> = new Set([
  'missing-tab',
  'missing-header',
  'required',
  'invalid-date',
  'invalid-number',
  'invalid-choice',
  'invalid-value',
  'formula-without-result',
]);

/** The year's obligations' finding codes, each with what the report calls it (DESIGN.md "The year's obligations"). */
export const YEAR_OBLIGATION_LABEL: Readonly<Partial<Record<Finding['code'], string>>> = {
  'secretariat-roles': '事務局の体制（仕様書5.1(3)）',
  'pd-monthly-report-missing': '事業PDの月次報告書の未受領（仕様書5.4(1)）',
  'pd-evaluation-criteria-unapproved': '承認前の評価基準による評価（仕様書5.6(1)）',
  'pd-evaluation-missing': '事業PDの評価が未実施（仕様書5.6(2)）',
  'pd-evaluation-low-without-consultation': '低評価の庁への相談が未記録（仕様書5.6(2)）',
  'pd-evaluation-not-reported': '評価結果の庁への報告が未記録（仕様書5.6(2)）',
  'presentation-too-early': '成果発表会の開催時期（仕様書7）',
  'presentation-no-announcement': '成果発表会の開催案内（仕様書7⑦）',
  'presentation-no-coverage': '成果発表会の採録記事（仕様書7⑧）',
  'effect-verification-missing': `${TAB_NAME.effects}の記録（仕様書5.7）`,
  'reprint-permission-pending': '転載の許可の取得（仕様書15(2)）',
};
export const YEAR_OBLIGATION_CODES: ReadonlySet<Finding['code']> = new Set(Object.keys(YEAR_OBLIGATION_LABEL) as Finding['code'][]);

/**
 * One item per category, however many rows it concerns: the report's length and the Docs calls that write
 * it stay bounded, and the details live in the tables.
 */
export function actionItems(model: Omit<ReportModel, 'actions' | 'charts'>, asOf: Ymd): ActionItem[] {
  const { findings } = model;
  // A section whose source is missing has no figures to act on; it is listed once, as unknown.
  const meetings = isKnown(model.meetings) ? model.meetings : null;
  const experts = isKnown(model.experts) ? model.experts : null;
  const cases = isKnown(model.cases) ? model.cases : null;
  const pd = isKnown(model.pd) ? model.pd : null;
  const year = partsOf(model.overview.from).year;
  const short = (d: Ymd): string => shortDateJa(d, year);
  const items: ActionItem[] = [];
  const unknown = [model.pd, model.experts, model.cases, model.meetings].flatMap(s => [
    ...(s.unknown === null ? [] : [s.unknown]),
    ...s.caveats,
  ]);
  if (unknown.length > 0)
    items.push({
      kind: 'figures-unknown',
      label: '不明な数値',
      detail: `この報告書では次の数値が不明です: ${unknown.join('。')}。ブックのタブ名・見出しを直してください。`,
    });
  if (meetings && meetings.minutesOverdue.length > 0)
    items.push({
      kind: 'minutes-overdue',
      label: '議事録の期限超過',
      detail: `${formatYmdJa(meetings.minutesOverdueAsOf)}時点で${meetings.minutesOverdue.length}件: ${meetings.minutesOverdue
        .map(
          m =>
            `${m.id}（${m.type}、${short(m.date)}開催、期限${short(m.minutesDue)}${m.sharedOn ? `、${short(m.sharedOn)}共有` : `、${short(asOf)}現在も未共有`}）`
        )
        .join('、')}`,
    });
  if (meetings && meetings.minutesDueSoon.length > 0)
    items.push({
      kind: 'minutes-due-soon',
      label: '議事録の期限間近',
      detail: meetings.minutesDueSoon.map(m => `${m.id}（${m.type}、期限${short(m.minutesDue)}）`).join('、'),
    });
  if (experts && experts.capBreaches.length > 0)
    items.push({
      kind: 'expert-cap',
      label: '専門家活用の月上限超過',
      detail: `月${experts.monthlyCap}回の上限（仕様書12(1)）を超えた月: ${experts.capBreaches.map(b => `${monthJa(b.month)}（${b.uses}回）`).join('、')}`,
    });
  const unverified = (cases?.list ?? []).filter(c => c.supported && c.prevalidatedOn === null);
  if (unverified.length > 0)
    items.push({
      kind: 'prevalidation',
      label: '事前検証の記録なし',
      detail: `支援中・出口戦略・完了の案件で事前検証日（仕様書5.4(2)）がありません: ${unverified.map(c => `${c.id} ${c.company ?? ''}`.trim()).join('、')}`,
    });
  const withoutPrior = experts?.withoutPriorConsultation ?? [];
  const upcomingWithoutPrior = experts?.upcomingWithoutPriorConsultation ?? [];
  if (withoutPrior.length + upcomingWithoutPrior.length > 0) {
    const part = (xs: readonly ExpertUseLine[], what: string): string =>
      xs.length === 0
        ? ''
        : `${what}: ${xs.map(x => `${short(x.date)} ${x.expert ?? ''}（${x.status}、${TAB_NAME.experts}${x.rowNumber}行目）`).join('、')}`;
    items.push({
      kind: 'prior-consultation',
      label: '専門家派遣の事前協議',
      detail: [part(withoutPrior, '事前協議日の記録がない活用'), part(upcomingWithoutPrior, '実施前に事前協議が必要な予定')]
        .filter(Boolean)
        .join('。'),
    });
  }
  const lateNext = (cases?.list ?? []).filter(c => c.nextDueOverdue);
  if (lateNext.length > 0)
    items.push({
      kind: 'next-action-overdue',
      label: '次回期日を過ぎた案件',
      detail: lateNext.map(c => `${c.id} ${c.company ?? ''}（期日${short(c.nextDue as Ymd)}、担当 ${c.owner ?? '未設定'}）`).join('、'),
    });
  if (findings.errors > 0)
    items.push({
      kind: 'validation-errors',
      label: '未解決の入力エラー',
      detail: `ブックに${findings.errors}件の入力エラーがあります（付録「未解決の入力エラー」）。${
        findings.openErrors.some(f => UNREAD_ROW_CODES.has(f.code)) ? '読み取れなかった行は、この報告書の数値に含まれていません。' : ''
      }`,
    });
  if (model.obligations.length > 0) {
    const byCode = new Map<string, string[]>();
    for (const f of model.obligations) {
      const label = YEAR_OBLIGATION_LABEL[f.code] ?? f.code;
      const place = f.row === null ? f.sheet : `${f.sheet}${f.row}行目`;
      byCode.set(label, [...(byCode.get(label) ?? []), place]);
    }
    items.push({
      kind: 'year-obligations',
      label: '年間の義務（事業PDの報告・評価、成果発表会、効果の検証、転載の許可）',
      detail: `${[...byCode].map(([label, places]) => `${label}: ${[...new Set(places)].join('、')}`).join('。')}。各セルのメモに対応方法があります。`,
    });
  }
  const risks: string[] = [];
  if (cases && cases.supported < cases.target) risks.push(`伴走支援企業が${cases.supported}社で、目標${cases.target}社に届いていません`);
  if (meetings && !meetings.liaisonOnTrack)
    risks.push(
      `地域連携会議は${meetings.liaisonCouncilsToDate}回開催・${meetings.liaisonCouncilsScheduled.length}回予定で、目標${meetings.liaisonTarget}回に届きません`
    );
  if (pd?.pace.atRisk)
    risks.push(
      `PD稼働: ${pd.pace.forecast === 'runs-out-before-end' ? `予算時間を${roughDateJa(pd.pace.runsOutOn as Ymd)}に使い切る見込みです` : pd.pace.forecast === 'budget-used' ? '予算時間に達しました' : '予算時間の消化が遅れています'}`
    );
  if (experts && experts.usesToDate + experts.plannedAfterMonth > experts.budgetUses)
    risks.push(`専門家活用が累計${experts.usesToDate}回・予定${experts.plannedAfterMonth}回で、予算${experts.budgetUses}回を超えます`);
  // A month still running may hold its meetings later: only a meeting neither held nor registered is missing.
  const monthOver = model.overview.asOf > model.overview.to;
  const registered = (types: readonly MeetingType[]): boolean => (meetings?.list ?? []).some(m => types.includes(m.type));
  if (meetings && meetings.reviewOrTrainingThisMonth === 0 && (monthOver || !registered(['支援検討会', '研修会'])))
    risks.push('今月は支援検討会・研修会が開かれていません（目安は月1回程度、仕様書5.5(2)）');
  if (meetings && !meetings.monthlyLiaisonHeld && (monthOver || !registered(['月次連絡会'])))
    risks.push('今月の月次連絡会が記録されていません（仕様書13(2)）');
  if (risks.length > 0) items.push({ kind: 'target-at-risk', label: '目標・予算の見通し', detail: `${risks.join('。')}。` });
  return items;
}
