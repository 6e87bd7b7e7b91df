/** Expert use: this month, to date, the monthly cap and the budget (§12), prior consultation (§5.3(2)). */
import { contract } from '../../../sheets-templates/contract';
import { firstDayOfMonth, monthOf, type YearMonth, type Ymd } from '../dates';
import { missingSource, type ReadResult } from '../ledgerReader';
import { countsAsUse, lacksPriorConsultation, monthsOverCap } from '../rules/experts';
import type { ExpertUseRow } from '../schema';
import { byDateThenRow, firstFigureMonth, inRange, monthsFrom, sum } from './figures';
import type { ExpertFigures, ExpertSection, ExpertUseLine } from './model';
import { leftOutCaveat, partOf, toUnknown } from './unknown';

export const expertLine = (x: ExpertUseRow): ExpertUseLine => ({
  rowNumber: x.rowNumber,
  date: x.date,
  expert: x.expert,
  field: x.field,
  hours: x.hours,
  caseId: x.caseId,
  consultedOn: x.consultedOn,
  status: x.status,
  fee: x.fee,
  travelCost: x.travelCost,
});

export function expertSection(read: ReadResult, month: YearMonth, toDateFrom: Ymd | null, to: Ymd): ExpertSection {
  const figures = expertFigures(read, month, toDateFrom, to);
  const why = missingSource(read, 'experts', ['date', 'status']);
  return why === null ? figures : toUnknown(figures, ['monthlyCap', 'budgetUses'], why);
}

function expertFigures(read: ReadResult, month: YearMonth, toDateFrom: Ymd | null, to: Ymd): ExpertFigures {
  const caveats: string[] = leftOutCaveat(read, 'experts');
  const part = <V>(cols: string[], what: string, value: () => V, say = true): V | null =>
    partOf(read, 'experts', cols, what, say ? caveats : [], value);
  const { settings, experts } = read.ledger;
  const from = firstDayOfMonth(month);
  const ordered = [...experts].sort(byDateThenRow);
  const monthRows = ordered.filter(x => inRange(x.date, from, to));
  const thisMonth = monthRows.filter(countsAsUse);
  const toDate = ordered.filter(x => countsAsUse(x) && inRange(x.date, toDateFrom, to));
  const planned = ordered.filter(x => x.status === '予定' && x.date > to && x.date <= settings.programmeEnd);
  const fields = contract.choices.専門分野;
  // One pass: the counted uses of every month up to the report month's end.
  const usesIn = new Map<YearMonth, number>();
  for (const x of ordered) if (x.date <= to && countsAsUse(x)) usesIn.set(monthOf(x.date), (usesIn.get(monthOf(x.date)) ?? 0) + 1);
  const first = firstFigureMonth(
    toDateFrom,
    [...usesIn.keys()].map(m => `${m}-01`),
    month
  );
  const byMonth = monthsFrom(first, month).map(m => ({ month: m, uses: usesIn.get(m) ?? 0 }));
  return {
    usesThisMonth: byMonth.at(-1)?.month === month ? (byMonth.at(-1)?.uses ?? 0) : thisMonth.length,
    monthlyCap: settings.expertMonthlyCap,
    usesToDate: toDate.length,
    budgetUses: settings.expertBudgetUses,
    cancelledThisMonth: monthRows.length - thisMonth.length,
    plannedAfterMonth: planned.length,
    feesThisMonth: part(['fee'], '謝金', () => sum(thisMonth.map(x => x.fee ?? 0))),
    travelThisMonth: part(['travelCost'], '旅費', () => sum(thisMonth.map(x => x.travelCost ?? 0))),
    feesToDate: part(['fee'], '謝金', () => sum(toDate.map(x => x.fee ?? 0)), false),
    travelToDate: part(['travelCost'], '旅費', () => sum(toDate.map(x => x.travelCost ?? 0)), false),
    byField: part(['field'], '専門分野別の内訳', () =>
      fields
        .map(field => ({
          field,
          thisMonth: thisMonth.filter(x => x.field === field).length,
          toDate: toDate.filter(x => x.field === field).length,
        }))
        .filter(f => f.toDate > 0)
    ),
    byMonth,
    capBreaches: monthsOverCap(toDate, settings.expertMonthlyCap),
    withoutPriorConsultation: part(['consultedOn'], '事前協議の有無', () => toDate.filter(lacksPriorConsultation).map(expertLine)),
    upcomingWithoutPriorConsultation: part(
      ['consultedOn'],
      '事前協議の有無',
      () => planned.filter(lacksPriorConsultation).map(expertLine),
      false
    ),
    list: monthRows.map(expertLine),
    unknown: null,
    caveats,
  };
}
