/**
 * Text the system writes into a spreadsheet stays text (formula injection, §21 16①): a value starting
 * with =, +, -, @, tab or CR would be taken as a formula by Sheets or Excel, so it gets the apostrophe
 * prefix Sheets shows as plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

export const sheetSafeText = (text: string): string => (looksLikeFormula(text) ? `'${text}` : text);
