/**
 * presentation-no-coverage: after the results presentation, its results are publicised by at least one
 * newspaper write-up or equally effective media (§7⑧). A held presentation with no 採録記事 on or after it is a
 * warning, an error from 30 days before 納入期限.
 */
import { inYearEndWindow } from '../programmeYear';
import { placeOf, TAB_NAME } from '../schema';
import { lacksCoverage } from './presentation';
import type { Rule } from './rule';

export const presentationNoCoverage: Rule = {
  name: '成果発表会の採録記事',
  needs: { meetings: ['id', 'type', 'date'], publicity: ['date', 'kind', 'meetingId'] },
  run: ({ contract, ledger, settings, today }) =>
    ledger.meetings
      .filter(m => lacksCoverage(ledger, m, today))
      .map(m => ({
        ...placeOf(contract, 'meetings', 'id'),
        row: m.rowNumber,
        severity: inYearEndWindow(settings, today) ? ('error' as const) : ('warning' as const),
        code: 'presentation-no-coverage' as const,
        message: `${m.type}（${m.id}、${m.date}開催）の採録記事が${TAB_NAME.publicity}にありません。開催後、新聞の採録記事など1件以上で成果を周知します（仕様書7⑧）。掲載されたら、種類「採録記事」、会議ID「${m.id}」で記録してください。`,
      })),
};
