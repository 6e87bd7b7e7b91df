/**
 * The 事業報告書 as neutral blocks (the same blocks as the monthly report: src/domain/report/layout.ts), in the
 * order of §15(1): cover, contents, the four chapters, ① to ⑪ in the spec's words, and the annex of §15(2). The
 * Google Doc writer and the .docx writer render exactly these.
 *
 * A list longer than ANNUAL_LIST_LIMIT rows is cut there, its last row saying how many more there are and where they
 * are: the document, and the Docs calls that write it, stay the same however many rows the workbook has.
 * The monthly report's four charts, as of asOf, go where their subject is: the targets in 2, the PD's hours in ①,
 * expert uses in ⑤, minutes by status in ⑥ (連携強化).
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import { formatYmdJa, partsOf, type Ymd } from '../dates';
import { hoursText } from '../report/figures';
import { capped, chartBlock, grouped, NONE, orNone, type ReportBlock, tableOr } from '../report/layout';
import { UNKNOWN_TEXT } from '../report/unknown';
import { TAB_NAME } from '../schema';
import type { AnnualReportModel, CaseResult } from './model';

const hours = (n: number): string => `${hoursText(n)}時間`;
const percent = (part: number, whole: number): string => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : NONE);
const monthJa = (m: string): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
/** '2024/11/15' (tables hold many dates: the short form). */
const date = (d: Ymd | null): string => {
  if (d === null) return NONE;
  const { year, month, day } = partsOf(d);
  return `${year}/${month}/${day}`;
};
const num = (n: number | null, unit: string | null): string => (n === null ? NONE : `${grouped(n)}${unit ?? ''}`);
const link = (url: string | null): string => orNone(url);
const heading = (level: 1 | 2, text: string): ReportBlock => ({ kind: 'heading', level, text });
const para = (text: string): ReportBlock => ({ kind: 'paragraph', text });

/** Why a tab's rows cannot be listed (the tab or an essential column missing), or null. */
const rowsUnknown = (model: AnnualReportModel, tab: string): string | null => model.sources.rows[tab] ?? null;
/** A cell from a tab's column: 不明 when the column (or the tab's rows) could not be read, never '—' or 0. */
const col = (model: AnnualReportModel, tab: string, column: string, text: string): string =>
  rowsUnknown(model, tab) !== null || model.sources.columns[`${tab}.${column}`] !== undefined ? UNKNOWN_TEXT : text;
/** In place of a list (or a chapter's text) whose tab's rows could not be read. */
const unknownList = (reason: string, what = '一覧'): ReportBlock => para(`${what}は${UNKNOWN_TEXT}です（${reason}）。`);
/** Right under a section's heading: what it cannot say, and why (the tab or column missing). */
function sourceNote(model: AnnualReportModel, no: string): ReportBlock[] {
  const source = model.sources.sections[no];
  const reasons = [...(source?.unknown ? [source.unknown] : []), ...(source?.caveats ?? [])];
  return reasons.length === 0
    ? []
    : [para(`${UNKNOWN_TEXT}: ${reasons.join('。')}。${UNKNOWN_TEXT}とした欄は、記録がないのではなく、ブックから読めなかったものです。`)];
}

/** '令和6年度（2024年度）'. */
export const fiscalYearJa = (fy: number): string =>
  fy >= 2019 ? `令和${fy - 2018 === 1 ? '元' : fy - 2018}年度（${fy}年度）` : `${fy}年度`;

/** A real year's lists are a few dozen rows; past this many the report says how many more there are, and where. */
export const ANNUAL_LIST_LIMIT = 100;

/** A table of a list (at most ANNUAL_LIST_LIMIT rows and a last one saying how many more, and where they are). */
function list<T>(
  empty: string,
  header: readonly string[],
  items: readonly T[],
  row: (x: T) => readonly string[],
  where: string,
  unknown: string | null = null
): ReportBlock {
  if (unknown !== null) return unknownList(unknown);
  return tableOr(empty, header, capped(items.map(row), header.length, where, ANNUAL_LIST_LIMIT));
}

const chapter = (model: AnnualReportModel, name: string): ReportBlock[] => {
  const unknown = rowsUnknown(model, 'narrative');
  if (unknown !== null) return [unknownList(unknown, '本文')];
  const text = model.narrative[name] ?? [];
  return text.length === 0 ? [para('（記載なし）')] : text.map(para);
};

function chapters(model: AnnualReportModel): ReportBlock[] {
  const [purpose, overview, organisation, results] = annualReportOutline.chapters;
  const { cover, pd, results: r } = model;
  const held = (type: string): number => r.held.find(h => h.type === type)?.count ?? 0;
  return [
    heading(1, `${purpose.no}. ${purpose.title}`),
    ...sourceNote(model, purpose.no),
    ...chapter(model, purpose.chapter),
    heading(1, `${overview.no}. ${overview.title}`),
    ...sourceNote(model, overview.no),
    ...chapter(model, overview.chapter),
    {
      kind: 'table',
      header: ['項目', '内容'],
      rows: [
        ['事業期間', `${cover.programmeStart ? formatYmdJa(cover.programmeStart) : NONE}〜${formatYmdJa(cover.programmeEnd)}`],
        ['事業PDの派遣', pd.dispatchStart ? `${formatYmdJa(pd.dispatchStart)}から` : NONE],
        [
          '事業PDの稼働',
          `${col(model, 'pdHours', 'hours', `${pd.days}日・${hours(pd.hours)}`)}（予算${pd.budgetDays}日・${hours(pd.budgetHours)}）`,
        ],
        ['伴走支援企業', `${col(model, 'cases', 'stage', `${r.supported.length}社`)}（目標${r.supportedTarget}社）`],
        ['地域連携会議', `${col(model, 'meetings', 'type', `${held('地域連携会議')}回`)}（目標${r.liaisonTarget}回以上）`],
        ['支援検討会・研修会', col(model, 'meetings', 'type', `${held('支援検討会') + held('研修会')}回`)],
        [
          '成果発表会',
          col(
            model,
            'meetings',
            'type',
            r.presentations.length === 0 ? NONE : r.presentations.map(p => `${formatYmdJa(p.date)}${p.held ? '' : '（予定）'}`).join('、')
          ),
        ],
      ],
    },
    ...chartBlock(model, 'targets'),
    heading(1, `${organisation.no}. ${organisation.title}`),
    ...sourceNote(model, organisation.no),
    ...chapter(model, organisation.chapter),
    list(
      `${TAB_NAME.handlers}に有効な取扱者がいません。`,
      ['役割', '氏名', '所属'],
      model.organisation.flatMap(o => o.members.map(m => ({ role: o.role, ...m }))),
      m => [m.role, col(model, 'handlers', 'name', orNone(m.name)), col(model, 'handlers', 'affiliation', orNone(m.affiliation))],
      TAB_NAME.handlers,
      rowsUnknown(model, 'handlers') ?? model.sources.columns['handlers.role'] ?? model.sources.columns['handlers.active'] ?? null
    ),
    heading(1, `${results.no}. ${results.title}`),
    ...sourceNote(model, results.no),
    ...chapter(model, results.chapter),
  ];
}

function itemHeading(no: string): ReportBlock {
  const item = annualReportOutline.items.find(i => i.no === no);
  return heading(1, `${no} ${item?.title ?? ''}`);
}

function pdReports(model: AnnualReportModel): ReportBlock[] {
  const { pd } = model;
  const pdUnknown = rowsUnknown(model, 'pdHours');
  const report = (column: string, text: string): string => col(model, 'pdReports', column, text);
  const timesheet = (text: string): string => col(model, 'pdHours', 'hours', text);
  return [
    itemHeading('①'),
    ...sourceNote(model, '①'),
    para(
      `事業PDの年間事業計画・年間スケジュールは${pd.annualPlanReceivedOn ? `${formatYmdJa(pd.annualPlanReceivedOn)}に受領しました` : '受領日が記録されていません'}。月次報告書と、各月の稼働（${TAB_NAME.pdHours}）は次のとおりです。`
    ),
    {
      kind: 'table',
      header: ['対象月', '受領日', '庁提出日', '月次報告書', '稼働時間', '稼働日数'],
      align: ['left', 'left', 'left', 'left', 'right', 'right'],
      rows: [
        ...pd.months.map(m => [
          monthJa(m.month),
          m.due === null ? '（派遣前）' : report('receivedOn', date(m.receivedOn)),
          report('submittedOn', date(m.submittedOn)),
          report('documentUrl', link(m.documentUrl)),
          timesheet(hours(m.hours)),
          timesheet(`${m.days}日`),
        ]),
        ['合計', '', '', '', timesheet(hours(pd.hours)), timesheet(`${pd.days}日`)],
      ],
      totalRow: true,
    },
    para(
      pdUnknown !== null
        ? `年間の稼働は${UNKNOWN_TEXT}です（${pdUnknown}）。予算は${pd.budgetDays}日・${hours(pd.budgetHours)}です。`
        : `年間の稼働は${pd.days}日・${hours(pd.hours)}で、予算${pd.budgetDays}日・${hours(pd.budgetHours)}に対し日数で${percent(pd.days, pd.budgetDays)}、時間で${percent(pd.hours, pd.budgetHours)}です。${
            pd.outsideMonths > 0 ? `事業期間の月の外の日付の稼働${pd.outsideMonths}行は含めていません。` : ''
          }`
    ),
    ...chartBlock(model, 'pdHours'),
    heading(2, '活動内容別の稼働'),
    {
      kind: 'table',
      header: ['活動内容', '時間', '日数', '割合'],
      align: ['left', 'right', 'right', 'right'],
      rows: [
        ...pd.byActivity.map(a => [
          a.activity,
          ...[hours(a.hours), `${a.days}日`, percent(a.hours, pd.hours)].map(t => col(model, 'pdHours', 'activity', t)),
        ]),
        ['合計', timesheet(hours(pd.hours)), timesheet(`${pd.days}日`), timesheet(pd.hours > 0 ? '100%' : NONE)],
      ],
      totalRow: true,
    },
    para('同じ日に複数の活動をした場合は、その日をそれぞれの活動に数えています（合計は重複を除いた日数）。'),
  ];
}

function evaluations(model: AnnualReportModel): ReportBlock[] {
  const { evaluations: e } = model;
  const unknown = rowsUnknown(model, 'pdEvaluations');
  const c = (column: string, text: string): string => col(model, 'pdEvaluations', column, text);
  return [
    itemHeading('②'),
    ...sourceNote(model, '②'),
    para(
      `評価基準は${e.criteriaApprovedOn ? `${formatYmdJa(e.criteriaApprovedOn)}に庁担当者の承認を得ました` : '承認日が記録されていません'}（仕様書5.6(1)）。評価の期限は${formatYmdJa(e.due)}です。`
    ),
    unknown !== null
      ? unknownList(unknown)
      : tableOr(
          `${TAB_NAME.pdEvaluations}に評価はまだありません。`,
          ['評価ID', '評価日', '種類', '総合評価', '庁報告日', '庁相談日', '継続判断'],
          e.list.map(x => [
            x.id,
            date(x.date),
            c('kind', orNone(x.kind)),
            c('overall', orNone(x.overall)),
            c('reportedOn', date(x.reportedOn)),
            c('consultedOn', date(x.consultedOn)),
            c('decision', orNone(x.decision)),
          ])
        ),
    ...(unknown !== null || e.list.length === 0
      ? []
      : [
          heading(2, 'ヒアリング等のメモ'),
          {
            kind: 'table',
            header: ['評価ID', '聴取先', '聴取日', '所見', '記録'],
            rows: e.list.map(x => [
              x.id,
              c('heardFrom', orNone(x.heardFrom)),
              c('heardOn', date(x.heardOn)),
              c('remarks', orNone(x.remarks)),
              c('recordUrl', link(x.recordUrl)),
            ]),
          } as const,
        ]),
  ];
}

function effects(model: AnnualReportModel): ReportBlock[] {
  const c = (column: string, text: string): string => col(model, 'effects', column, text);
  const target = (caseId: string | null, company: string | null): string =>
    c('caseId', caseId === null ? '事業PDの活動全体' : `${caseId} ${col(model, 'cases', 'company', company ?? '')}`.trim());
  // By case (the PD's activity as a whole last), then in sheet order.
  const key = (x: { caseId: string | null }): string => x.caseId ?? '\uffff';
  const lines = [...model.effects].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.rowNumber - b.rowNumber));
  return [
    itemHeading('③'),
    ...sourceNote(model, '③'),
    para('支援企業ごとと事業PDの活動全体について、定量・定性の両面から効果を検証しました（仕様書5.7）。'),
    list(
      `${TAB_NAME.effects}に記録はまだありません。`,
      ['対象', '観点', '指標', '基準値', '目標値', '実績値', '測定日', '根拠・所見'],
      lines,
      x => [
        target(x.caseId, x.company),
        x.aspect,
        c('indicator', orNone(x.indicator)),
        c('baseline', num(x.baseline, x.unit)),
        c('target', num(x.target, x.unit)),
        c('actual', num(x.actual, x.unit)),
        c('measuredOn', date(x.measuredOn)),
        [c('evidence', x.evidence ?? ''), c('remarks', x.remarks ?? '')].filter(Boolean).join(' ') || NONE,
      ],
      TAB_NAME.effects,
      rowsUnknown(model, 'effects')
    ),
  ];
}

function knowhow(model: AnnualReportModel): ReportBlock[] {
  return [
    itemHeading('④'),
    ...sourceNote(model, '④'),
    list(
      `${TAB_NAME.knowhow}に記録はまだありません。`,
      ['記録日', 'テーマ', '内容', '関連案件', '関連会議'],
      model.knowhow,
      k => [
        date(k.date),
        col(model, 'knowhow', 'theme', orNone(k.theme)),
        col(model, 'knowhow', 'content', orNone(k.content)),
        col(model, 'knowhow', 'caseIds', k.caseIds && k.caseIds.length > 0 ? k.caseIds.join('、') : NONE),
        col(model, 'knowhow', 'meetingId', orNone(k.meetingId)),
      ],
      TAB_NAME.knowhow,
      rowsUnknown(model, 'knowhow')
    ),
  ];
}

function caseRows(model: AnnualReportModel, withText: boolean): (x: CaseResult) => string[] {
  const cell = (column: string, text: string): string => col(model, 'cases', column, text);
  return c =>
    withText
      ? [c.id, cell('company', orNone(c.company)), c.stage, cell('menu', orNone(c.menu)), cell('outcome', orNone(c.outcome))]
      : [
          c.id,
          cell('company', orNone(c.company)),
          c.stage,
          hours(c.pdHours),
          `${c.pdDays}日`,
          col(model, 'experts', 'caseId', col(model, 'experts', 'status', `${c.expertUses}回`)),
          col(model, 'meetings', 'caseIds', `${c.meetingsHeld}回`),
        ];
}
function team(model: AnnualReportModel): ReportBlock[] {
  const { team: t } = model;
  return [
    itemHeading('⑤'),
    ...sourceNote(model, '⑤'),
    para(
      rowsUnknown(model, 'handlers') !== null
        ? `プロデューサーチームの構成は${UNKNOWN_TEXT}です（${rowsUnknown(model, 'handlers')}）。`
        : t.members.length === 0
          ? `${TAB_NAME.handlers}に事業PD・PDチームの有効な取扱者がいません。`
          : `プロデューサーチームは${t.members.map(m => `${orNone(m.name)}（${m.role}${m.affiliation ? `、${m.affiliation}` : ''}）`).join('、')}です。`
    ),
    heading(2, 'PDチーム内会議'),
    list(
      'PDチーム内会議の記録はありません。',
      ['会議ID', '開催日', '形式', '議事録共有日', '関連案件'],
      t.meetings,
      m => [
        m.id,
        `${date(m.date)}${m.held ? '' : '（予定）'}`,
        col(model, 'meetings', 'format', orNone(m.format)),
        col(model, 'meetings', 'minutesSharedOn', date(m.minutesSharedOn)),
        col(model, 'meetings', 'caseIds', m.caseIds.length > 0 ? m.caseIds.join('、') : NONE),
      ],
      TAB_NAME.meetings,
      rowsUnknown(model, 'meetings')
    ),
    heading(2, '活動内容別の稼働（①の再掲）'),
    {
      kind: 'table',
      header: ['活動内容', '時間', '日数'],
      align: ['left', 'right', 'right'],
      rows: model.pd.byActivity.map(a => [a.activity, ...[hours(a.hours), `${a.days}日`].map(x => col(model, 'pdHours', 'activity', x))]),
    },
    heading(2, '事業PDが支援した企業'),
    list(
      `${TAB_NAME.pdHours}に案件IDのある稼働はありません。`,
      ['案件ID', '企業名', '段階', 'PD稼働', '日数', '専門家', '会議'],
      t.companies,
      caseRows(model, false),
      TAB_NAME.cases,
      rowsUnknown(model, 'pdHours') ?? rowsUnknown(model, 'cases') ?? model.sources.columns['pdHours.caseId'] ?? null
    ),
    ...chartBlock(model, 'expertUses'),
  ];
}

function results(model: AnnualReportModel): ReportBlock[] {
  const { results: r } = model;
  const count = (type: string): string => col(model, 'meetings', 'type', `${r.held.find(h => h.type === type)?.count ?? 0}回`);
  const casesUnknown = rowsUnknown(model, 'cases');
  const meetingsUnknown = rowsUnknown(model, 'meetings');
  return [
    itemHeading('⑥'),
    ...sourceNote(model, '⑥'),
    heading(2, '伴走支援'),
    para(
      casesUnknown !== null
        ? `支援企業数は${UNKNOWN_TEXT}です（${casesUnknown}）。目標は${r.supportedTarget}社です。`
        : `支援企業は${r.supported.length}社で、目標${r.supportedTarget}社${r.supported.length >= r.supportedTarget ? 'を達成しました' : 'に届いていません'}。`
    ),
    list(
      '支援企業はありません。',
      ['案件ID', '企業名', '段階', '支援メニュー', '成果'],
      r.supported,
      caseRows(model, true),
      TAB_NAME.cases,
      casesUnknown
    ),
    heading(2, '連携強化'),
    {
      kind: 'table',
      header: ['会議', '開催回数', '目標'],
      align: ['left', 'right', 'left'],
      rows: [
        ['地域連携会議', count('地域連携会議'), `${r.liaisonTarget}回以上（仕様書6）`],
        ['支援検討会', count('支援検討会'), '月1回程度（研修会と合わせて、仕様書5.5(2)）'],
        ['研修会', count('研修会'), NONE],
        ['月次連絡会', count('月次連絡会'), '毎月（仕様書13(2)）'],
      ],
    },
    ...chartBlock(model, 'minutes'),
    heading(2, '情報発信・PR活動'),
    meetingsUnknown !== null
      ? unknownList(meetingsUnknown)
      : tableOr(
          '成果発表会は登録されていません。',
          ['成果発表会', '開催日', '開催案内（新聞・テレビ）', '採録記事'],
          r.presentations.map(p => [
            p.id,
            `${date(p.date)}${p.held ? '' : '（予定）'}`,
            col(model, 'publicity', 'meetingId', `${p.announcements}件`),
            col(model, 'publicity', 'meetingId', `${p.coverage}件`),
          ])
        ),
    list(
      `${TAB_NAME.publicity}に記録はまだありません。`,
      ['掲載日', '種類', '媒体区分', '媒体名', '会議ID', '記録'],
      r.publicity,
      p => [
        date(p.date),
        p.kind,
        p.medium,
        col(model, 'publicity', 'outlet', orNone(p.outlet)),
        col(model, 'publicity', 'meetingId', orNone(p.meetingId)),
        col(model, 'publicity', 'recordUrl', link(p.recordUrl)),
      ],
      TAB_NAME.publicity,
      rowsUnknown(model, 'publicity')
    ),
  ];
}

function meetingItems(model: AnnualReportModel): ReportBlock[] {
  return model.meetingItems.flatMap(item => {
    const several = item.types.length > 1;
    const unknown = rowsUnknown(model, 'meetings');
    const cell = (column: string, text: string): string => col(model, 'meetings', column, text);
    const blocks: ReportBlock[] = [
      itemHeading(item.no),
      ...sourceNote(model, item.no),
      list(
        `${item.types.join('・')}の記録はありません。`,
        [...(several ? ['種別'] : []), '会議ID', '開催日', '形式', '資料', '議事録', '共有日'],
        item.meetings,
        m => [
          ...(several ? [m.type] : []),
          m.id,
          `${date(m.date)}${m.held ? '' : '（予定）'}`,
          cell('format', orNone(m.format)),
          cell('materialsUrl', link(m.materialsUrl)),
          cell('minutesUrl', link(m.minutesUrl)),
          cell('minutesSharedOn', date(m.minutesSharedOn)),
        ],
        TAB_NAME.meetings,
        unknown
      ),
    ];
    if (item.no === '⑩') {
      const opinions = item.meetings.filter(m => m.opinions !== null);
      blocks.push(
        heading(2, 'ご意見・提言'),
        list(
          'ご意見・提言の記録はありません。',
          ['会議ID', '開催日', '意見・提言'],
          opinions,
          m => [m.id, date(m.date), m.opinions ?? ''],
          TAB_NAME.meetings,
          unknown ?? model.sources.columns['meetings.opinions'] ?? null
        )
      );
    }
    return blocks;
  });
}

function annex(model: AnnualReportModel): ReportBlock[] {
  const { no, title } = annualReportOutline.annex;
  return [
    { kind: 'pageBreak' },
    heading(1, `${no} ${title}`),
    ...sourceNote(model, no),
    para('著作権者から転載の許可を得た文章、図面、写真等の一覧です（仕様書15(2)）。許可書の写しは各行の許可書のとおりです。'),
    list(
      '転載の許可を得た著作物はありません。',
      ['著作物', '著作権者', '掲載箇所', '申請日', '許可日', '許可書'],
      model.permissions,
      p =>
        (
          [
            ['work', orNone(p.work)],
            ['holder', orNone(p.holder)],
            ['placement', orNone(p.placement)],
            ['requestedOn', date(p.requestedOn)],
            ['grantedOn', date(p.grantedOn)],
            ['permitUrl', link(p.permitUrl)],
          ] as const
        ).map(([column, text]) => col(model, 'permissions', column, text)),
      TAB_NAME.permissions,
      rowsUnknown(model, 'permissions')
    ),
  ];
}

/** The whole 事業報告書, top to bottom. */
export function annualReportBlocks(model: AnnualReportModel): ReportBlock[] {
  const { cover } = model;
  const body: ReportBlock[] = [
    ...chapters(model),
    ...pdReports(model),
    ...evaluations(model),
    ...effects(model),
    ...knowhow(model),
    ...team(model),
    ...results(model),
    ...meetingItems(model),
    itemHeading('⑪'),
    ...chapter(model, annualReportOutline.otherChapter),
    ...annex(model),
  ];
  const entries = body.flatMap(b => (b.kind === 'heading' && b.level === 1 ? [{ level: 1 as const, text: b.text }] : []));
  const { year, month, day } = partsOf(cover.deliveryDue);
  return [
    {
      kind: 'cover',
      title: cover.title,
      lines: [
        cover.programmeName ?? '',
        fiscalYearJa(model.fiscalYear),
        cover.region ?? '',
        cover.contractor ?? '',
        `${year}年${month}月${day}日`,
      ].filter(Boolean),
    },
    { kind: 'toc', title: '目次', levels: 1, entries },
    { kind: 'pageBreak' },
    ...body,
  ];
}
