/**
 * What an ID must look like to appear in a reminder mail (§21 16⑥: a mail carries IDs, kinds, dates and links
 * only). An ID cell is typed by people, so it can hold anything — a company's name ('青森水産 臨時') included — and
 * only its shape can tell an ID from free text: after NFKC (full-width typing is the same ID), 1 to
 * MAIL_SAFE_ID_MAX characters of ASCII letters, digits, '-', '_', '.' and '/' (E-03, M-015, C-2024-001, R6/E_03).
 * A mail names an item whose ID is of another shape by its tab and row (「PD評価 4行目」), and `check` warns at the
 * cell (id-not-mail-safe). The shape cannot tell a romanised name (AomoriSuisan) from an ID: the 20-character cap
 * keeps such an ID short, and the ID columns' purpose is said in the warning.
 */
export const MAIL_SAFE_ID_MAX = 20;

const MAIL_SAFE_ID = new RegExp(`^[A-Za-z0-9._/-]{1,${MAIL_SAFE_ID_MAX}}$`);

/** The ID as a mail may show it (NFKC, trimmed), or null when it is not of the mail-safe shape. */
export function mailSafeId(id: string): string | null {
  const s = id.normalize('NFKC').trim();
  return MAIL_SAFE_ID.test(s) ? s : null;
}

export const isMailSafeId = (id: string): boolean => mailSafeId(id) !== null;
