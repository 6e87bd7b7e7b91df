/**
 * The year's dates that 設定 leaves to a default (DESIGN.md "The year's obligations"): 年度, 納入期限, PD評価期限
 * and each month's PD report deadline. The rules, the reminders and the annual report all ask these, so a
 * default is worked out in one place.
 */
import { contract } from '../../sheets-templates/contract';
import type { BusinessCalendar } from './calendar';
import { addDays, lastDayOfMonth, monthOf, nextMonth, previousMonth, type YearMonth, type Ymd } from './dates';
import { fiscalYearOf as fiscalYearOfDate } from './fiscalYear';
import type { SettingKey, Settings } from './settings';

/** The 設定 項目 of a setting, as the contract spells it (for messages). */
export const settingName = (key: SettingKey): string => contract.settings.find(s => s.key === key)?.name ?? key;

/** 年度: as typed, else the fiscal year of 事業開始日, else of 事業終了日. */
export const fiscalYearOf = (settings: Settings): number =>
  settings.fiscalYear ?? fiscalYearOfDate(settings.programmeStart ?? settings.programmeEnd);

/** 納入期限: as typed, else 事業終了日 (§15). */
export const deliveryDueOf = (settings: Settings): Ymd => settings.deliveryDue ?? settings.programmeEnd;

/** From this day on, the year-end obligations are urgent: 30 days before 納入期限. */
export const YEAR_END_WINDOW_DAYS = 30;
export const yearEndWindowStart = (settings: Settings): Ymd => addDays(deliveryDueOf(settings), -YEAR_END_WINDOW_DAYS);
export const inYearEndWindow = (settings: Settings, today: Ymd): boolean => today >= yearEndWindowStart(settings);

/** The last business day on or before date. */
export function lastBusinessDayOnOrBefore(date: Ymd, calendar: BusinessCalendar): Ymd {
  let d = date;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

/** PD評価期限: as typed, else the last business day of the month before 事業終了日's month. */
export const evaluationDueOf = (settings: Settings, calendar: BusinessCalendar): Ymd =>
  settings.pdEvaluationDue ?? lastBusinessDayOnOrBefore(lastDayOfMonth(previousMonth(monthOf(settings.programmeEnd))), calendar);

/** The PD's report for a month is due PD月次報告期限 business days after the month's last day (§5.4(1)). */
export const pdReportDueOf = (month: YearMonth, settings: Settings, calendar: BusinessCalendar): Ymd =>
  calendar.addBusinessDays(lastDayOfMonth(month), settings.pdReportDueDays);

/**
 * The months the PD reports on: from PD派遣開始日's month (not before 事業開始日's: a dispatch date before the
 * programme is a typo, warned at its cell) to 事業終了日's month; none while dispatch has no date.
 */
export function pdReportMonths(settings: Settings): YearMonth[] {
  if (settings.pdDispatchStart === null) return [];
  const months: YearMonth[] = [];
  const last = monthOf(settings.programmeEnd);
  const start =
    settings.programmeStart !== null && settings.programmeStart > settings.pdDispatchStart
      ? settings.programmeStart
      : settings.pdDispatchStart;
  for (let m = monthOf(start); m <= last; m = nextMonth(m)) months.push(m);
  return months;
}
