/**
 * The results presentation (成果発表会, §7) and its publicity in 広報記録: what the presentation rules, the
 * reminders and the annual report share. A record counts for a presentation when its 会議ID names that meeting
 * or is blank.
 */
import { contract } from '../../../sheets-templates/contract';
import type { Ymd } from '../dates';
import type { Ledger } from '../ledgerReader';
import type { MeetingRow, Row } from '../schema';

export type PublicityRow = Row<'publicity'>;

export const isPresentation = (m: Pick<MeetingRow, 'type'>): boolean => m.type === contract.presentationType;

/** Held: 開催日 on or before today. */
export const isHeld = (m: Pick<MeetingRow, 'date'>, today: Ymd): boolean => m.date <= today;

export const presentationsOf = (ledger: Ledger): MeetingRow[] => ledger.meetings.filter(isPresentation);

/** The results presentation: the earliest 成果発表会 registered (a second one is a repeat or a typo). */
export const firstPresentation = (ledger: Ledger): MeetingRow | undefined =>
  presentationsOf(ledger).reduce<MeetingRow | undefined>((a, b) => (a === undefined || b.date < a.date ? b : a), undefined);

const isFor = (p: PublicityRow, meeting: Pick<MeetingRow, 'id'>): boolean => p.meetingId === null || p.meetingId === meeting.id;

/** 開催案内 in 新聞 or テレビ (§7⑦) dated before the presentation. */
export const announcementsOf = (ledger: Ledger, meeting: Pick<MeetingRow, 'id' | 'date'>): PublicityRow[] =>
  ledger.publicity.filter(
    p =>
      isFor(p, meeting) &&
      p.kind === contract.presentationAnnouncement.kind &&
      (contract.presentationAnnouncement.media as readonly string[]).includes(p.medium) &&
      p.date < meeting.date
  );

/** 採録記事 (§7⑧) dated on or after the presentation and published by asOf. */
export const coverageOf = (ledger: Ledger, meeting: Pick<MeetingRow, 'id' | 'date'>, asOf: Ymd): PublicityRow[] =>
  ledger.publicity.filter(
    p => isFor(p, meeting) && p.kind === contract.presentationCoverage.kind && p.date >= meeting.date && p.date <= asOf
  );

/** A held presentation without an announcement in 新聞 or テレビ before it. */
export const lacksAnnouncement = (ledger: Ledger, meeting: MeetingRow, today: Ymd): boolean =>
  isPresentation(meeting) && isHeld(meeting, today) && announcementsOf(ledger, meeting).length === 0;

/** A held presentation without a write-up on or after it. */
export const lacksCoverage = (ledger: Ledger, meeting: MeetingRow, today: Ymd): boolean =>
  isPresentation(meeting) && isHeld(meeting, today) && coverageOf(ledger, meeting, today).length === 0;

/** Days before a presentation from which a missing announcement is reminded. */
export const ANNOUNCEMENT_REMINDER_DAYS = 14;
