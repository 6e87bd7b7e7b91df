/**
 * generateAnnualReport (menu 事業報告書を作成): the 事業報告書 of the workbook's fiscal year (src/domain/annualReport)
 * as the Google Doc 事業報告書_<年度>, behind the approval gate (§21 12-14), as the monthly report: one current Doc
 * per fiscal year, rewritten in place on a re-run (its ID in the document properties), every block one or a fixed
 * few Docs calls. What is still missing for delivery goes to the dialog and 実行ログ, never into the Doc.
 */

import { annualReportBlocks } from '../domain/annualReport/layout';
import { annualReportFileBase, buildAnnualReport } from '../domain/annualReport/model';
import type { Readiness } from '../domain/annualReport/readiness';
import { check } from '../domain/check';
import { dayOutOfReach } from '../domain/reach';
import { startExport } from './exportGate';
import { writeReportDoc } from './reportDoc';
import { docCommandLog } from './runLog';
import { errorText, tell } from './ui';

export const ANNUAL_REPORT_TITLE = '事業報告書を作成';
/** 実行ログ 種類 and 結果 of this command; キー is the fiscal year. */
export const ANNUAL_REPORT_LOG = docCommandLog('annual-report');
/** Document property holding the current Doc of a fiscal year. */
export const annualReportDocProperty = (fiscalYear: number): string => `annualReportDocId.${fiscalYear}`;

const LOCK_WAIT_MS = 30_000;
/** Missing items listed in the dialog and in 実行ログ's 詳細; the rest are counted. */
const LISTED = 10;

export type AnnualReportOutcome = 'created' | 'updated' | 'refused' | 'locked';

export interface AnnualReportRun {
  readonly outcome: AnnualReportOutcome;
  readonly fiscalYear: number | null;
  readonly url: string | null;
  readonly readiness: Readiness | null;
  readonly message: string;
}

/** The readiness as the dialog and 実行ログ say it: the count, then the first few items with their place. */
export function readinessText(r: Readiness): string {
  if (r.missing.length === 0) return `納入に必要な${r.total}項目はそろっています。`;
  const lines = r.missing.slice(0, LISTED).map(m => `・${m.section} ${m.what}（${m.sheet}${m.row === null ? '' : ` ${m.row}行目`}）`);
  if (r.missing.length > LISTED) lines.push(`…ほか${r.missing.length - LISTED}件`);
  return [`納入までに足りないもの: ${r.missing.length}件（${r.total}項目中${r.complete}項目がそろっています）`, ...lines].join('\n');
}

/** The menu command. `at` defaults to now; whatever else Apps Script passes to an entry point is ignored. */
export function generateAnnualReportCommand(at?: unknown): AnnualReportRun {
  const { now, today, ss, log, read, refused } = startExport(at, ANNUAL_REPORT_TITLE, ANNUAL_REPORT_LOG.kind, ANNUAL_REPORT_LOG.refused);
  if (refused !== null) return { outcome: 'refused', fiscalYear: null, url: null, readiness: null, message: refused };
  // As `annual-report --today` and the monthly report's month: a day years away from the programme is refused.
  const far = dayOutOfReach(today, read.ledger.settings, '作成日');
  if (far !== null) {
    log.add({ kind: ANNUAL_REPORT_LOG.kind, result: ANNUAL_REPORT_LOG.refused, detail: far });
    log.flush(ss, now);
    tell(ANNUAL_REPORT_TITLE, far);
    return { outcome: 'refused', fiscalYear: null, url: null, readiness: null, message: far };
  }
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    const message = '別の人がこのブックの報告書を作成中です。少し待ってからもう一度実行してください。';
    log.add({ kind: ANNUAL_REPORT_LOG.kind, result: ANNUAL_REPORT_LOG.locked, detail: message });
    log.flush(ss, now);
    tell(ANNUAL_REPORT_TITLE, message);
    return { outcome: 'locked', fiscalYear: null, url: null, readiness: null, message };
  }
  let fiscalYear: number | null = null;
  try {
    const model = buildAnnualReport(read, check(read, today), today, ss.getName());
    fiscalYear = model.fiscalYear;
    const name = annualReportFileBase(model.fiscalYear);
    const written = writeReportDoc(
      name,
      annualReportDocProperty(model.fiscalYear),
      annualReportBlocks(model),
      read.ledger.settings.reportFolderId
    );
    const outcome = written.replaced ? 'updated' : 'created';
    const readiness = readinessText(model.readiness);
    log.add({
      kind: ANNUAL_REPORT_LOG.kind,
      key: String(model.fiscalYear),
      result: ANNUAL_REPORT_LOG[outcome],
      detail: [
        written.url,
        written.replaced ? '同じ年度の報告書を最新の内容に書き換えました' : '新しく作成しました',
        readiness,
        written.folderProblem ?? '',
      ]
        .filter(Boolean)
        .join(' / '),
    });
    const message = [
      `${name} を${written.replaced ? '最新の内容に更新しました（以前の内容はドキュメントの変更履歴に残っています）' : '作成しました'}。`,
      written.url,
      '',
      readiness,
      written.folderProblem ? `\n${written.folderProblem}` : '',
    ]
      .filter((l, i) => l !== '' || i === 2)
      .join('\n');
    tell(ANNUAL_REPORT_TITLE, message);
    return { outcome, fiscalYear, url: written.url, readiness: model.readiness, message };
  } catch (e) {
    log.add({
      kind: ANNUAL_REPORT_LOG.kind,
      key: fiscalYear === null ? '' : String(fiscalYear),
      result: ANNUAL_REPORT_LOG.failed,
      detail: `作成を中断しました: ${errorText(e)}`,
    });
    throw e;
  } finally {
    log.flush(ss, now);
    lock.releaseLock();
  }
}
