import { firstDayOfMonth, lastDayOfMonth, type YearMonth, type Ymd } from '../dates';
import { missingSource, type ReadResult } from '../ledgerReader';
import { countsAsUse } from '../rules/experts';
import { isClosedStage } from '../rules/stages';
import { supportedBy } from '../rules/supportStart';
import type { PdHoursRow } from '../schema';
import { inRange, sum } from './figures';
import type { CaseFigures, CaseLine, CaseSection, MeetingLine } from './model';
import { toUnknown } from './unknown';

export function caseSection(read: ReadResult, month: YearMonth, asOf: Ymd, meetings: readonly MeetingLine[]): CaseSection {
  const figures = caseFigures(read, month, asOf, meetings);
  const why = missingSource(read, 'cases', ['id', 'stage', 'startedOn']);
  return why === null ? figures : toUnknown(figures, ['target'], why);
}

function caseFigures(read: ReadResult, month: YearMonth, asOf: Ymd, meetings: readonly MeetingLine[]): CaseFigures {
  const { cases, pdHours, experts, settings } = read.ledger;
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);
  const pdThisMonth = pdHours.filter(r => inRange(r.date, from, to));
  const expertsThisMonth = experts.filter(x => countsAsUse(x) && inRange(x.date, from, to));
  const known = new Set(cases.map(c => c.id));
  const list = cases.map((c): CaseLine => {
    const pd = pdThisMonth.filter(r => r.caseId === c.id);
    const xs = expertsThisMonth.filter(x => x.caseId === c.id);
    return {
      id: c.id,
      company: c.company,
      stage: c.stage,
      owner: c.owner,
      // A month counts only what had started by its last day (支援開始日); the stage is the one recorded now.
      supported: supportedBy(c, to),
      prevalidatedOn: c.prevalidatedOn,
      pdHoursThisMonth: sum(pd.map(r => r.hours)),
      pdDaysThisMonth: new Set(pd.map(r => r.date)).size,
      expertUsesThisMonth: xs.length,
      expertFieldsThisMonth: [...new Set(xs.flatMap(x => (x.field === null ? [] : [x.field])))],
      meetingsThisMonth: meetings.filter(m => m.held && m.caseIds.includes(c.id)).map(m => m.id),
      nextAction: c.nextAction,
      nextDue: c.nextDue,
      nextDueOverdue: !isClosedStage(c.stage) && c.nextDue !== null && c.nextDue < asOf,
    };
  });
  const unknown = new Map<string, PdHoursRow[]>();
  for (const r of pdThisMonth) if (r.caseId !== null && !known.has(r.caseId)) unknown.set(r.caseId, [...(unknown.get(r.caseId) ?? []), r]);
  return {
    supported: list.filter(c => c.supported).length,
    target: settings.supportedTarget,
    list,
    unknownCaseHours: [...unknown].map(([caseId, rows]) => ({
      caseId,
      hours: sum(rows.map(r => r.hours)),
      rows: rows.map(r => r.rowNumber),
    })),
    unknown: null,
    caveats: [],
  };
}
