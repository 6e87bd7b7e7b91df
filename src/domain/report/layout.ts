/**
 * The monthly report as neutral blocks, in Japanese. The Google Doc writer (src/gas/reportDoc.ts) and the
 * .docx writer (src/local/docxReport.ts) both render exactly these, so what the report says and in which
 * order lives here alone.
 *
 * Lists whose length depends on the data are tables, never bullets: a table is one append call in Docs,
 * so the number of Docs calls stays the same however many rows the workbook has.
 */
import { contract } from '../../../sheets-templates/contract';
import { chartOf, unavailableText } from '../charts/reportCharts';
import type { ChartId, ChartSpec } from '../charts/spec';
import type { CheckResult } from '../check';
import { formatYmdJa, minYmd, monthOf, partsOf, WEEKDAY_JA, weekday, type Ymd } from '../dates';
import type { ReadResult } from '../ledgerReader';
import { TAB_NAME } from '../schema';
import { hoursText, roughDateJa, round2 } from './figures';
import { buildReportModel, type CaseLine, type ExpertUseLine, type MeetingLine, type ReportModel } from './model';
import { isKnown, UNKNOWN_TEXT } from './unknown';

export type CellAlign = 'left' | 'right';

export type ReportBlock =
  | { readonly kind: 'title'; readonly text: string }
  /** A title page: the title, then its lines (name, year, region, contractor, date), then a page break. */
  | { readonly kind: 'cover'; readonly title: string; readonly lines: readonly string[] }
  /** A table of contents of the headings down to `levels` (Word: a TOC field; Docs: the list of those headings). */
  | {
      readonly kind: 'toc';
      readonly title: string;
      readonly levels: 1 | 2;
      readonly entries: readonly { readonly level: 1 | 2; readonly text: string }[];
    }
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'bullets'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      /** A header cell may hold a line break ('\n') where a long header should wrap. */
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** Per column; numbers read best right-aligned. Writers may ignore it. */
      readonly align?: readonly CellAlign[];
      /** The last row is a total (set apart by the writers that can). */
      readonly totalRow?: boolean;
    }
  /** A chart of the report's own figures: a native chart in the .docx, an image in the Google Doc. */
  | { readonly kind: 'chart'; readonly chart: ChartSpec }
  | { readonly kind: 'pageBreak' };

// ---- formatting ----------------------------------------------------------------------------------

export const NONE = '—';

/** 1200.5 → '1,200.5'. Written out by hand: Apps Script's Intl support is not something to lean on. */
export function grouped(n: number): string {
  const [int, frac] = String(n).split('.');
  return `${(int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** 87600 → '87,600円'. */
export const yen = (n: number): string => `${grouped(Math.round(n))}円`;

const hours = (n: number): string => `${hoursText(n)}時間`;
const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : NONE);
const monthJa = (m: string): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** '11/1（金）' in the report month's year, '2025/1/8（水）' otherwise: compact for table cells. */
function tableDate(d: Ymd | null, refYear: number): string {
  if (d === null) return NONE;
  const { year, month, day } = partsOf(d);
  return `${year === refYear ? '' : `${year}/`}${month}/${day}（${WEEKDAY_JA[weekday(d)]}）`;
}

/** '11月20日' in the report month's year, else with the year. */
function dateInText(d: Ymd, refYear: number): string {
  const { year, month, day } = partsOf(d);
  return year === refYear ? `${month}月${day}日` : formatYmdJa(d);
}

export const orNone = (s: string | null | undefined): string => (s === null || s === undefined || s === '' ? NONE : s);
const count = (n: number, unit: string): string => `${n}${unit}`;

/** A table, or a sentence when there is nothing to put in it (an empty grid reads as a mistake). */
export function tableOr(
  empty: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly CellAlign[],
  totalRow = false
): ReportBlock {
  return rows.length === 0
    ? { kind: 'paragraph', text: empty }
    : { kind: 'table', header, rows, ...(align ? { align } : {}), ...(totalRow ? { totalRow } : {}) };
}

/** The model's chart, or the sentence saying why it cannot be drawn: never a chart of zeros. */
export function chartBlock(model: Pick<ReportModel, 'charts'>, id: ChartId): ReportBlock[] {
  const chart = chartOf(model.charts, id);
  if (!chart) return [];
  return [chart.unavailable === null ? { kind: 'chart', chart } : { kind: 'paragraph', text: unavailableText(chart) }];
}

/** Every chart of the model as blocks, in the monthly report's order of sections. */
export const chartBlocks = (model: Pick<ReportModel, 'charts'>): ReportBlock[] =>
  (['targets', 'pdHours', 'minutes', 'expertUses'] as const).flatMap(id => chartBlock(model, id));

/**
 * The four charts for another report of the year (the 事業報告書): the figures of the month of `asOf` (or of
 * 事業終了日 when asOf is later), as of `asOf`. The same model, hence the same figures, as that month's report.
 */
export function chartBlocksAsOf(read: ReadResult, result: CheckResult, asOf: Ymd, workbookName: string): ReportBlock[] {
  const month = monthOf(minYmd(asOf, read.ledger.settings.programmeEnd));
  return chartBlocks(buildReportModel(read, result, month, asOf, workbookName));
}

// ---- sections ------------------------------------------------------------------------------------

/** A section whose source could not be read: its heading, 不明 with the reason, and its chart's sentence. */
const unknownBlocks = (heading: string, reason: string, charts: readonly ReportBlock[] = []): ReportBlock[] => [
  { kind: 'heading', level: 1, text: heading },
  { kind: 'paragraph', text: `${UNKNOWN_TEXT}: ${reason}。この章の数値は集計していません（0ではありません）。` },
  ...charts,
];

/** What a known section could not compute (a breakdown whose column is missing). */
const caveatBlocks = (caveats: readonly string[]): ReportBlock[] =>
  caveats.length === 0 ? [] : [{ kind: 'paragraph', text: `${UNKNOWN_TEXT}: ${caveats.join('。')}。` }];

function overview(model: ReportModel, year: number): ReportBlock[] {
  const { overview: o, pd, experts, cases, meetings } = model;
  const unknownRow = (label: string, reason: string): string[] => [label, UNKNOWN_TEXT, UNKNOWN_TEXT, UNKNOWN_TEXT, reason];
  const pdRows = isKnown(pd)
    ? [
        ['PD稼働時間', hours(pd.hoursThisMonth), hours(pd.hoursToDate), hours(pd.budgetHours), percent(pd.hoursToDate, pd.budgetHours)],
        [
          'PD稼働日数',
          count(pd.daysThisMonth, '日'),
          count(pd.daysToDate, '日'),
          count(pd.budgetDays, '日'),
          percent(pd.daysToDate, pd.budgetDays),
        ],
      ]
    : [unknownRow('PD稼働時間', pd.unknown), unknownRow('PD稼働日数', pd.unknown)];
  const expertRows = isKnown(experts)
    ? [
        [
          '専門家活用',
          `${experts.usesThisMonth}回（上限${experts.monthlyCap}回）`,
          count(experts.usesToDate, '回'),
          count(experts.budgetUses, '回'),
          percent(experts.usesToDate, experts.budgetUses),
        ],
      ]
    : [unknownRow('専門家活用', experts.unknown)];
  const caseRows = isKnown(cases)
    ? [
        [
          '伴走支援企業',
          NONE,
          count(cases.supported, '社'),
          count(cases.target, '社'),
          cases.supported >= cases.target ? '達成' : `残り${cases.target - cases.supported}社`,
        ],
      ]
    : [unknownRow('伴走支援企業', cases.unknown)];
  const meetingRows = isKnown(meetings)
    ? [
        [
          '地域連携会議',
          count(meetings.heldThisMonth.地域連携会議, '回'),
          count(meetings.liaisonCouncilsToDate, '回'),
          `${meetings.liaisonTarget}回以上`,
          Math.max(0, meetings.liaisonTarget - meetings.liaisonCouncilsToDate) === 0
            ? '達成'
            : `残り${meetings.liaisonTarget - meetings.liaisonCouncilsToDate}回（予定${meetings.liaisonCouncilsScheduled.length}回）`,
        ],
        [
          '議事録の期限超過',
          NONE,
          `${meetings.minutesOverdueAtMonthEnd}件（${dateInText(meetings.minutesOverdueAsOf, year)}時点）`,
          '0件',
          meetings.minutesOverdueAtMonthEnd === 0 ? 'なし' : '要対応',
        ],
      ]
    : [unknownRow('地域連携会議', meetings.unknown), unknownRow('議事録の期限超過', meetings.unknown)];
  const { actions } = model;
  return [
    { kind: 'heading', level: 1, text: '1. 概要' },
    {
      kind: 'table',
      header: ['項目', '内容'],
      rows: [
        ['対象期間', `${formatYmdJa(o.from)}〜${formatYmdJa(o.to)}`],
        ['累計の集計期間', `${o.toDateFrom ? `${formatYmdJa(o.toDateFrom)}（事業開始日）` : '記録の初日'}〜${formatYmdJa(o.to)}`],
        ['事業期間', `${o.programmeStart ? formatYmdJa(o.programmeStart) : '（事業開始日 未設定）'}〜${formatYmdJa(o.programmeEnd)}`],
        ['PD派遣開始日', o.pdDispatchStart ? formatYmdJa(o.pdDispatchStart) : '（未設定）'],
        ['データ時点', formatYmdJa(o.asOf)],
        ['元のブック', o.workbook],
      ],
    },
    { kind: 'heading', level: 2, text: '主な数値' },
    {
      kind: 'table',
      header: ['項目', '今月', '累計', '目標・予算', '進捗'],
      align: ['left', 'right', 'right', 'right', 'right'],
      rows: [...pdRows, ...expertRows, ...caseRows, ...meetingRows],
    },
    {
      kind: 'paragraph',
      text:
        actions.length === 0
          ? '今月、特に対応が必要な事項はありません。'
          : `対応が必要な事項が${actions.length}件あります（「6. 要対応事項」）: ${actions.map(a => a.label).join('、')}。`,
    },
    ...chartBlock(model, 'targets'),
  ];
}

function pdBlocks(model: ReportModel): ReportBlock[] {
  const { pd } = model;
  if (!isKnown(pd)) return unknownBlocks('2. 事業PDの稼働', pd.unknown, chartBlock(model, 'pdHours'));
  const modes = (pd.byMode ?? []).filter(m => m.days > 0).map(m => `${m.mode}${m.days}日`);
  return [
    { kind: 'heading', level: 1, text: '2. 事業PDの稼働' },
    ...caveatBlocks(pd.caveats),
    {
      kind: 'paragraph',
      text: `今月は${pd.daysThisMonth}日・${hours(pd.hoursThisMonth)}稼働しました${modes.length > 0 ? `（${modes.join('、')}）` : ''}。累計は${pd.daysToDate}日・${hours(pd.hoursToDate)}（${hoursText(pd.standardHours)}時間換算で${pd.standardDaysToDate}日）で、予算${pd.budgetDays}日・${hours(pd.budgetHours)}に対し時間で${percent(pd.hoursToDate, pd.budgetHours)}です。`,
    },
    { kind: 'heading', level: 2, text: '区分別（今月）' },
    {
      kind: 'table',
      header: ['区分', '時間', '日数'],
      align: ['left', 'right', 'right'],
      rows: [
        ...(pd.byMode ?? []).map(m => [m.mode, hours(m.hours), count(m.days, '日')]),
        ['合計', hours(pd.hoursThisMonth), count(pd.daysThisMonth, '日')],
      ],
      totalRow: true,
    },
    { kind: 'paragraph', text: '同じ日に複数の区分で稼働した場合は、その日をそれぞれの区分に数えています（合計は重複を除いた日数）。' },
    { kind: 'heading', level: 2, text: '活動内容別（今月）' },
    {
      kind: 'table',
      header: ['活動内容', '時間', '割合'],
      align: ['left', 'right', 'right'],
      rows: [
        ...(pd.byActivity ?? []).map(a => [a.activity, hours(a.hours), percent(a.hours, pd.hoursThisMonth)]),
        ['合計', hours(pd.hoursThisMonth), pd.hoursThisMonth > 0 ? '100%' : NONE],
      ],
      totalRow: true,
    },
    { kind: 'heading', level: 2, text: '予算に対する進捗と見通し' },
    {
      kind: 'table',
      header: ['項目', '値'],
      rows: [
        ['累計の稼働時間', `${hours(pd.hoursToDate)}（予算${hours(pd.budgetHours)}の${percent(pd.hoursToDate, pd.budgetHours)}）`],
        ['累計の稼働日数', `${pd.daysToDate}日（予算${pd.budgetDays}日の${percent(pd.daysToDate, pd.budgetDays)}）`],
        [`${hoursText(pd.standardHours)}時間換算の日数`, `${pd.standardDaysToDate}日`],
        [
          '週あたりの稼働',
          pd.pace.hoursPerWeek === null ? NONE : `平均${hoursText(pd.pace.hoursPerWeek)}時間（目安: 週1日・${hours(pd.standardHours)}）`,
        ],
        ['予算を使い切る時期', pd.pace.runsOutOn === null ? NONE : forecastCell(model)],
      ],
    },
    { kind: 'paragraph', text: pd.pace.summary },
    ...chartBlock(model, 'pdHours'),
    { kind: 'heading', level: 2, text: '旅費' },
    {
      kind: 'paragraph',
      text:
        pd.travelThisMonth === null || pd.travelToDate === null
          ? `旅費は${UNKNOWN_TEXT}です（${TAB_NAME.pdHours}に「旅費」の列がありません）。`
          : `今月の旅費は${yen(pd.travelThisMonth)}${pd.byMode ? `（現地での稼働${pd.byMode.find(m => m.mode === '現地')?.days ?? 0}日）` : ''}、累計${yen(pd.travelToDate)}です。`,
    },
  ];
}

function forecastCell(model: ReportModel): string {
  if (!isKnown(model.pd)) return UNKNOWN_TEXT;
  const { pace } = model.pd;
  const end = formatYmdJa(model.overview.programmeEnd);
  switch (pace.forecast) {
    case 'budget-used':
      return `${formatYmdJa(pace.runsOutOn as Ymd)}に予算に到達`;
    case 'runs-out-before-end':
      return `${roughDateJa(pace.runsOutOn as Ymd)}の見込み（事業終了日 ${end} より前）`;
    case 'lasts-to-end':
      return `事業終了日（${end}）までに使い切らない見込み`;
    default:
      return NONE;
  }
}

function caseBlocks(model: ReportModel, year: number): ReportBlock[] {
  const { cases } = model;
  if (!isKnown(cases)) return unknownBlocks('3. 伴走支援', cases.unknown);
  const activity = (c: CaseLine): string[] => [
    c.pdHoursThisMonth > 0 ? `${hours(c.pdHoursThisMonth)}（${c.pdDaysThisMonth}日）` : NONE,
    c.expertUsesThisMonth > 0 ? `${c.expertUsesThisMonth}回（${c.expertFieldsThisMonth.join('・')}）` : NONE,
    c.meetingsThisMonth.length > 0 ? c.meetingsThisMonth.join('、') : NONE,
  ];
  const withNext = cases.list.filter(c => c.nextAction !== null || c.nextDue !== null);
  return [
    { kind: 'heading', level: 1, text: '3. 伴走支援' },
    {
      kind: 'paragraph',
      text: `支援企業（段階が${contract.supportedStages.join('・')}で、支援開始日が今月末までの案件）は${cases.supported}社で、目標${cases.target}社${cases.supported >= cases.target ? 'を達成しています' : `に対し残り${cases.target - cases.supported}社です`}。${cases.list.length > 0 ? `${TAB_NAME.cases}の${cases.list.length}件の状況は次のとおりです。` : ''}`,
    },
    tableOr(
      `${TAB_NAME.cases}に案件はまだありません。`,
      ['案件ID', '企業名', '段階', '担当', '今月の\nPD稼働', '今月の\n専門家', '今月の\n会議'],
      capped(
        cases.list.map(c => [c.id, orNone(c.company), c.stage, orNone(c.owner), ...activity(c)]),
        7,
        TAB_NAME.cases
      )
    ),
    ...(cases.unknownCaseHours.length === 0
      ? []
      : [
          {
            kind: 'paragraph',
            text: `${TAB_NAME.cases}にない案件IDの稼働（${cases.unknownCaseHours
              .map(u => `「${u.caseId}」${hours(u.hours)}、${TAB_NAME.pdHours} ${u.rows.map(r => `${r}行目`).join('・')}`)
              .join('／')}）は、上の表に含めていません。`,
          } as const,
        ]),
    { kind: 'heading', level: 2, text: '次回アクション' },
    tableOr(
      '次回アクションが入力された案件はありません。',
      ['案件ID', '次回期日', '次回アクション'],
      capped(
        withNext.map(c => [c.id, `${tableDate(c.nextDue, year)}${c.nextDueOverdue ? ' 期日超過' : ''}`, orNone(c.nextAction)]),
        3,
        TAB_NAME.cases
      )
    ),
  ];
}

function meetingBlocks(model: ReportModel, year: number): ReportBlock[] {
  const { meetings } = model;
  if (!isKnown(meetings)) return unknownBlocks('4. 会議', meetings.unknown, chartBlock(model, 'minutes'));
  const heldTypes = Object.entries(meetings.heldThisMonth)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t}${n}件`);
  const july = meetings.liaisonInJuly;
  const councils = (xs: readonly { id: string; date: Ymd }[]): string => xs.map(m => `${m.id}（${dateInText(m.date, year)}）`).join('、');
  const gaps = meetings.cadence.filter(c => c.reviews + c.trainings === 0).map(c => monthJa(c.month));
  const liaisonGaps = meetings.cadence.filter(c => c.monthlyLiaisons === 0).map(c => monthJa(c.month));
  const monthlyLiaison = meetings.list.filter(m => meetings.monthlyLiaisonIds.includes(m.id));
  return [
    { kind: 'heading', level: 1, text: '4. 会議' },
    {
      kind: 'paragraph',
      text:
        meetings.list.length === 0
          ? `${TAB_NAME.meetings}に今月の会議はありません。`
          : `${meetings.heldThisMonthTotal === 0 ? '今月開催した会議はまだありません' : `今月開催した会議は${meetings.heldThisMonthTotal}件です（${heldTypes.join('、')}）`}。議事録の状態は${formatYmdJa(model.overview.asOf)}時点です。`,
    },
    ...(meetings.list.length === 0
      ? []
      : [
          {
            kind: 'table',
            header: ['会議ID', '種別', '開催日', '形式', '議事録期限', '共有日', '議事録の状態'],
            rows: capped(
              meetings.list.map(m => [
                m.id,
                m.type,
                tableDate(m.date, year),
                orNone(m.format),
                tableDate(m.minutesDue, year),
                tableDate(m.minutesSharedOn, year),
                m.statusLabel,
              ]),
              7,
              TAB_NAME.meetings
            ),
          } as const,
        ]),
    { kind: 'heading', level: 2, text: `地域連携会議（年${meetings.liaisonTarget}回以上、仕様書6）` },
    {
      kind: 'bullets',
      items: [
        `累計${meetings.liaisonCouncilsToDate}回${meetings.liaisonCouncilsHeld.length > 0 ? `: ${councils(meetings.liaisonCouncilsHeld)}` : ''}（目標${meetings.liaisonTarget}回以上）`,
        `7月の開催（第1回は7月が望ましい）: ${july.held === null ? '対象外または未到来' : july.held ? `あり（${july.ids.join('、')}）` : 'なし'}`,
        `今後の予定: ${meetings.liaisonCouncilsScheduled.length > 0 ? councils(meetings.liaisonCouncilsScheduled) : '登録なし'}${meetings.liaisonOnTrack ? '（目標に届く見込み）' : '（このままでは目標に届きません）'}`,
      ],
    },
    { kind: 'heading', level: 2, text: '支援検討会・研修会と月次連絡会の開催状況' },
    tableOr(
      'PD派遣開始日が設定されていないため、月ごとの開催状況は集計していません。',
      ['月', '支援検討会', '研修会', '月次連絡会'],
      meetings.cadence.map(c => [monthJa(c.month), count(c.reviews, '回'), count(c.trainings, '回'), count(c.monthlyLiaisons, '回')]),
      ['left', 'right', 'right', 'right']
    ),
    {
      kind: 'paragraph',
      text: `目安は支援検討会・研修会が月1回程度（仕様書5.5(2)）、月次連絡会が毎月（仕様書13(2)）です。${gaps.length > 0 ? `支援検討会・研修会のなかった月: ${gaps.join('、')}。` : ''}${liaisonGaps.length > 0 ? `月次連絡会のなかった月: ${liaisonGaps.join('、')}。` : ''}今月の月次連絡会: ${monthlyLiaison.length > 0 ? `開催済（${monthlyLiaison.map(m => `${m.id} ${dateInText(m.date, year)}`).join('、')}）` : '記録なし'}。`,
    },
    { kind: 'heading', level: 2, text: '議事録の期限' },
    {
      kind: 'paragraph',
      text:
        meetings.minutesOverdue.length === 0
          ? `${formatYmdJa(meetings.minutesOverdueAsOf)}時点で、期限を過ぎて未共有の議事録はありません。`
          : `${formatYmdJa(meetings.minutesOverdueAsOf)}時点で、期限を過ぎて未共有の議事録が${meetings.minutesOverdue.length}件ありました: ${meetings.minutesOverdue
              .map(
                m =>
                  `${m.id}（${m.type}、期限${dateInText(m.minutesDue, year)}${m.sharedOn ? `、${dateInText(m.sharedOn, year)}に共有` : ''}）`
              )
              .join('、')}。`,
    },
    ...caveatBlocks(meetings.caveats),
    ...chartBlock(model, 'minutes'),
  ];
}

function expertBlocks(model: ReportModel, year: number): ReportBlock[] {
  const { experts } = model;
  if (!isKnown(experts)) return unknownBlocks('5. 専門家活用', experts.unknown, chartBlock(model, 'expertUses'));
  const left = Math.max(0, experts.budgetUses - experts.usesToDate);
  const money = (n: number | null): string => (n === null ? UNKNOWN_TEXT : yen(n));
  return [
    { kind: 'heading', level: 1, text: '5. 専門家活用' },
    ...caveatBlocks(experts.caveats),
    {
      kind: 'paragraph',
      text: `今月は${experts.usesThisMonth}回（月上限${experts.monthlyCap}回、仕様書12(1)）${experts.cancelledThisMonth > 0 ? `、中止${experts.cancelledThisMonth}件` : ''}、累計${experts.usesToDate}回（予算${experts.budgetUses}回、残り${left}回）です。今月の謝金は${money(experts.feesThisMonth)}、旅費は${money(experts.travelThisMonth)}、累計の謝金は${money(experts.feesToDate)}、旅費は${money(experts.travelToDate)}です。${experts.plannedAfterMonth > 0 ? `来月以降の予定が${experts.plannedAfterMonth}件あります。` : ''}`,
    },
    tableOr(
      '今月の専門家活用はありません。',
      ['実施日', '専門家名', '専門分野', '案件ID', '状態'],
      capped(
        experts.list.map(x => [tableDate(x.date, year), orNone(x.expert), orNone(x.field), orNone(x.caseId), x.status]),
        5,
        TAB_NAME.experts
      )
    ),
    { kind: 'heading', level: 2, text: '専門分野別' },
    experts.byField === null
      ? { kind: 'paragraph', text: `専門分野別の内訳は${UNKNOWN_TEXT}です。` }
      : tableOr(
          'これまでの専門家活用はありません。',
          ['専門分野', '今月', '累計'],
          experts.byField.map(f => [f.field, count(f.thisMonth, '回'), count(f.toDate, '回')]),
          ['left', 'right', 'right']
        ),
    {
      kind: 'paragraph',
      text:
        experts.capBreaches.length === 0
          ? `月${experts.monthlyCap}回の上限を超えた月はありません。`
          : `月${experts.monthlyCap}回の上限を超えた月: ${experts.capBreaches.map(b => `${monthJa(b.month)}（${b.uses}回）`).join('、')}。`,
    },
    ...chartBlock(model, 'expertUses'),
  ];
}

function actionBlocks(model: ReportModel): ReportBlock[] {
  return [
    { kind: 'heading', level: 1, text: '6. 要対応事項' },
    model.actions.length === 0
      ? { kind: 'paragraph', text: '特にありません。' }
      : { kind: 'bullets', items: model.actions.map(a => `${a.label}: ${a.detail}`) },
  ];
}

/**
 * Lists longer than this are summarised, in the same table (so the report's blocks, and the Docs calls that write
 * them, are the same however many rows there are): the PD rows by day, other lists cut with a last row saying how
 * many more there are and where they are.
 */
export const LIST_LIMIT = 200;

const distinct = (xs: readonly (string | null)[]): string => [...new Set(xs.filter((x): x is string => x !== null))].join('・') || NONE;

/** Rows by their date, in first-seen order (Apps Script's V8 has no Map.groupBy). */
function groupByDate<T extends { readonly date: Ymd }>(xs: readonly T[]): Map<Ymd, T[]> {
  const groups = new Map<Ymd, T[]>();
  for (const x of xs) {
    const list = groups.get(x.date);
    if (list) list.push(x);
    else groups.set(x.date, [x]);
  }
  return groups;
}

/** At most LIST_LIMIT rows; past it, a last row says how many more there are and where to find them. */
export function capped(rows: readonly (readonly string[])[], width: number, where: string, limit = LIST_LIMIT): (readonly string[])[] {
  if (rows.length <= limit) return [...rows];
  const more = Array.from({ length: width }, () => '');
  more[0] = '…';
  more[1] = `ほか${rows.length - limit}件（全${rows.length}件は${where}にあります）`;
  return [...rows.slice(0, limit), more];
}

function appendixBlocks(model: ReportModel, year: number): ReportBlock[] {
  const { appendix, findings } = model;
  const m = monthJa(model.month);
  const pdTotal = round2(appendix.pdRows.reduce((a, r) => a + r.hours, 0));
  const expertRow = (x: ExpertUseLine): string[] => [
    tableDate(x.date, year),
    orNone(x.expert),
    orNone(x.field),
    x.hours === null ? NONE : hoursText(x.hours),
    orNone(x.caseId),
    tableDate(x.consultedOn, year),
    x.status,
    x.fee === null ? NONE : yen(x.fee),
    x.travelCost === null ? NONE : yen(x.travelCost),
  ];
  const meetingRow = (x: MeetingLine): string[] => [
    x.id,
    x.type,
    tableDate(x.date, year),
    orNone(x.format),
    orNone(x.minutesOwner),
    orNone(x.sharedWith),
    x.caseIds.length > 0 ? x.caseIds.join('、') : NONE,
  ];
  // A month of more than LIST_LIMIT PD rows is shown by day: one row a day, the same columns, saying so.
  const pdByDay = appendix.pdRows.length > LIST_LIMIT;
  const pdRows = pdByDay
    ? [...groupByDate(appendix.pdRows)].map(([d, rows]) => [
        tableDate(d, year),
        hoursText(round2(rows.reduce((a, r) => a + r.hours, 0))),
        distinct(rows.map(r => r.mode)),
        distinct(rows.map(r => r.activity)),
        `${new Set(rows.flatMap(r => (r.caseId ? [r.caseId] : []))).size}件`,
        `${new Set(rows.flatMap(r => (r.meetingId ? [r.meetingId] : []))).size}件`,
        yen(rows.reduce((a, r) => a + (r.travelCost ?? 0), 0)),
        `${rows.length}行`,
      ])
    : appendix.pdRows.map(r => [
        tableDate(r.date, year),
        hoursText(r.hours),
        orNone(r.mode),
        orNone(r.activity),
        orNone(r.caseId),
        orNone(r.meetingId),
        r.travelCost === null ? NONE : yen(r.travelCost),
        orNone(r.note),
      ]);
  const pdNote = pdByDay ? `全${appendix.pdRows.length}行を日ごとに集計（各行は${TAB_NAME.pdHours}にあります）` : '';
  return [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 1, text: '付録' },
    { kind: 'heading', level: 2, text: `付録1 ${TAB_NAME.pdHours}（${m}${pdByDay ? '、日ごとの集計' : ''}）` },
    tableOr(
      '今月の稼働記録はありません。',
      ['日付', '時間', '区分', '活動内容', '案件ID', '会議ID', '旅費', pdByDay ? '行数' : '備考'],
      [
        ...pdRows,
        ...(appendix.pdRows.length > 0
          ? [
              [
                '合計',
                hoursText(pdTotal),
                '',
                '',
                '',
                '',
                model.pd.travelThisMonth === null ? UNKNOWN_TEXT : yen(model.pd.travelThisMonth),
                pdNote,
              ],
            ]
          : []),
      ],
      ['left', 'right', 'left', 'left', 'left', 'left', 'right', 'left'],
      true
    ),
    { kind: 'heading', level: 2, text: `付録2 ${TAB_NAME.experts}（${m}）` },
    tableOr(
      '今月の専門家活用の記録はありません。',
      ['実施日', '専門家名', '専門分野', '時間', '案件ID', '事前協議日', '状態', '謝金', '旅費'],
      capped(appendix.expertRows.map(expertRow), 9, TAB_NAME.experts),
      ['left', 'left', 'left', 'right', 'left', 'left', 'left', 'right', 'right']
    ),
    { kind: 'heading', level: 2, text: `付録3 ${TAB_NAME.meetings}（${m}）` },
    tableOr(
      '今月の会議の登録はありません。',
      ['会議ID', '種別', '開催日', '形式', '議事録担当', '共有先', '関連案件'],
      capped(appendix.meetingRows.map(meetingRow), 7, TAB_NAME.meetings)
    ),
    { kind: 'heading', level: 2, text: '付録4 未解決の入力エラー' },
    tableOr(
      `${formatYmdJa(model.overview.asOf)}時点で、入力エラーはありません${findings.warnings > 0 ? `（確認を勧める警告${findings.warnings}件はシートのメモを参照）` : ''}。`,
      ['タブ', '行', '列', '内容'],
      capped(
        findings.openErrors.map(f => [f.sheet, f.row === null ? NONE : String(f.row), orNone(f.column), f.message]),
        4,
        '「入力をすべてチェック」（ローカルでは chizai-desk check）の結果'
      ),
      ['left', 'right', 'left', 'left']
    ),
  ];
}

/** The whole report, top to bottom. */
export function reportBlocks(model: ReportModel): ReportBlock[] {
  const year = partsOf(model.overview.from).year;
  return [
    { kind: 'title', text: `月次活動報告書（${monthJa(model.month)}）` },
    ...overview(model, year),
    ...pdBlocks(model),
    ...caseBlocks(model, year),
    ...meetingBlocks(model, year),
    ...expertBlocks(model, year),
    ...actionBlocks(model),
    ...appendixBlocks(model, year),
  ];
}
