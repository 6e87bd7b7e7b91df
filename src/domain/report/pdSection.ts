/** The PD's hours: this month, to date, by mode and activity, and the pace against the budget (§10(2),(3)). */
import { contract } from '../../../sheets-templates/contract';
import { addDays, daysBetween, firstDayOfMonth, formatYmdJa, minYmd, type YearMonth, type Ymd } from '../dates';
import { missingSource, type ReadResult } from '../ledgerReader';
import { type PdHoursRow, TAB_NAME } from '../schema';
import { byDateThenRow, firstFigureMonth, hoursText, inRange, monthsFrom, roughDateJa, round1, round2, sum } from './figures';
import type { PdFigures, PdMonth, PdPace, PdSection } from './model';
import { leftOutCaveat, partOf, toUnknown } from './unknown';

/** One month's hours: all of the month's rows, and those inside the "to date" period (from 事業開始日). */
interface MonthHours {
  hours: number;
  counted: number;
}

/**
 * The timesheet month by month up to `to`, in one pass over the rows (the report and its charts both read
 * these, so a 100,000-row timesheet is walked once however many months there are). Sums run in row order.
 */
function hoursByMonth(rows: readonly PdHoursRow[], toDateFrom: Ymd | null, to: Ymd): Map<YearMonth, MonthHours> {
  const byMonth = new Map<YearMonth, MonthHours>();
  for (const r of rows) {
    if (r.date > to) continue;
    const m = r.date.slice(0, 7); // a parsed Ymd: its month is its first seven characters
    let totals = byMonth.get(m);
    if (!totals) {
      totals = { hours: 0, counted: 0 };
      byMonth.set(m, totals);
    }
    totals.hours += r.hours;
    if (toDateFrom === null || toDateFrom <= r.date) totals.counted += r.hours;
  }
  return byMonth;
}

/**
 * Month by month from the first figure month to the report month: the month's hours and the hours to date at
 * its end. The last entry is the report month, so its figures are the section's own.
 */
function pdMonths(byMonth: ReadonlyMap<YearMonth, MonthHours>, toDateFrom: Ymd | null, month: YearMonth): PdMonth[] {
  const months = [...byMonth.keys()].sort();
  const first = firstFigureMonth(toDateFrom, months.map(firstDayOfMonth), month);
  let running = 0;
  for (const m of months) if (m < first) running += byMonth.get(m)?.counted ?? 0;
  return monthsFrom(first, month).map(m => {
    const totals = byMonth.get(m);
    running += totals?.counted ?? 0;
    return { month: m, hours: round2(totals?.hours ?? 0), hoursToDate: round2(running) };
  });
}

export function pdSection(read: ReadResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null, to: Ymd): PdSection {
  const figures = pdFigures(read, month, asOf, toDateFrom, to);
  const why = missingSource(read, 'pdHours', ['date', 'hours']);
  return why === null ? figures : toUnknown(figures, ['budgetHours', 'budgetDays', 'standardHours'], why);
}

function pdFigures(read: ReadResult, month: YearMonth, asOf: Ymd, toDateFrom: Ymd | null, to: Ymd): PdFigures {
  const caveats: string[] = leftOutCaveat(read, 'pdHours');
  const { settings } = read.ledger;
  const from = firstDayOfMonth(month);
  const thisMonth = read.ledger.pdHours.filter(r => inRange(r.date, from, to));
  const toDate = read.ledger.pdHours.filter(r => inRange(r.date, toDateFrom, to));
  const distinctDays = (rows: readonly PdHoursRow[]): number => new Set(rows.map(r => r.date)).size;
  const byMonth = pdMonths(hoursByMonth(read.ledger.pdHours, toDateFrom, to), toDateFrom, month);
  const reportMonth = byMonth.at(-1);
  // Before 事業開始日's month there is no month-by-month figure; the month's own rows still count.
  const hoursToDate = reportMonth?.month === month ? reportMonth.hoursToDate : sum(toDate.map(r => r.hours));
  const standardHours = settings.pdStandardHours;
  const budgetHours = round2(settings.pdBudgetDays * standardHours);
  return {
    hoursThisMonth: reportMonth?.month === month ? reportMonth.hours : sum(thisMonth.map(r => r.hours)),
    daysThisMonth: distinctDays(thisMonth),
    hoursToDate,
    daysToDate: distinctDays(toDate),
    budgetHours,
    budgetDays: settings.pdBudgetDays,
    standardHours,
    standardDaysToDate: standardHours > 0 ? round1(hoursToDate / standardHours) : 0,
    byMode: partOf(read, 'pdHours', ['mode'], '区分別の内訳', caveats, () =>
      contract.choices.区分.map(mode => {
        const rows = thisMonth.filter(r => r.mode === mode);
        return { mode, hours: sum(rows.map(r => r.hours)), days: distinctDays(rows) };
      })
    ),
    byActivity: partOf(read, 'pdHours', ['activity'], '活動内容別の内訳', caveats, () =>
      contract.choices.活動内容.map(activity => ({
        activity,
        hours: sum(thisMonth.filter(r => r.activity === activity).map(r => r.hours)),
      }))
    ),
    travelThisMonth: partOf(read, 'pdHours', ['travelCost'], '旅費', caveats, () => sum(thisMonth.map(r => r.travelCost ?? 0))),
    travelToDate: partOf(read, 'pdHours', ['travelCost'], '旅費', [], () => sum(toDate.map(r => r.travelCost ?? 0))),
    pace: pdPace(read, toDate, minYmd(to, asOf), hoursToDate, budgetHours, standardHours),
    byMonth,
    unknown: null,
    caveats,
  };
}

export function pdPace(
  read: ReadResult,
  toDate: readonly PdHoursRow[],
  /** The month's last day, or asOf while the month is still running. */
  monthEnd: Ymd,
  hoursToDate: number,
  budgetHours: number,
  standardHours: number
): PdPace {
  const { settings } = read.ledger;
  const end = settings.programmeEnd;
  const firstDay = [...toDate].sort(byDateThenRow)[0]?.date ?? null;
  const since = settings.pdDispatchStart ?? settings.programmeStart ?? firstDay;
  const endJa = formatYmdJa(end);
  const base = {
    since,
    weeksElapsed: 0,
    expectedHours: 0,
    paceRatio: null,
    hoursPerWeek: null,
    runsOutOn: null,
    projectedHoursAtEnd: null,
    neededHoursPerWeek: null,
    atRisk: false,
  };
  if (since === null || since > monthEnd)
    return {
      ...base,
      forecast: 'not-started',
      summary:
        since === null
          ? `${TAB_NAME.settings}「PD派遣開始日」が空のため、稼働のペースは計算していません。${TAB_NAME.settings}タブに派遣開始日を入力してください。`
          : `PD派遣開始日（${formatYmdJa(since)}）より前の月のため、稼働のペースはまだ計算していません。`,
    };
  const elapsedDays = daysBetween(since, monthEnd) + 1;
  const weeks = elapsedDays / 7;
  const expectedHours = round1(weeks * standardHours);
  const measured = {
    ...base,
    weeksElapsed: round1(weeks),
    expectedHours,
    paceRatio: expectedHours > 0 ? round2(hoursToDate / expectedHours) : null,
    hoursPerWeek: round1(hoursToDate / weeks),
  };
  const paceText = `${formatYmdJa(since)}（${since === settings.pdDispatchStart ? 'PD派遣開始日' : '集計の起点'}）から${formatYmdJa(monthEnd)}までの約${round1(weeks)}週で累計${hoursText(hoursToDate)}時間、週平均${round1(hoursToDate / weeks)}時間です。目安の「週1日（${hoursText(standardHours)}時間）」に対して${Math.round((hoursToDate / (weeks * standardHours)) * 100)}%のペースです。`;
  if (hoursToDate >= budgetHours) {
    let running = 0;
    const reachedOn =
      [...toDate].sort(byDateThenRow).find(r => {
        running += r.hours;
        return running >= budgetHours;
      })?.date ?? monthEnd;
    const over = round2(hoursToDate - budgetHours);
    return {
      ...measured,
      forecast: 'budget-used',
      runsOutOn: reachedOn,
      atRisk: monthEnd < end,
      summary: `予算の${hoursText(budgetHours)}時間に${formatYmdJa(reachedOn)}に達しました${over > 0 ? `（超過${hoursText(over)}時間）` : ''}。${monthEnd < end ? `事業終了日（${endJa}）までの稼働について、特許庁と相談してください。` : ''}`,
    };
  }
  if (hoursToDate === 0)
    return {
      ...measured,
      forecast: 'no-hours',
      atRisk: monthEnd < end,
      summary: `${formatYmdJa(since)}以降、稼働の記録がまだありません。`,
    };
  if (monthEnd >= end)
    return {
      ...measured,
      forecast: 'programme-ended',
      projectedHoursAtEnd: hoursToDate,
      summary: `事業終了日（${endJa}）までの稼働は、予算${hoursText(budgetHours)}時間のうち${hoursText(hoursToDate)}時間（${Math.round((hoursToDate / budgetHours) * 100)}%）でした。`,
    };
  const perDay = hoursToDate / elapsedDays;
  const remaining = budgetHours - hoursToDate;
  const runsOutOn = addDays(monthEnd, Math.ceil(remaining / perDay));
  const daysLeft = daysBetween(monthEnd, end);
  const projectedHoursAtEnd = round1(hoursToDate + perDay * daysLeft);
  const neededHoursPerWeek = round1(remaining / (daysLeft / 7));
  if (runsOutOn <= end)
    return {
      ...measured,
      forecast: 'runs-out-before-end',
      runsOutOn,
      projectedHoursAtEnd,
      neededHoursPerWeek,
      atRisk: true,
      summary: `${paceText}このペースが続くと、予算の${hoursText(budgetHours)}時間を${roughDateJa(runsOutOn)}に使い切る見込みで、事業終了日（${endJa}）より前です。残りの期間は週平均${neededHoursPerWeek}時間に抑える必要があります。`,
    };
  const leftAtEnd = round1(budgetHours - projectedHoursAtEnd);
  // More than a fifth of the budget unused at the end means support the Office paid for is not happening.
  const atRisk = leftAtEnd > budgetHours / 5;
  return {
    ...measured,
    forecast: 'lasts-to-end',
    runsOutOn,
    projectedHoursAtEnd,
    neededHoursPerWeek,
    atRisk,
    summary: `${paceText}このペースが続くと、事業終了日（${endJa}）の時点で予算のうち約${hoursText(leftAtEnd)}時間（${hoursText(standardHours)}時間換算で約${round1(leftAtEnd / standardHours)}日）が残る見込みです。予算どおりに稼働するには、残りの約${round1(daysLeft / 7)}週で週平均${neededHoursPerWeek}時間が目安です。${atRisk ? '予算の消化が遅れています。' : ''}`,
  };
}
