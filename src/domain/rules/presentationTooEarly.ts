/** presentation-too-early: the results presentation is held on or after 成果発表会開始日 (§7; FY2024: 2024-12-01). */
import { settingName } from '../programmeYear';
import { placeOf, TAB_NAME } from '../schema';
import { presentationsOf } from './presentation';
import type { Rule } from './rule';

export const presentationTooEarly: Rule = {
  name: '成果発表会の開催時期',
  needs: { meetings: ['id', 'type', 'date'] },
  run({ contract, ledger, settings }) {
    const earliest = settings.presentationEarliest;
    if (earliest === null) return [];
    return presentationsOf(ledger)
      .filter(m => m.date < earliest)
      .map(m => ({
        ...placeOf(contract, 'meetings', 'date'),
        row: m.rowNumber,
        severity: 'error' as const,
        code: 'presentation-too-early' as const,
        message: `${m.type}（${m.id}）の開催日${m.date}は、${TAB_NAME.settings}「${settingName('presentationEarliest')}」の${earliest}より前です。成果発表会は${earliest}以降に開催します（仕様書7）。開催日を確認してください。`,
      }));
  },
};
