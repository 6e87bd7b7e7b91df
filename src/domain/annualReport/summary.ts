/**
 * `annual-report --json` (issue "事業報告書", Local): the report's sections with how many rows each draws from the
 * workbook and what each still lacks, and the readiness for delivery. The shape is a contract: exactly
 * {"fiscalYear", "sections":[{"no","title","rows","unknown","caveats","missing"}], "readiness":{"complete","total","missing"}}.
 * As in `report --json`, a section whose tab or a column it is judged from is missing has `unknown` (the reason,
 * naming tab and column) and `rows` null; `caveats` says which printed parts are 不明.
 */
import { annualReportOutline } from '../../../sheets-templates/annualReport';
import type { AnnualReportModel } from './model';
import type { MissingItem } from './readiness';

export interface AnnualReportJson {
  readonly fiscalYear: number;
  readonly sections: readonly {
    readonly no: string;
    readonly title: string;
    /** null when unknown. */
    readonly rows: number | null;
    readonly unknown: string | null;
    readonly caveats: readonly string[];
    readonly missing: readonly MissingItem[];
  }[];
  readonly readiness: { readonly complete: number; readonly total: number; readonly missing: readonly MissingItem[] };
}

/** Rows each section draws from the workbook (paragraphs of 報告書本文, table rows of the other tabs). */
function rowsOf(model: AnnualReportModel, no: string): number {
  const chapter = annualReportOutline.chapters.find(c => c.no === no);
  if (chapter)
    return (
      (model.narrative[chapter.chapter] ?? []).length + (no === '3' ? model.organisation.reduce((a, o) => a + o.members.length, 0) : 0)
    );
  switch (no) {
    case '①':
      return model.pd.months.length;
    case '②':
      return model.evaluations.list.length;
    case '③':
      return model.effects.length;
    case '④':
      return model.knowhow.length;
    case '⑤':
      return model.team.meetings.length + model.team.companies.length;
    case '⑥':
      return model.results.supported.length + model.results.publicity.length + model.results.presentations.length;
    case '⑪':
      return (model.narrative[annualReportOutline.otherChapter] ?? []).length;
    case annualReportOutline.annex.no:
      return model.permissions.length;
    default:
      return model.meetingItems.find(i => i.no === no)?.meetings.length ?? 0;
  }
}

export function annualReportJson(model: AnnualReportModel): AnnualReportJson {
  const { readiness } = model;
  const sections = [
    ...annualReportOutline.chapters.map(c => ({ no: c.no, title: c.title })),
    ...annualReportOutline.items.map(i => ({ no: i.no, title: i.title })),
    { no: annualReportOutline.annex.no, title: annualReportOutline.annex.title },
  ].map(s => {
    const source = model.sources.sections[s.no];
    const unknown = source?.unknown ?? null;
    return {
      no: s.no,
      title: s.title,
      rows: unknown === null ? rowsOf(model, s.no) : null,
      unknown,
      caveats: source?.caveats ?? [],
      missing: readiness.missing.filter(m => m.section === s.no),
    };
  });
  return {
    fiscalYear: model.fiscalYear,
    sections,
    readiness: { complete: readiness.complete, total: readiness.total, missing: readiness.missing },
  };
}
