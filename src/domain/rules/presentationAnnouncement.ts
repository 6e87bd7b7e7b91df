/**
 * presentation-no-announcement: before the results presentation, it is announced in a newspaper or on TV
 * (§7⑦). A held presentation with no 開催案内 in 新聞 or テレビ dated before it is flagged.
 */
import { placeOf, TAB_NAME } from '../schema';
import { lacksAnnouncement } from './presentation';
import type { Rule } from './rule';

export const presentationNoAnnouncement: Rule = {
  name: '成果発表会の開催案内',
  needs: { meetings: ['id', 'type', 'date'], publicity: ['date', 'kind', 'medium', 'meetingId'] },
  run: ({ contract, ledger, today }) =>
    ledger.meetings
      .filter(m => lacksAnnouncement(ledger, m, today))
      .map(m => ({
        ...placeOf(contract, 'meetings', 'id'),
        row: m.rowNumber,
        severity: 'error' as const,
        code: 'presentation-no-announcement' as const,
        message: `${m.type}（${m.id}、${m.date}開催）の開催案内が、${TAB_NAME.publicity}に新聞・テレビで記録されていません（仕様書7⑦）。掲載されていれば、種類「開催案内」、媒体区分「新聞」か「テレビ」、会議ID「${m.id}」で記録してください。`,
      })),
};
