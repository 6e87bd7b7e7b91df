/**
 * pd-monthly-report-missing: the PD hands in a monthly report every month (§5.4(1)), due PD月次報告期限 business
 * days after the month ends. A month from PD派遣開始日's month whose deadline has passed and that has no 受領日
 * is missing. The reminders and the annual report ask overdueReports, written only here.
 */
import type { BusinessCalendar } from '../calendar';
import { happenedBy, type YearMonth, type Ymd } from '../dates';
import type { Finding } from '../findings';
import type { Ledger } from '../ledgerReader';
import { pdReportDueOf, pdReportMonths, settingName } from '../programmeYear';
import { placeOf, type Row, TAB_NAME } from '../schema';
import type { Rule } from './rule';

export type PdReportRow = Row<'pdReports'>;

export interface MonthReport {
  readonly month: YearMonth;
  readonly due: Ymd;
  /** The month's row in PD月次報告 (the first one with 受領日, else the first), or null when none is typed. */
  readonly row: PdReportRow | null;
}

/** Every month the PD reports on, with its deadline and its row. */
export function monthReports(ledger: Ledger, calendar: BusinessCalendar): MonthReport[] {
  return pdReportMonths(ledger.settings).map(month => {
    const rows = ledger.pdReports.filter(r => r.month === month);
    return { month, due: pdReportDueOf(month, ledger.settings, calendar), row: rows.find(r => r.receivedOn !== null) ?? rows[0] ?? null };
  });
}

/** Received by today (a 受領日 ahead has not happened yet). */
export const isReceived = (m: MonthReport, today: Ymd): boolean => happenedBy(m.row?.receivedOn ?? null, today);

/** Months past their deadline at today without a 受領日. */
export const overdueReports = (ledger: Ledger, today: Ymd, calendar: BusinessCalendar): MonthReport[] =>
  monthReports(ledger, calendar).filter(m => today > m.due && !isReceived(m, today));

const monthJa = (m: YearMonth): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

export const pdMonthlyReportMissing: Rule = {
  name: '事業PDの月次報告書',
  needs: { pdReports: ['month', 'receivedOn'] },
  run({ contract, ledger, today, calendar }) {
    const deadline = `月末から${ledger.settings.pdReportDueDays}営業日後（${settingName('pdReportDueDays')}）`;
    return overdueReports(ledger, today, calendar).map(
      (m): Finding =>
        m.row
          ? {
              ...placeOf(contract, 'pdReports', 'receivedOn'),
              row: m.row.rowNumber,
              severity: 'error',
              code: 'pd-monthly-report-missing',
              message: `${monthJa(m.month)}分の事業PDの月次報告書が受領されていません。期限は${m.due}（${deadline}）でした（仕様書5.4(1)）。事業PDから受け取り、受領日を入力してください。`,
            }
          : {
              ...placeOf(contract, 'pdReports', 'month'),
              row: null,
              severity: 'error',
              code: 'pd-monthly-report-missing',
              message: `${monthJa(m.month)}分の事業PDの月次報告書の記録がありません。期限は${m.due}（${deadline}）でした（仕様書5.4(1)）。${TAB_NAME.pdReports}に対象月${m.month}の行を追加し、受け取った日を受領日に入力してください。`,
            }
    );
  },
};
