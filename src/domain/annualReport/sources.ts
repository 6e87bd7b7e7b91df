/**
 * What each section of the 事業報告書 is drawn from (tab key → column keys), and what the workbook could not give.
 * A section whose readiness needs a tab or column the workbook lacks (renamed, or added after the workbook was
 * made) is unknown: the readiness says once that it cannot be judged, and why, instead of a gap per row derived
 * from a missing column. A column the section only prints is 不明 in its cells, with the reason. The columns the
 * rules read are taken from the rule files (`needs`), not written again.
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import { hasColumns, missingSource, type ReadResult } from '../ledgerReader';
import { effectVerificationMissing } from '../rules/effectVerification';
import { pdEvaluationCriteriaUnapproved } from '../rules/pdEvaluationCriteria';
import { pdEvaluationLowWithoutConsultation } from '../rules/pdEvaluationLow';
import { pdEvaluationMissing } from '../rules/pdEvaluationMissing';
import { pdEvaluationNotReported } from '../rules/pdEvaluationReport';
import { pdMonthlyReportMissing } from '../rules/pdMonthlyReports';
import { presentationNoAnnouncement } from '../rules/presentationAnnouncement';
import { presentationNoCoverage } from '../rules/presentationCoverage';
import { presentationTooEarly } from '../rules/presentationTooEarly';
import { reprintPermissionPending } from '../rules/reprintPermissions';
import { secretariatRoles } from '../rules/secretariatRoles';
import { tabOf } from '../schema';

type Needs = Readonly<Record<string, readonly string[]>>;

const merge = (...all: readonly Needs[]): Needs => {
  const out: Record<string, string[]> = {};
  for (const needs of all) for (const [tab, columns] of Object.entries(needs)) out[tab] = [...new Set([...(out[tab] ?? []), ...columns])];
  return out;
};

const narrative: Needs = { narrative: ['chapter', 'text'] };
const meetingList: Needs = { meetings: ['id', 'type', 'date'] };
const supported: Needs = { cases: ['id', 'stage'] };
const pdTimesheet: Needs = { pdHours: ['date', 'hours'] };
/** 事業開始日, PD派遣開始日 and PD月次報告期限 place the PD's months and deadlines. */
const programmeSettings: Needs = { settings: ['name', 'value'] };

/** What each section's readiness is judged from: without one of these the section cannot be judged. */
const judgedFrom: Readonly<Record<string, Needs>> = {
  ...Object.fromEntries(
    annualReportOutline.chapters.map(c => [c.no, c.chapter === '運営体制' ? merge(narrative, secretariatRoles.needs) : narrative])
  ),
  '①': merge(pdMonthlyReportMissing.needs, programmeSettings, { pdReports: ['submittedOn', 'documentUrl'] }),
  '②': merge(
    pdEvaluationCriteriaUnapproved.needs,
    pdEvaluationMissing.needs,
    pdEvaluationLowWithoutConsultation.needs,
    pdEvaluationNotReported.needs,
    { pdEvaluations: ['recordUrl'] }
  ),
  '③': effectVerificationMissing.needs,
  '④': { knowhow: ['date'] },
  '⑤': meetingList,
  '⑥': merge(supported, presentationTooEarly.needs, presentationNoAnnouncement.needs, presentationNoCoverage.needs),
  ...Object.fromEntries(
    annualReportOutline.meetingItems.map(i => [
      i.no,
      merge(meetingList, { meetings: ['materialsUrl', 'minutesUrl', ...(i.no === '⑩' ? ['opinions'] : [])] }),
    ])
  ),
  '⑪': narrative,
  [annualReportOutline.annex.no]: merge(reprintPermissionPending.needs, { permissions: ['permitUrl'] }),
};

/** What each section prints besides (its figures and columns): a missing one is 不明 in the section, with the reason. */
const printedFrom: Readonly<Record<string, Needs>> = {
  '2': merge(pdTimesheet, supported, meetingList),
  '3': { handlers: ['name', 'email', 'affiliation', 'role', 'active'] },
  '①': merge(pdTimesheet, programmeSettings, { pdHours: ['activity'] }),
  '②': { pdEvaluations: ['kind', 'heardFrom', 'heardOn', 'decision', 'remarks'] },
  '③': { effects: ['indicator', 'unit', 'baseline', 'target', 'measuredOn', 'evidence', 'remarks'], cases: ['company'] },
  '④': { knowhow: ['theme', 'content', 'caseIds', 'meetingId'] },
  '⑤': merge(pdTimesheet, supported, {
    handlers: ['name', 'email', 'affiliation', 'role', 'active'],
    meetings: ['format', 'minutesSharedOn', 'caseIds'],
    pdHours: ['activity', 'caseId'],
    cases: ['company'],
  }),
  '⑥': { cases: ['company', 'menu', 'outcome'], publicity: ['outlet', 'recordUrl'] },
  ...Object.fromEntries(annualReportOutline.meetingItems.map(i => [i.no, { meetings: ['format', 'minutesSharedOn'] }])),
  [annualReportOutline.annex.no]: { permissions: ['work', 'holder', 'placement', 'requestedOn'] },
};

export interface SectionSource {
  /** Why the section cannot be judged (its tab or a column its readiness needs is missing), or null. */
  readonly unknown: string | null;
  /** The tab to fix when unknown (the first one missing). */
  readonly sheet: string | null;
  /** Why parts it prints are 不明 (a column it only prints is missing). */
  readonly caveats: readonly string[];
}

export interface Sources {
  /** By section number ('1'..'4', '①'..'⑪', '別紙'). */
  readonly sections: Readonly<Record<string, SectionSource>>;
  /** Tab key → why its rows cannot be listed (the tab or one of its essential columns is missing). */
  readonly rows: Readonly<Record<string, string>>;
  /** 'tabKey.columnKey' → why the column's cells are 不明 (the tab or the column is missing). */
  readonly columns: Readonly<Record<string, string>>;
}

const reasonsOf = (read: ReadResult, needs: Needs): { reasons: string[]; sheets: string[] } => {
  const reasons: string[] = [];
  const sheets: string[] = [];
  for (const [tab, columns] of Object.entries(needs)) {
    const why = missingSource(read, tab, columns);
    if (why === null) continue;
    reasons.push(why);
    sheets.push(tabOf(read.contract, tab).name);
  }
  return { reasons, sheets };
};

/** What the workbook read can and cannot give the 事業報告書. */
export function sourcesOf(read: ReadResult): Sources {
  const sections: Record<string, SectionSource> = {};
  for (const [no, needs] of Object.entries(judgedFrom)) {
    const judged = reasonsOf(read, needs);
    const printed = reasonsOf(read, printedFrom[no] ?? {});
    sections[no] = {
      unknown: judged.reasons.length === 0 ? null : judged.reasons.join('。'),
      sheet: judged.sheets[0] ?? null,
      caveats: [...new Set(printed.reasons)].filter(r => !judged.reasons.includes(r)),
    };
  }
  const rows: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const tab of read.contract.tabs) {
    const why = missingSource(
      read,
      tab.key,
      tab.columns.filter(c => c.essential).map(c => c.key)
    );
    if (why !== null) rows[tab.key] = why;
    for (const c of tab.columns) {
      const column = hasColumns(read, tab.key, [c.key]) ? null : missingSource(read, tab.key, [c.key]);
      if (column !== null) columns[`${tab.key}.${c.key}`] = column;
    }
  }
  // The PD's hours are summed over the programme's months, which 設定 gives: without it they cannot be placed.
  const settingsMissing = rows.settings;
  if (settingsMissing !== undefined && rows.pdHours === undefined) rows.pdHours = settingsMissing;
  return { sections, rows, columns };
}
