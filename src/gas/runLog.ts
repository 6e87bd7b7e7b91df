/**
 * 実行ログ: what the system did (reports, mail, triggers, refusals), with time, kind and the effective
 * user. Written only by the system; every entry of a run goes in with one write.
 */

import { normalizeHeader } from '../domain/cellParsers';
import { timestampInTimeZone } from '../domain/clock';
import { tabSpec } from '../domain/schema';
import { sheetSafeText } from '../domain/sheetText';
import { type TabTemplate, workbookTemplate } from '../domain/template';
import { setupTab } from './setup';

export interface LogEntry {
  readonly kind: string;
  readonly key?: string;
  readonly to?: string;
  readonly result: string;
  readonly detail?: string;
}

/** 実行ログ 種類 and 結果 of a command that writes one current Doc per period (the month, the fiscal year). */
export function docCommandLog<K extends string>(kind: K) {
  return { kind, created: 'created', updated: 'updated', refused: 'refused', locked: 'locked', failed: 'failed' } as const;
}

export function effectiveUser(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch {
    return '';
  }
}

export class RunLog {
  private readonly pending: LogEntry[] = [];

  add(entry: LogEntry): void {
    this.pending.push(entry);
  }

  /** Appends every pending entry to 実行ログ in one write (the tab is created if missing). */
  flush(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date = new Date()): void {
    if (this.pending.length === 0) return;
    const tab = tabSpec('log');
    const sheet = ss.getSheetByName(tab.name) ?? createLogSheet(ss);
    const lastColumn = Math.max(sheet.getLastColumn(), tab.columns.length);
    const header = (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []).map(h => normalizeHeader(h as string));
    const at = (h: string): number => header.indexOf(normalizeHeader(h));
    const user = effectiveUser();
    const when = timestampInTimeZone(now);
    const rows = this.pending.map(e => {
      const row: string[] = Array.from({ length: lastColumn }, () => '');
      const put = (h: string, v: string | undefined): void => {
        const i = at(h);
        if (i >= 0) row[i] = sheetSafeText(v ?? '');
      };
      put('日時', when);
      put('種類', e.kind);
      put('キー', e.key);
      put('宛先', e.to);
      put('結果', e.result);
      put('詳細', e.detail);
      put('実行者', user);
      return row;
    });
    sheet.getRange(sheet.getLastRow() + 1, 1, rows.length, lastColumn).setValues(rows);
    this.pending.length = 0;
  }
}

const createLogSheet = (ss: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet =>
  setupTab(ss, workbookTemplate.find(t => t.name === tabSpec('log').name) as TabTemplate);
